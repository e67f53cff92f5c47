#pragma once
#include <functional>
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
    // `cameraOfDepth`: the camera of the frame a depth copy shows, by its tag (the viewer's
    // navigation tags every frame's copy).
    bool frame(ui::PanelState& panel, gpu::RenderTarget& target, const Camera& cam, const GlobeView& view,
               const std::function<const Camera*(std::uint64_t)>& cameraOfDepth);

private:

};

}  // namespace plateau::app
