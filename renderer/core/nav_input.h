#pragma once
// One frame's pointer and keys as plain data, so navigation (core/navigator.h) never sees a window
// system: the window fills it from GLFW or ImGui's IO, headless tests fill it directly.
//
// The keyboard bindings are one table (navKeyBindings): the window reads the keys it names, and
// the help window (ui/help_window.h) lists the same rows, so the two cannot disagree.
#include <functional>
#include <span>
#include <string_view>

namespace plateau {

// What a held or pressed key asks navigation to do.
enum class NavAction {
    Forward, Back, Left, Right,  // move along the ground
    Up, Down,                    // climb, descend
    TurnLeft, TurnRight,         // heading, in place
    TiltUp, TiltDown,            // pitch, in place (up: toward the horizon)
    NorthUp,                     // one-shot: heading 0, keeping the view centre
    ResetTilt,                   // one-shot: look straight down, keeping the view centre
    ResetView,                   // one-shot: both
};

struct NavInput {
    // Cursor in framebuffer pixels (origin top left, y down), as the camera's width and height.
    double x = 0, y = 0;
    bool left = false, middle = false, right = false;  // buttons held this frame
    double wheel = 0;            // wheel steps this frame (positive: away from the user, zoom in)
    bool doubleClick = false;    // the left button was double-clicked this frame
    bool ctrl = false, shift = false, alt = false;
    // The UI (panel, windows) has the pointer or the keyboard: presses and the wheel there are
    // not navigation. A drag that started on the globe continues over a window.
    bool uiHasMouse = false, uiHasKeyboard = false;

    // Held navigation keys.
    bool forward = false, back = false, moveLeft = false, moveRight = false;
    bool up = false, down = false;
    bool turnLeft = false, turnRight = false;
    bool tiltUp = false, tiltDown = false;
    // One-shot commands (a key press or a panel button this frame).
    bool northUp = false, resetTilt = false;

    void set(NavAction a, bool on);
};

// Key codes are GLFW's (the values ImGui 1.86 indexes io.KeysDown with); core has no GLFW, so
// the few it names are spelled here and checked against GLFW where the window includes it.
namespace navkey {
constexpr int W = 87, A = 65, S = 83, D = 68, E = 69, Q = 81, N = 78, U = 85, R = 82;
constexpr int Right = 262, Left = 263, Down = 264, Up = 265, PageUp = 266, PageDown = 267;
constexpr int F1 = 290;
}  // namespace navkey

enum class KeyMods { None, Shift, NoShift };  // NoShift: the key alone (shift turns it into another action)

struct NavKeyBinding {
    int key;                // GLFW key code
    KeyMods mods;
    NavAction action;
    std::string_view keyName;  // as the help shows it
};

// Every navigation key, in the order the help lists them.
std::span<const NavKeyBinding> navKeyBindings();
// What the action does, for the help ("move forward").
std::string_view describe(NavAction a);
// One-shot actions fire on the press; the others act while held.
bool isOneShot(NavAction a);

// The mouse gestures the Navigator understands, in words (for the help and the panel's hint).
struct NavGesture {
    std::string_view input;   // "Left-drag"
    std::string_view action;  // "grab the ground and move it"
    std::string_view brief;   // a few words for the one-line hint ("grab")
};
std::span<const NavGesture> navMouseGestures();

// Fill the key fields of `in` from the keyboard: `down(key)` says whether a key is held now and
// `pressed(key)` whether it went down this frame (for the one-shot commands). Uses in.shift.
void readNavKeys(NavInput& in, const std::function<bool(int)>& down, const std::function<bool(int)>& pressed);

}  // namespace plateau
