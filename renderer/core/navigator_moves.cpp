#include "core/navigator_moves.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <glm/gtx/rotate_vector.hpp>

#include "core/camera_control.h"

namespace plateau {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;

glm::dvec3 localUp(const glm::dvec3& ecef) {
    const Geodetic g = ecefToGeodetic(ecef);
    return ellipsoidNormal(g.lon_deg, g.lat_deg);
}

// Wrap an angle to (-pi, pi].
double wrapPi(double a) { return std::remainder(a, 2.0 * std::numbers::pi); }
}  // namespace

Camera rotateCamera(const Camera& cam, const glm::dvec3& pivot, const glm::dvec3& axis, double angle) {
    const double len = glm::length(axis);
    if (len < 1e-300 || angle == 0.0) return cam;
    const glm::dvec3 k = axis / len;
    Camera out = cam;
    out.position = pivot + glm::rotate(cam.position - pivot, angle, k);
    out.forward = glm::normalize(glm::rotate(cam.forward, angle, k));
    out.up = glm::normalize(glm::rotate(cam.up, angle, k));
    return out;
}

Camera levelAbout(const Camera& cam, const glm::dvec3& dir) {
    // Rodrigues: r(psi) = r cos + (k x r) sin + k (k.r)(1 - cos). The roll is r(psi).n, so
    // A cos(psi) + B sin(psi) + C = 0 with the coefficients below; of its two roots the smaller
    // turn keeps the image upright.
    const glm::dvec3 k = glm::normalize(dir);
    const glm::dvec3 n = localUp(cam.position);
    const glm::dvec3 r = cam.right();
    const double kr = glm::dot(k, r), kn = glm::dot(k, n);
    const double A = glm::dot(r, n) - kr * kn, B = glm::dot(glm::cross(k, r), n), C = kr * kn;
    const double R = std::hypot(A, B);
    if (R < 1e-12 || std::fabs(C) > R) return cam;
    const double base = std::atan2(B, A), off = std::acos(std::clamp(-C / R, -1.0, 1.0));
    const double p1 = wrapPi(base + off), p2 = wrapPi(base - off);
    const double psi = std::fabs(p1) < std::fabs(p2) ? p1 : p2;
    if (std::fabs(psi) < 1e-15) return cam;
    return rotateCamera(cam, cam.position, k, psi);
}

std::optional<glm::dvec2> pixelOf(const Camera& cam, const glm::dvec3& p) {
    const glm::dvec3 d = p - cam.position;
    const double z = glm::dot(d, cam.forward);
    if (z <= 0.0) return std::nullopt;
    const double t = std::tan(cam.fovy_rad * 0.5);
    const double x = glm::dot(d, cam.right()) / z / (t * cam.aspect());
    const double y = -glm::dot(d, cam.up) / z / t;
    return glm::dvec2((x + 1.0) * cam.width * 0.5 - 0.5, (y + 1.0) * cam.height * 0.5 - 0.5);
}

std::optional<Camera> grabTo(const Camera& cam, const glm::dvec3& grabbed, double px, double py) {
    const glm::dvec3 d = pixelRay(cam, px, py);
    const glm::dvec3& o = cam.position;
    const double r = glm::length(grabbed);
    // |o + t d| = r: t^2 + 2 (o.d) t + |o|^2 - r^2 = 0.
    const double b = glm::dot(o, d), c = glm::dot(o, o) - r * r;
    const double disc = b * b - c;
    if (disc < 0.0) return std::nullopt;
    double t = -b - std::sqrt(disc);
    if (t < 0.0) t = -b + std::sqrt(disc);  // inside the sphere (a peak above the camera): the exit
    if (t < 0.0) return std::nullopt;
    const glm::dvec3 q = glm::normalize(o + d * t), p = glm::normalize(grabbed);
    // The rotation taking q to p, applied to the camera: afterwards the same pixel's ray meets p.
    const glm::dvec3 axis = glm::cross(q, p);
    const double angle = std::atan2(glm::length(axis), glm::dot(q, p));
    const Camera moved = rotateCamera(cam, glm::dvec3(0.0), axis, angle);
    return levelAbout(moved, grabbed - moved.position);
}

