#pragma once
// The viewer's side of the measuring tool and the computed sun, one call a frame:
// - with the tool on, a click on the terrain (the viewer picks the ground point under it) adds
//   that point, and the profile is recomputed from the displayed terrain's heights;
// - the polyline is drawn over the view;
// - in "date and time" mode the sun follows the view centre (the ground under the middle of the
//   screen, else under the camera).
#include <array>
#include <cstdint>
#include <utility>

#include <optional>

#include "core/camera.h"
#include "core/picking.h"
#include "ui/panel.h"

namespace plateau::app {

class GlobeView;

class ViewerMeasure {
public:
    // Call after ImGui::NewFrame with the camera of the frame being built. `clickedGround`: the
    // ground point of a click on the map this frame, if any. Returns true when the shading
    // changed (the sun moved).
    bool frame(ui::PanelState& panel, const Camera& cam, const GlobeView& view,
               const std::optional<PickedPoint>& clickedGround);

private:

};

}  // namespace plateau::app
