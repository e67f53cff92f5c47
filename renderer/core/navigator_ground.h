#pragma once
// What navigation asks of the ground (core/navigator.h), and one way to answer it without a GPU:
// a ray marched against a height function (the resident tiles in the viewer, an analytic ridge in
// tests).
#include <functional>
#include <optional>

#include "core/camera.h"

namespace plateau {

// Height of the displayed surface above the ellipsoid (metres, exaggeration applied); none
// where nothing is known.
using SurfaceHeightFn = std::function<std::optional<double>(double lon_deg, double lat_deg)>;

struct GroundQuery {
    // The ground point (ECEF) that `cam` sees at framebuffer pixel (px, py); none for the sky.
    // The viewer answers from the depth of the frame the user is looking at.
    std::function<std::optional<glm::dvec3>(const Camera& cam, double px, double py)> pointAt;
    SurfaceHeightFn surfaceHeight;
};

// The first point where the ray from `origin` along unit `dir` meets the surface of `height`
// (unknown heights count as 0), searched between the ellipsoid raised to `maxSurface_m` and
// lowered to `minSurface_m`; none if it meets nothing. Steps by the clearance above the surface,
// then bisects, so it is exact to a centimetre on slopes up to about 60 degrees.
std::optional<glm::dvec3> marchToSurface(const glm::dvec3& origin, const glm::dvec3& dir, const SurfaceHeightFn& height,
                                         double maxSurface_m = 9000.0, double minSurface_m = -500.0);

// A GroundQuery answering pointAt with marchToSurface through the camera's pixel rays.
GroundQuery marchingGroundQuery(SurfaceHeightFn height, double maxSurface_m = 9000.0);

}  // namespace plateau
