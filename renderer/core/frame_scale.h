#pragma once
// The scale bar and north arrow drawn into frames: pure functions of the camera and the ground.
//
// Both are measured where they mean something. The scale of a perspective view changes across
// the frame (the foreground is larger than the horizon), so the bar states the scale on the
// ground at the bottom centre of the view, the nearest ground and the part of the frame the bar
// is drawn beside. North is the screen direction of a point a little north of the ground under
// the view centre, so it is right on a tilted view and near a pole, not just the heading.
#include <functional>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "core/camera.h"

namespace plateau {

// The displayed (exaggerated) surface height above the ellipsoid at a point; none where unknown
// (then the ellipsoid is used).
using GroundHeightFn = std::function<std::optional<double>(double lonDeg, double latDeg)>;

// The ground point the ray through pixel (px, py) meets: the ellipsoid raised to the ground's
// height there, refined a few times (the height under the first hit moves the hit). None when the
// ray misses the globe (sky).
std::optional<glm::dvec3> groundUnderPixel(const Camera& cam, double px, double py, const GroundHeightFn& ground = {});

// Metres on the ground per pixel of the camera's image at pixel (px, py), measured horizontally
// (along the screen's x axis) between the ground points of the pixels a few pixels to either
// side. None when either ray misses the globe.
std::optional<double> groundMetresPerPixel(const Camera& cam, double px, double py, const GroundHeightFn& ground = {});

struct ScaleBar {
    double metres = 0;   // the round length the bar stands for: 1, 2 or 5 times a power of ten
    double pixels = 0;   // its drawn length in image pixels: metres / metresPerPixel
    std::string label;   // "500 m", "2 km", "1,000 km"
};

// The longest round length (1-2-5 steps, metres below 1 km, kilometres from 1 km) whose drawn
// length fits in [minPixels, maxPixels]; with the default 80..200 px there is always one, since
// consecutive round lengths differ by at most 2.5 times. None for a scale that is not a positive
// finite number.
std::optional<ScaleBar> scaleBarFor(double metresPerPixel, double minPixels = 80.0, double maxPixels = 200.0);
// "500 m", "1 km", "20 km", "1,000 km".
std::string formatScaleLength(double metres);

// Unit screen direction of north (x right, y down) at pixel (px, py), usually the view centre:
// the ground under it projected with a point 1/100 of the camera's distance north of it. When the
// pixel shows the sky, or the view looks straight down on a pole, the direction follows from the
// camera's heading alone. (0, -1) is up.
glm::dvec2 northOnScreen(const Camera& cam, double px, double py, const GroundHeightFn& ground = {});

}  // namespace plateau
