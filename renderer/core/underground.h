#pragma once
// The underground view as plain state: terrain opacity, a vertical cutaway plane and the camera
// allowed below the surface. The panel and the command line edit it; the renderer reads it.
#include <glm/glm.hpp>

#include "core/camera.h"

namespace plateau {

struct Cutaway {
    double lon_deg = 0, lat_deg = 0;  // a point on the cut plane
    // The plane is vertical and faces this way (degrees clockwise from north): the terrain on the
    // side it faces is removed. Facing the camera opens the ground between the camera and a body.
    double heading_deg = 0;
    bool operator==(const Cutaway&) const = default;
};

struct UndergroundView {
    bool enabled = false;          // underground mode: the terrain's underside is drawn (hatched)
    double terrainOpacity = 1.0;   // 0..1; below 1 the bodies show through the terrain
    bool cutawayOn = false;
    Cutaway cutaway;
    // Navigation may take the camera this far below the surface in underground mode (metres):
    // enough to look at bodies a few kilometres down from below and beside them.
    double maxDepthBelowSurface = 3000.0;
    // Terrain opacity as drawn: 1 outside underground mode.
    double opacity() const { return enabled ? terrainOpacity : 1.0; }
    // The height navigation treats as the ground (core/camera_control.h keeps the camera above it
    // and zooms toward it): the surface, or in underground mode the floor below it, so the camera
    // can pass through the surface.
    double navigationGround(double surfaceHeight) const {
        return enabled ? surfaceHeight - maxDepthBelowSurface : surfaceHeight;
    }
    bool operator==(const UndergroundView&) const = default;
};

// The cut plane relative to the camera, for the shader: xyz the unit normal (ECEF axes) pointing to
// the removed side, w such that dot(xyz, p - camera) + w > 0 for a removed point p. All zero when
// there is no cut (nothing is ever removed).
glm::vec4 cutawayPlane(const UndergroundView& u, const Camera& cam);

}  // namespace plateau
