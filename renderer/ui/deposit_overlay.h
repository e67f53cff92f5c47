#pragma once
// Deposit markers, their labels, the legend and an info card, drawn with Dear ImGui's draw
// lists from plain structs (core/deposit_markers.h, core/deposit_style.h). Call between
// ImGui::NewFrame and ImGui::Render; the markers go on the background draw list, under every
// window, like map labels.
#include <vector>

#include "core/deposit_markers.h"

namespace plateau::ui {

// Discs (a dark outline keeps them apart on any terrain); producing deposits get a white ring
// with a gap around the disc, the mine symbol. Then the labels, haloed.
void drawDepositMarkers(const DepositFrame& frame);
// One box in the upper right: per layer its title, colours and reference sizes.
void drawDepositLegends(const std::vector<DepositLegend>& legends);

}  // namespace plateau::ui
