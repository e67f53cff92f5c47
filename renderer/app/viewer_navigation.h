#pragma once
// The viewer's input to the Navigator (core/navigator.h): mouse, wheel and keys from ImGui's IO
// (filled from GLFW in the window, by hand in tests; key codes are GLFW's, as the GLFW backend
// stores them in io.KeysDown), the ground under a pixel from the depth of the frame on screen
// (or, before there is one, a ray marched against the resident tiles), and the panel's
// navigation buttons. ImGui gets the input first when the cursor is over its windows. It also
// draws the help window (the viewer toggles it with F1).
#include <cstdint>
#include <deque>
#include <utility>

#include "core/camera.h"
#include "core/navigator.h"
#include "ui/help_window.h"
#include "ui/view_settings.h"

namespace plateau::gpu {
class RenderTarget;
}

namespace plateau::app {

class GlobeView;

struct ViewerNavigation {
    Navigator navigator;

    // One frame, after ImGui::NewFrame: the next camera. Consumes the panel's button requests.
    Camera update(const Camera& cam, double dt, const GlobeView& view, const gpu::RenderTarget& target,
                  const ui::ViewSettings& settings, ui::NavigationPanel& panel);
    // Once the frame's camera is final (with its near plane): asks for that frame's depth, tagged
    // so later frames pick with the camera that drew it.
    void drawn(gpu::RenderTarget& target, const Camera& frameCamera);
    // The camera of the frame a depth copy shows (by the tag drawn() asked it with), if known.
    // The one place depth copies are tagged: picking tools look their cameras up here.
    const Camera* cameraOfDepth(std::uint64_t tag) const {
        for (const auto& [t, c] : drawn_)
            if (t != 0 && t == tag) return &c;
        return nullptr;
    }

private:
    std::uint64_t serial_ = 0;
    std::deque<std::pair<std::uint64_t, Camera>> drawn_;  // the last few frames' cameras by tag
};

}  // namespace plateau::app
