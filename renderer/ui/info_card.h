#pragma once
// The info card of the picked object: a small window beside the panel, with a close button.
#include "core/info_card.h"

namespace plateau::ui {

inline constexpr const char* kInfoWindow = "Info";

// Draws the card; false when the user closed it.
bool drawInfoCard(const InfoCard& card);
// The same card as a tooltip at the cursor (what the mouse hovers, before any click).
void drawInfoTooltip(const InfoCard& card);

}  // namespace plateau::ui
