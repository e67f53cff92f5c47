#pragma once
// Whether the user touched the globe this frame: a button held or the wheel turned over the map
// (not over a window), or a key held while no text field has the keyboard. An animation the
// viewer plays by itself (a fly-to, a flythrough preview, a tour outside presenter mode) hands the
// camera back when this is true, as Google Earth does.
#include <imgui.h>

namespace plateau::app {

inline bool userInputOnGlobe(const ImGuiIO& io) {
    bool input = false;
    if (!io.WantCaptureMouse) {
        input = io.MouseWheel != 0.0f;
        for (bool down : io.MouseDown) input = input || down;
    }
    if (!io.WantCaptureKeyboard)
        for (bool down : io.KeysDown) input = input || down;
    return input;
}

}  // namespace plateau::app
