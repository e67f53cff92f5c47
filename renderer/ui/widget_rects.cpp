#include "ui/widget_rects.h"

#include <unordered_map>

#include <imgui.h>

namespace plateau::ui {

namespace {
// One UI thread: the frame loop's.
std::unordered_map<std::string, WidgetRect>& rects() {
    static std::unordered_map<std::string, WidgetRect> r;
    return r;
}
}  // namespace

void noteItem(const std::string& key) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    rects()[key] = WidgetRect{a.x, a.y, b.x, b.y};
}

void noteWindow(const std::string& key) {
    const ImVec2 a = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    rects()[key] = WidgetRect{a.x, a.y, a.x + size.x, a.y + size.y};
}

std::optional<WidgetRect> widgetRect(const std::string& key) {
    const auto it = rects().find(key);
    if (it == rects().end()) return std::nullopt;
    return it->second;
}

void clearWidgetRects() { rects().clear(); }

}  // namespace plateau::ui
