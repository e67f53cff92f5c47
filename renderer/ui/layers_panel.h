#pragma once
// The layers section (one row per layer: visibility, opacity, style, its own date, its place in
// the drawing order by dragging, why it failed) and the legend section (the relief ramp with
// its heights, each layer's symbols, attributions, and what is synthetic, schematic or
// illustrative). Plain state only.
#include <string>
#include <vector>

#include "core/layer.h"
#include "ui/panel.h"

namespace plateau::ui {

void drawLayersSection(std::vector<LayerDesc>& layers, const PanelModel& model, const Timeline& range,
                       PanelActions& actions);
void drawLegendSection(const std::vector<LayerDesc>& layers, const PanelModel& model);

// The caveat words a text carries ("synthetic", "schematic", "illustrative"), in that order.
std::vector<std::string> caveats(const std::string& text);

}  // namespace plateau::ui
