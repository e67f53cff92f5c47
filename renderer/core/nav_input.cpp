#include "core/nav_input.h"

#include <array>

namespace plateau {

namespace {
using enum NavAction;
// Arrows alone move (as WASD); with shift they turn and tilt, the Google Earth habit.
constexpr std::array kBindings{
    NavKeyBinding{navkey::W, KeyMods::None, Forward, "W"},
    NavKeyBinding{navkey::Up, KeyMods::NoShift, Forward, "Up"},
    NavKeyBinding{navkey::A, KeyMods::None, Left, "A"},
    NavKeyBinding{navkey::Left, KeyMods::NoShift, Left, "Left"},
    NavKeyBinding{navkey::S, KeyMods::None, Back, "S"},
    NavKeyBinding{navkey::Down, KeyMods::NoShift, Back, "Down"},
    NavKeyBinding{navkey::D, KeyMods::None, Right, "D"},
    NavKeyBinding{navkey::Right, KeyMods::NoShift, Right, "Right"},
    NavKeyBinding{navkey::E, KeyMods::None, Up, "E"},
    NavKeyBinding{navkey::PageUp, KeyMods::None, Up, "Page Up"},
    NavKeyBinding{navkey::Q, KeyMods::None, Down, "Q"},
    NavKeyBinding{navkey::PageDown, KeyMods::None, Down, "Page Down"},
    NavKeyBinding{navkey::Left, KeyMods::Shift, TurnLeft, "Shift+Left"},
    NavKeyBinding{navkey::Right, KeyMods::Shift, TurnRight, "Shift+Right"},
    NavKeyBinding{navkey::Up, KeyMods::Shift, TiltUp, "Shift+Up"},
    NavKeyBinding{navkey::Down, KeyMods::Shift, TiltDown, "Shift+Down"},
    NavKeyBinding{navkey::N, KeyMods::None, NorthUp, "N"},
    NavKeyBinding{navkey::U, KeyMods::None, ResetTilt, "U"},
    NavKeyBinding{navkey::R, KeyMods::None, ResetView, "R"},
};
constexpr std::array kGestures{
    NavGesture{"Left-drag", "grab the ground and move it (let go while moving: it coasts)", "grab"},
    NavGesture{"Wheel", "zoom toward the point under the cursor", "zoom"},
    NavGesture{"Right-drag", "zoom toward the press point (down: in, up: out)", "zoom"},
    NavGesture{"Middle-drag, Ctrl+left-drag", "orbit about the point under the cursor (sideways: turn, up/down: tilt)", "orbit"},
    NavGesture{"Double-click", "fly to the point: centre it and come closer", "fly to"},
};
}  // namespace

std::span<const NavGesture> navMouseGestures() { return kGestures; }

void NavInput::set(NavAction a, bool on) {
    switch (a) {
        case Forward: forward = forward || on; break;
        case Back: back = back || on; break;
        case Left: moveLeft = moveLeft || on; break;
        case Right: moveRight = moveRight || on; break;
        case Up: up = up || on; break;
        case Down: down = down || on; break;
        case TurnLeft: turnLeft = turnLeft || on; break;
        case TurnRight: turnRight = turnRight || on; break;
        case TiltUp: tiltUp = tiltUp || on; break;
        case TiltDown: tiltDown = tiltDown || on; break;
        case NorthUp: northUp = northUp || on; break;
        case ResetTilt: resetTilt = resetTilt || on; break;
        case ResetView:
            northUp = northUp || on;
            resetTilt = resetTilt || on;
            break;
    }
}

std::span<const NavKeyBinding> navKeyBindings() { return kBindings; }

std::string_view describe(NavAction a) {
    switch (a) {
        case Forward: return "move forward";
        case Back: return "move back";
        case Left: return "move left";
        case Right: return "move right";
        case Up: return "climb";
        case Down: return "descend";
        case TurnLeft: return "turn left";
        case TurnRight: return "turn right";
        case TiltUp: return "tilt toward the horizon";
        case TiltDown: return "tilt toward the ground";
        case NorthUp: return "north up";
        case ResetTilt: return "look straight down";
        case ResetView: return "north up and look straight down";
    }
    return "";
}

bool isOneShot(NavAction a) { return a == NorthUp || a == ResetTilt || a == ResetView; }

void readNavKeys(NavInput& in, const std::function<bool(int)>& down, const std::function<bool(int)>& pressed) {
    for (const NavKeyBinding& b : kBindings) {
        if (b.mods == KeyMods::Shift && !in.shift) continue;
        if (b.mods == KeyMods::NoShift && in.shift) continue;
        in.set(b.action, isOneShot(b.action) ? pressed(b.key) : down(b.key));
    }
}

}  // namespace plateau
