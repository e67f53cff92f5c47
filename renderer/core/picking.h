#pragma once
// What is under a screen position, from the depth buffer of the last frame: the drawn surface
// point, and its longitude, latitude and elevation. The drawn surface is exaggerated along the
// ellipsoid normal, so the elevation is the drawn height divided by the exaggeration: correct at
// any exaggeration, within the level of detail's error.
#include <optional>
#include <vector>

#include "core/camera.h"

namespace plateau {

struct PickedPoint {
    glm::dvec3 ecef{0};        // the drawn (exaggerated) surface point
    double lon_deg = 0, lat_deg = 0;
    double elevation_m = 0;    // real elevation (unexaggerated)
    double distance_m = 0;     // from the camera
};

// `depth`: width*height floats of the frame drawn with `frameCamera` (reverse-Z, infinite far
// plane: 0 is the sky). None for the sky or a pixel outside the image.
std::optional<PickedPoint> pickSurface(const Camera& frameCamera, const std::vector<float>& depth, int x, int y,
                                       double exaggeration);

// Metres on the ground that one pixel spans at `distance_m` from the camera (for pick
// tolerances in pixels).
double metresPerPixel(const Camera& cam, double distance_m);

}  // namespace plateau
