#pragma once
// The help window (F1): every mouse gesture and key, from the same tables navigation reads
// (core/nav_input.h), so the help cannot list a key that does something else. The panel's short
// hint comes from there too.
#include <string>
#include <vector>

namespace plateau::ui {

inline constexpr const char* kHelpWindow = "Help";

struct ShortcutRow {
    std::string input;   // "W, Up"
    std::string action;  // "move forward"
};
struct ShortcutGroup {
    std::string title;   // "Mouse", "Keys", "Window"
    std::vector<ShortcutRow> rows;
};

// Mouse gestures, navigation keys (all keys of one action on one row, in table order) and the
// window's own keys.
std::vector<ShortcutGroup> shortcutTable();
// A few short lines for the panel: the gestures and the key groups in brief, ending with F1.
std::vector<std::string> navigationHint();

struct HelpState {
    bool open = false;
};

// The panel's navigation section: the hint, the reset buttons and the help button. The buttons
// are requests for this frame, which the viewer's navigation consumes (and clears).
struct NavigationPanel {
    HelpState help;
    bool northUp = false;
    bool resetTilt = false;
};
void drawNavigationSection(NavigationPanel& state);
// Draws the help window while state.open (its close button clears it). Call between
// ImGui::NewFrame and ImGui::Render. Returns whether it was drawn.
bool drawHelpWindow(HelpState& state);
// F1 toggles the help: call once a frame with whether F1 went down this frame.
void toggleHelpOnKey(HelpState& state, bool f1Pressed);

}  // namespace plateau::ui