Camera orbitAbout(const Camera& cam, const glm::dvec3& pivot, double dHeadingDeg, double dPitchDeg,
                  double minPitchDeg, double maxPitchDeg) {
    // Clockwise heading seen from above is a negative rotation about the up axis.
    Camera out = rotateCamera(cam, pivot, localUp(pivot), -dHeadingDeg * kDeg);
    const double pitch = cameraPose(out).pitch_deg;
    const double target = std::clamp(pitch + dPitchDeg, std::min(minPitchDeg, pitch), std::max(maxPitchDeg, pitch));
    // About the right axis, a positive turn raises the forward vector toward the camera's up.
    out = rotateCamera(out, pivot, out.right(), (target - pitch) * kDeg);
    return levelAbout(out, pivot - out.position);
}

Camera scaleToward(const Camera& cam, const glm::dvec3& target, double factor) {
    Camera out = cam;
    out.position = target + (cam.position - target) * factor;
    return levelAbout(out, target - out.position);
}

FocusView lookAlong(const Camera& cam, const glm::dvec3& focus, double distance_m) {
    FocusView v;
    v.focus = focus;
    v.distance_m = distance_m;
    const Geodetic g = ecefToGeodetic(focus);
    const glm::dmat3 enuT = glm::transpose(enuBasis(g.lon_deg, g.lat_deg));
    const glm::dvec3 f = enuT * cam.forward, u = enuT * cam.up;
    const double p = std::asin(std::clamp(f.z, -1.0, 1.0));
    // The heading of the forward vector itself, so cameraOf gives the same forward back; looking
    // (almost) straight down, the up vector says where the top of the image points instead.
    const double sign = f.z < 0.0 ? 1.0 : -1.0;
    v.heading_deg = (std::hypot(f.x, f.y) > 1e-6 ? std::atan2(f.x, f.y) : std::atan2(sign * u.x, sign * u.y)) / kDeg;
    v.pitch_deg = p / kDeg;
    return v;
}

FocusView focusViewOf(const Camera& cam, const glm::dvec3& focus) {
    const double d = std::max(glm::dot(focus - cam.position, cam.forward), 1e-3);
    return lookAlong(cam, cam.position + cam.forward * d, d);
}

Camera cameraOf(const Camera& like, const FocusView& v) {
    const Geodetic g = ecefToGeodetic(v.focus);
    const glm::dmat3 enu = enuBasis(g.lon_deg, g.lat_deg);
    const double h = v.heading_deg * kDeg, p = v.pitch_deg * kDeg;
    Camera out = like;
    out.forward = glm::normalize(enu * glm::dvec3(std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p)));
    out.up = glm::normalize(enu * glm::dvec3(-std::sin(h) * std::sin(p), -std::cos(h) * std::sin(p), std::cos(p)));
    out.position = v.focus - out.forward * v.distance_m;
    return levelAbout(out, out.forward);
}

FocusView interpolate(const FocusView& a, const FocusView& b, double s) {
    s = std::clamp(s, 0.0, 1.0);
    FocusView v;
    const double ra = glm::length(a.focus), rb = glm::length(b.focus);
    const glm::dvec3 ua = a.focus / ra, ub = b.focus / rb;
    const double omega = std::acos(std::clamp(glm::dot(ua, ub), -1.0, 1.0));
    glm::dvec3 u = ub;
    if (omega > 1e-12) {
        const double so = std::sin(omega);
        u = ua * (std::sin((1.0 - s) * omega) / so) + ub * (std::sin(s * omega) / so);
    } else {
        u = glm::normalize(ua + (ub - ua) * s);
    }
    v.focus = u * (ra + (rb - ra) * s);
    v.distance_m = std::exp(std::log(a.distance_m) + (std::log(b.distance_m) - std::log(a.distance_m)) * s);
    v.heading_deg = a.heading_deg + std::remainder(b.heading_deg - a.heading_deg, 360.0) * s;
    v.pitch_deg = a.pitch_deg + (b.pitch_deg - a.pitch_deg) * s;
    return v;
}

}  // namespace plateau
