#pragma once
// The viewer's side of the measuring tool and the computed sun, one call a frame:
// - with the tool on, a click on the terrain (press and release without a drag, not on a window)
//   adds the ground point under it, picked from the depth of the frame that showed it
//   (core/picking), and the profile is recomputed from the displayed terrain's heights;
// - the polyline is drawn over the view;
// - in "date and time" mode the sun follows the view centre (the ground under the middle of the
//   screen, else under the camera).
#include <array>
#include <cstdint>
#include <utility>

#include "core/camera.h"
#include "ui/panel.h"

namespace plateau::gpu {
class RenderTarget;
}

namespace plateau::app {

class GlobeView;

class ViewerMeasure {
public:
    // Call after ImGui::NewFrame with the camera of the frame being built. Requests the depth of
    // this frame while the tool is on. Returns true when the shading changed (the sun moved).
    bool frame(ui::PanelState& panel, gpu::RenderTarget& target, const Camera& cam, const GlobeView& view);

private:
    // Cameras of the last frames whose depth was asked for, by the tag given with the request.
    std::array<std::pair<std::uint64_t, Camera>, 8> cameras_{};
    std::uint64_t frame_ = 0;
};

}  // namespace plateau::app
