#include "core/camera_control.h"

#include <algorithm>
#include <cmath>

#include <glm/gtx/rotate_vector.hpp>

namespace plateau {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;

Camera rebuild(const Camera& cam, const CameraPose& pose) {
    Camera out = makeCamera(pose, cam.width, cam.height);
    out.near_m = cam.near_m;
    return out;
}

// Rotate the camera rigidly about an axis through `pivot`.
Camera rotateAbout(const Camera& cam, const glm::dvec3& pivot, const glm::dvec3& axis, double angle) {
    Camera out = cam;
    out.position = pivot + glm::rotate(cam.position - pivot, angle, axis);
    out.forward = glm::normalize(glm::rotate(cam.forward, angle, axis));
    out.up = glm::normalize(glm::rotate(cam.up, angle, axis));
    return out;
}
}  // namespace

glm::dvec3 pixelRay(const Camera& cam, double px, double py) {
    const double t = std::tan(cam.fovy_rad * 0.5);
    const double x = (2.0 * (px + 0.5) / cam.width - 1.0) * t * cam.aspect();
    const double y = (2.0 * (py + 0.5) / cam.height - 1.0) * t;  // pixel rows grow downward
    return glm::normalize(cam.forward + cam.right() * x - cam.up * y);
}

std::optional<glm::dvec3> intersectEllipsoid(const glm::dvec3& origin, const glm::dvec3& dir, double height) {
    // Scale space so the raised ellipsoid becomes the unit sphere.
    const glm::dvec3 s(1.0 / (wgs84::a + height), 1.0 / (wgs84::a + height), 1.0 / (wgs84::b + height));
    const glm::dvec3 o = origin * s;
    const glm::dvec3 d = dir * s;
    const double A = glm::dot(d, d);
    const double B = 2.0 * glm::dot(o, d);
    const double C = glm::dot(o, o) - 1.0;
    const double disc = B * B - 4.0 * A * C;
    if (disc < 0.0) return std::nullopt;
    const double sq = std::sqrt(disc);
    double t = (-B - sq) / (2.0 * A);
    if (t < 0.0) t = (-B + sq) / (2.0 * A);  // camera below the surface: the exit point
    if (t < 0.0) return std::nullopt;
    return origin + dir * t;
}

Camera panByDrag(const Camera& cam, double ax, double ay, double bx, double by, double groundHeight) {
    auto p = intersectEllipsoid(cam.position, pixelRay(cam, ax, ay), groundHeight);
    auto q = intersectEllipsoid(cam.position, pixelRay(cam, bx, by), groundHeight);
    if (!p || !q) return cam;
    // Rotate the camera about the Earth's centre by the rotation taking q to p: afterwards the
    // ray through b meets the ground at p, the point that was grabbed.
    const glm::dvec3 pn = glm::normalize(*p), qn = glm::normalize(*q);
    const glm::dvec3 axis = glm::cross(qn, pn);
    const double len = glm::length(axis);
    if (len < 1e-15) return cam;
    const double angle = std::atan2(len, glm::dot(qn, pn));
    Camera out = rotateAbout(cam, glm::dvec3(0.0), axis / len, angle);
    return rebuild(out, cameraPose(out));  // drop any roll the rotation introduced
}

Camera zoomTowardPixel(const Camera& cam, double px, double py, double steps, double groundHeight,
                       const NavigationLimits& limits) {
    const glm::dvec3 dir = pixelRay(cam, px, py);
    const auto hit = intersectEllipsoid(cam.position, dir, groundHeight);
    const Geodetic g = ecefToGeodetic(cam.position);
    const double dist = hit ? glm::length(*hit - cam.position) : std::max(g.height_m - groundHeight, 1000.0);
    const double move = dist * (1.0 - std::pow(0.8, steps));
    Camera out = cam;
    out.position = cam.position + dir * move;
    return clampHeight(out, groundHeight, limits);
}

Camera orbit(const Camera& cam, double dHeadingDeg, double dPitchDeg, double groundHeight,
             const NavigationLimits& limits) {
    const auto pivot = intersectEllipsoid(cam.position, cam.forward, groundHeight);
    if (!pivot) {  // looking at the sky: turn in place
        CameraPose pose = cameraPose(cam);
        pose.heading_deg = std::fmod(pose.heading_deg + dHeadingDeg + 360.0, 360.0);
        pose.pitch_deg = std::clamp(pose.pitch_deg + dPitchDeg, limits.minPitchDeg, limits.maxPitchDeg);
        return rebuild(cam, pose);
    }
    const Geodetic pg = ecefToGeodetic(*pivot);
    const glm::dvec3 up = ellipsoidNormal(pg.lon_deg, pg.lat_deg);
    // Clockwise heading seen from above is a negative rotation about the up axis.
    Camera out = rotateAbout(cam, *pivot, up, -dHeadingDeg * kDeg);
    const double pitch = cameraPose(out).pitch_deg;
    const double target = std::clamp(pitch + dPitchDeg, limits.minPitchDeg, limits.maxPitchDeg);
    // Tilting toward the horizon raises the view direction: rotate about the camera's right axis.
    // The camera moves on the rotation and its local vertical turns with the Earth's curvature,
    // so one rotation misses the target by a little (0.14 degrees from 20 km): a few corrections
    // land on it, and a clamped tilt ends exactly at the limit.
    Camera tilted = out;
    double now = pitch;
    for (int i = 0; i < 4 && std::fabs(target - now) > 1e-9; ++i) {
        tilted = rotateAbout(tilted, *pivot, tilted.right(), (target - now) * kDeg);
        now = cameraPose(tilted).pitch_deg;
    }
    return clampHeight(tilted, groundHeight, limits);
}

Camera moveHorizontal(const Camera& cam, double forward, double right, double groundHeight) {
    const Geodetic g = ecefToGeodetic(cam.position);
    const glm::dmat3 enu = enuBasis(g.lon_deg, g.lat_deg);
    const glm::dvec3 up = enu[2];
    glm::dvec3 f = cam.forward - up * glm::dot(cam.forward, up);
    if (glm::length(f) < 1e-6) f = cam.up - up * glm::dot(cam.up, up);  // looking straight down
    f = glm::normalize(f);
    const glm::dvec3 r = glm::normalize(glm::cross(f, up));
    const double scale = std::max(g.height_m - groundHeight, 10.0);
    const glm::dvec3 moved = cam.position + (f * forward + r * right) * scale;
    CameraPose pose = cameraPose(cam);
    const Geodetic ng = ecefToGeodetic(moved);
    pose.lon_deg = ng.lon_deg;
    pose.lat_deg = ng.lat_deg;
    pose.height_m = g.height_m;  // keep the height above the ellipsoid
    return rebuild(cam, pose);
}

Camera clampHeight(const Camera& cam, double groundHeight, const NavigationLimits& limits) {
    CameraPose pose = cameraPose(cam);
    pose.height_m = std::clamp(pose.height_m, groundHeight + limits.minHeightAboveGround, limits.maxHeight);
    pose.pitch_deg = std::clamp(pose.pitch_deg, limits.minPitchDeg, 90.0);
    pose.lat_deg = std::clamp(pose.lat_deg, -89.9, 89.9);
    return rebuild(cam, pose);
}

}  // namespace plateau
