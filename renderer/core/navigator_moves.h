#pragma once
// The camera moves the Navigator (core/navigator.h) is made of, as pure functions. Each keeps a
// chosen point on its pixel exactly, by construction rather than by correction:
// - a rigid rotation of the camera about any axis through a point P leaves P's camera-space
//   coordinates, hence its pixel, unchanged (orbit, level);
// - moving the camera along the line through P leaves P's direction, hence its pixel, unchanged
//   (zoom);
// - rotating the camera about the Earth's centre so that the ray through a pixel meets P makes P
//   appear at that pixel (grab).
// Roll is always removed by turning about the ray of the held point, so no move tilts the horizon
// and none moves the held point.
#include <optional>

#include "core/camera.h"

namespace plateau {

// Rigid rotation of the camera by `angle` (radians, right-handed) about `axis` through `pivot`.
Camera rotateCamera(const Camera& cam, const glm::dvec3& pivot, const glm::dvec3& axis, double angle);
// The camera without roll (its right vector level at its position), turned about the ray `dir`
// from the camera, so whatever lies on that ray keeps its pixel. Unchanged when no turn about
// that ray levels it (a ray along the vertical).
Camera levelAbout(const Camera& cam, const glm::dvec3& dir);
// Framebuffer pixel (pixelRay's convention) of an ECEF point; none behind the camera.
std::optional<glm::dvec2> pixelOf(const Camera& cam, const glm::dvec3& p);

// Grab: the camera rotated about the Earth's centre (then levelled) so the ray through pixel
// (px, py) meets `grabbed`. None when that ray misses the sphere through `grabbed`.
std::optional<Camera> grabTo(const Camera& cam, const glm::dvec3& grabbed, double px, double py);
// Orbit about `pivot`: heading (clockwise seen from above) about the vertical through it, then tilt
// (positive: toward the horizon) about the camera's right axis through it, with the camera's pitch
// kept within [minPitchDeg, maxPitchDeg]. The pivot keeps its pixel.
Camera orbitAbout(const Camera& cam, const glm::dvec3& pivot, double dHeadingDeg, double dPitchDeg,
                  double minPitchDeg, double maxPitchDeg);
// Move along the line from `target` to the camera, scaling the distance by `factor` (< 1: closer).
Camera scaleToward(const Camera& cam, const glm::dvec3& target, double factor);

// A view described from the point it looks at: the camera looks at `focus` from `distance`
// metres, with heading and pitch measured in the focus's local frame. Interpolating these
// (animations) keeps the focus at the screen centre all the way.
struct FocusView {
    glm::dvec3 focus{0};
    double heading_deg = 0, pitch_deg = -90, distance_m = 1;
};
// The camera's view of a focus on (or projected onto) its forward ray.
FocusView focusViewOf(const Camera& cam, const glm::dvec3& focus);
// Looking at `focus` from `distance_m` in the direction the camera looks now (heading and pitch of
// its forward vector measured in the focus's local frame).
FocusView lookAlong(const Camera& cam, const glm::dvec3& focus, double distance_m);
// The camera of a focus view (levelled at its position); size and field of view from `like`.
Camera cameraOf(const Camera& like, const FocusView& v);
// Between two focus views: the focus along the great circle, the distance geometrically, the
// heading the shorter way round; s in [0, 1].
FocusView interpolate(const FocusView& a, const FocusView& b, double s);

}  // namespace plateau
