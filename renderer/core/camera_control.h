#pragma once
// Globe navigation as pure functions of the camera (so it is testable without a window): drag to
// pan, zoom toward the cursor, orbit (heading) and tilt around the point at the screen centre,
// and keyboard moves scaled by the height above the ground.
#include <optional>

#include "core/camera.h"

namespace plateau {

// Direction (unit, ECEF) of the ray through pixel (px, py), origin at the camera.
glm::dvec3 pixelRay(const Camera& cam, double px, double py);
// First intersection of a ray with the ellipsoid raised by `height` metres, if any.
std::optional<glm::dvec3> intersectEllipsoid(const glm::dvec3& origin, const glm::dvec3& dir, double height);

struct NavigationLimits {
    double minHeightAboveGround = 50.0;  // metres
    double maxHeight = 40'000'000.0;     // metres above the ellipsoid
    double minPitchDeg = -90.0;
    double maxPitchDeg = -2.0;
};

// Drag from pixel a to pixel b: the ground point under a ends up under b (approximately, at the
// given ground height). Returns the camera unchanged if either pixel misses the globe.
Camera panByDrag(const Camera& cam, double ax, double ay, double bx, double by, double groundHeight);
// Move toward (steps > 0) or away from the ground point under the cursor; each step covers 20% of
// the distance. groundHeight: terrain height near the cursor.
Camera zoomTowardPixel(const Camera& cam, double px, double py, double steps, double groundHeight,
                       const NavigationLimits& limits = {});
// Rotate around the vertical through the point at the screen centre (heading, degrees clockwise)
// and tilt (pitch, degrees, positive looks more toward the horizon).
Camera orbit(const Camera& cam, double dHeadingDeg, double dPitchDeg, double groundHeight,
             const NavigationLimits& limits = {});
// Move along the ground: forward/right in metres per unit, scaled by the height above ground.
Camera moveHorizontal(const Camera& cam, double forward, double right, double groundHeight);
// Keep the camera above the terrain and below the maximum height.
Camera clampHeight(const Camera& cam, double groundHeight, const NavigationLimits& limits = {});

}  // namespace plateau
