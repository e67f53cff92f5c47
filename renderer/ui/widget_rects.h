#pragma once
// Where named widgets were drawn in the last frame, so input can be aimed at them: headless
// tests click "layer.visible.glaciers" as a user would, and nothing in the panel has to know
// about tests. Rectangles are in ImGui display coordinates.
#include <optional>
#include <string>

namespace plateau::ui {

struct WidgetRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float cx() const { return 0.5f * (x0 + x1); }
    float cy() const { return 0.5f * (y0 + y1); }
};

// Records the last ImGui item's rectangle under `key` (call right after the widget).
void noteItem(const std::string& key);
// Records the current window's rectangle under `key` (call between Begin and End).
void noteWindow(const std::string& key);
std::optional<WidgetRect> widgetRect(const std::string& key);
// Forgets every rectangle (at the start of a frame, so hidden widgets are not found).
void clearWidgetRects();

}  // namespace plateau::ui
