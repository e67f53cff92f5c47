#pragma once
// What is drawn over the globe with Dear ImGui: the data label (always visible, also in rendered
// images), and in the window a small panel that edits ViewSettings. Call between ImGui::NewFrame
// and ImGui::Render.
#include <string>
#include <utility>
#include <vector>

#include "ui/view_settings.h"

namespace plateau::ui {

// Fonts and style; call once after ImGui::CreateContext. Uses DejaVu Sans when installed.
void setupImGui(float scale);
void drawLabel(const StatusInfo& status);
// Feature labels on the map, behind every window: a dot at the anchor and haloed text.
void drawMapLabels(const std::vector<ScreenLabel>& labels);
// Text size in pixels with the current font (for label layout).
std::pair<float, float> measureText(const std::string& text);
// The underground view's settings (a section of the panel). True when one changed.
bool drawUndergroundSettings(UndergroundView& u);

}  // namespace plateau::ui
