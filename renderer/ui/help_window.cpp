#include "ui/help_window.h"

#include <algorithm>
#include <imgui.h>

#include "core/nav_input.h"
#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {
using enum NavAction;

// Keys of the window itself, beside navigation.
const std::vector<ShortcutRow>& windowKeys() {
    static const std::vector<ShortcutRow> rows{
        {"F1", "show or hide this help"}, {"F2", "show or hide the panel"}, {"F12", "save a screenshot"}, {"Ctrl+Q", "quit"},
        {"K", "add the view to the flythrough (panel: Flythrough)"}, {"Esc", "stop the flythrough preview"}};
    return rows;
}

// The keys of some actions in brief: single letters, and the four arrows (with a common prefix
// such as "Shift+") as "arrows"; the help lists the rest.
std::string keysOf(std::initializer_list<NavAction> actions) {
    std::vector<std::string> letters, arrows;
    std::string prefix;
    for (const NavKeyBinding& b : navKeyBindings()) {
        if (std::find(actions.begin(), actions.end(), b.action) == actions.end()) continue;
        const std::string name(b.keyName);
        const auto plus = name.rfind('+');
        const std::string base = plus == std::string::npos ? name : name.substr(plus + 1);
        if (name.size() == 1) letters.push_back(name);
        else if (base == "Left" || base == "Right" || base == "Up" || base == "Down") {
            arrows.push_back(base);
            prefix = plus == std::string::npos ? "" : name.substr(0, plus + 1);
        }
    }
    std::string out;
    for (const std::string& l : letters) out += (out.empty() ? "" : "/") + l;
    if (arrows.size() == 4) out += (out.empty() ? "" : ", ") + prefix + "arrows";
    return out;
}
}  // namespace

std::vector<ShortcutGroup> shortcutTable() {
    std::vector<ShortcutGroup> groups;
    ShortcutGroup& mouse = groups.emplace_back(ShortcutGroup{"Mouse", {}});
    for (const NavGesture& g : navMouseGestures()) mouse.rows.push_back({std::string(g.input), std::string(g.action)});
    ShortcutGroup& keys = groups.emplace_back(ShortcutGroup{"Keys (speed follows the height above the ground)", {}});
    for (const NavKeyBinding& b : navKeyBindings()) {
        const auto same = std::find_if(keys.rows.begin(), keys.rows.end(),
                                       [&](const ShortcutRow& r) { return r.action == describe(b.action); });
        if (same != keys.rows.end()) same->input += ", " + std::string(b.keyName);
        else keys.rows.push_back({std::string(b.keyName), std::string(describe(b.action))});
    }
    groups.push_back({"Window", windowKeys()});
    // While a tour is presented the keyboard navigation is off: these are what clickers send.
    groups.push_back({"Presenter mode (a tour: panel > Tour > Start presenting)",
                      {{"Page Down, Space, Right, Down", "next stop"},
                       {"Page Up, Left, Up", "previous stop"},
                       {"Home, End", "first, last stop"},
                       {"P", "autoplay on or off"},
                       {"T", "show or hide the presenter's notes"},
                       {"Esc", "leave presenter mode"}}});
    return groups;
}

std::vector<std::string> navigationHint() {
    // Items in table order, wrapped to lines that fit the panel's width.
    std::vector<std::string> items;
    for (const NavGesture& g : navMouseGestures()) items.push_back(std::string(g.input) + ": " + std::string(g.brief));
    items.push_back(keysOf({Forward, Left, Back, Right}) + ": move");
    items.push_back(keysOf({Up, Down}) + ": up, down");
    items.push_back(keysOf({TurnLeft, TurnRight, TiltUp, TiltDown}) + ": turn, tilt");
    items.push_back(keysOf({NorthUp}) + ": north up");
    items.push_back(keysOf({ResetTilt}) + ": look down");
    items.push_back(keysOf({ResetView}) + ": both");
    items.push_back(windowKeys().front().input + ": all shortcuts");
    std::vector<std::string> lines(1);
    for (const std::string& item : items) {
        if (!lines.back().empty() && lines.back().size() + item.size() > 50) lines.emplace_back();
        lines.back() += (lines.back().empty() ? "" : "   ") + item;
    }
    return lines;
}

void drawNavigationSection(NavigationPanel& state) {
    for (const std::string& line : navigationHint()) ImGui::TextDisabled("%s", line.c_str());
    state.northUp = ImGui::Button("North up");
    noteItem("nav.north_up");
    ImGui::SameLine();
    state.resetTilt = ImGui::Button("Look straight down");
    noteItem("nav.reset_tilt");
    ImGui::SameLine();
    if (ImGui::Button("All shortcuts (F1)")) state.help.open = true;
    noteItem("nav.help");
}

bool drawHelpWindow(HelpState& state) {
    if (!state.open) return false;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    // On a small window the table scrolls rather than running off the screen.
    ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(vp->Size.x - 20.0f, vp->Size.y - 20.0f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const bool shown = ImGui::Begin(kHelpWindow, &state.open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
    if (shown) {
        noteWindow("help.window");
        for (const ShortcutGroup& g : shortcutTable()) {
            ImGui::TextUnformatted(g.title.c_str());
            if (ImGui::BeginTable(g.title.c_str(), 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
                for (const ShortcutRow& r : g.rows) {
                    ImGui::TableNextRow();
                    ImGui::TableSetColumnIndex(0);
                    ImGui::TextUnformatted(r.input.c_str());
                    ImGui::TableSetColumnIndex(1);
                    ImGui::TextUnformatted(r.action.c_str());
                }
                ImGui::EndTable();
            }
            ImGui::Spacing();
        }
    }
    ImGui::End();
    return shown;
}

void toggleHelpOnKey(HelpState& state, bool f1Pressed) {
    if (f1Pressed) state.open = !state.open;
}

}  // namespace plateau::ui
