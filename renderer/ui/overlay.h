#pragma once
// What is drawn over the globe with Dear ImGui: the data label (always visible, also in rendered
// images) and the map labels, and the fonts and scale they are drawn with. Drawing calls go
// between ImGui::NewFrame and ImGui::Render; font calls outside them.
#include <string>
#include <utility>
#include <vector>

#include "ui/fonts.h"
#include "ui/view_settings.h"

namespace plateau::ui {

// Fonts (ui/fonts.h: Latin, Hanzi, shaped Tibetan) and style; call once after
// ImGui::CreateContext. `scale` is the monitor's content scale times the text-size setting.
// Returns one line per missing font (Latin always works).
std::vector<std::string> setupImGui(float scale);
// The same with the window's options (content scale, text-size setting, common Hanzi for search).
std::vector<std::string> setupImGui(const FontOptions& fonts);
// A new scale between frames (the text-size setting changed): rebuilds the font atlas and the
// style's sizes. The GPU font texture must then be uploaded again (gpu::Renderer::rebuildImGuiFonts).
std::vector<std::string> applyUiScale(float scale);
// Once per frame before NewFrame: rebuilds fonts and style when the content scale or the text
// size changed, or when drawn text needed glyphs the atlas lacks. True when it rebuilt (then
// upload the font texture again: gpu::Renderer::rebuildImGuiFonts). Missing fonts are only
// reported by setupImGui.
bool refreshFonts(float contentScale, float textSizePercent);
// The status box (title, data label, date, credits) at the bottom right: ui/frame_overlay.h draws it.
void drawLabel(const StatusInfo& status);
// Feature labels on the map, behind every window: a dot at the anchor and haloed text.
void drawMapLabels(const std::vector<ScreenLabel>& labels);
// Text size in pixels with the current font, shaped (for label layout).
std::pair<float, float> measureText(const std::string& text);
// The underground view's settings (a section of the panel). True when one changed.
bool drawUndergroundSettings(UndergroundView& u);

}  // namespace plateau::ui
