#include "core/camera.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plateau {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
// Highest terrain on Earth plus a margin: without knowing the ground below the camera, assume it
// could be this high so the near plane never clips nearby terrain.
constexpr double kHighestTerrainM = 9000.0;
}  // namespace

Camera makeCamera(const CameraPose& pose, int width, int height) {
    Camera cam;
    cam.width = std::max(1, width);
    cam.height = std::max(1, height);
    cam.fovy_rad = std::clamp(pose.fov_deg, kMinFovDeg, kMaxFovDeg) * kDeg;
    cam.position = geodeticToEcef({pose.lon_deg, pose.lat_deg, pose.height_m});
    const glm::dmat3 enu = enuBasis(pose.lon_deg, pose.lat_deg);
    const double h = pose.heading_deg * kDeg, p = pose.pitch_deg * kDeg;
    // Local (east, north, up) components: forward from heading/pitch, up = d(forward)/d(pitch).
    const glm::dvec3 f{std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p)};
    const glm::dvec3 u{-std::sin(h) * std::sin(p), -std::cos(h) * std::sin(p), std::cos(p)};
    cam.forward = glm::normalize(enu * f);
    cam.up = glm::normalize(enu * u);
    cam.near_m = nearPlaneForClearance(pose.height_m - kHighestTerrainM);
    return cam;
}

CameraPose cameraPose(const Camera& cam) {
    const Geodetic g = ecefToGeodetic(cam.position);
    const glm::dmat3 enuT = glm::transpose(enuBasis(g.lon_deg, g.lat_deg));
    const glm::dvec3 f = enuT * cam.forward;
    const glm::dvec3 u = enuT * cam.up;
    CameraPose pose;
    pose.lon_deg = g.lon_deg;
    pose.lat_deg = g.lat_deg;
    pose.height_m = g.height_m;
    const double p = std::asin(std::clamp(f.z, -1.0, 1.0));
    // f*cos(p) - u*sin(p) = (sin h, cos h, 0) with no roll: well defined even at pitch +-90.
    const double sx = f.x * std::cos(p) - u.x * std::sin(p);
    const double sy = f.y * std::cos(p) - u.y * std::sin(p);
    double heading = std::atan2(sx, sy) / kDeg;
    if (heading < 0.0) heading += 360.0;
    pose.heading_deg = heading;
    pose.pitch_deg = p / kDeg;
    pose.fov_deg = cam.fovy_rad / kDeg;
    return pose;
}

// View space is right-handed: x right, y up, looking down -z (the OpenGL/glm convention).
glm::dmat4 viewRotation(const Camera& cam) {
    const glm::dvec3 f = glm::normalize(cam.forward);
    const glm::dvec3 r = glm::normalize(glm::cross(f, cam.up));
    const glm::dvec3 u = glm::cross(r, f);
    glm::dmat4 m(1.0);
    // glm is column-major: m[col][row]. Rows are r, u, -f.
    for (int c = 0; c < 3; ++c) {
        m[c][0] = r[c];
        m[c][1] = u[c];
        m[c][2] = -f[c];
    }
    return m;
}

glm::dmat4 viewMatrix(const Camera& cam) {
    glm::dmat4 t(1.0);
    t[3] = glm::dvec4(-cam.position, 1.0);
    return viewRotation(cam) * t;
}

// clip = (x*f/aspect, -y*f, near, -z_view): depth = near / distance, 1 at the near plane and
// 0 at infinity. The y flip makes Vulkan's downward framebuffer y show the image upright; it also
// means triangles counter-clockwise in the world (seen from outside) stay counter-clockwise under
// Vulkan's framebuffer winding rule, so the pipeline uses VK_FRONT_FACE_COUNTER_CLOCKWISE.
glm::dmat4 projectionMatrix(const Camera& cam) {
    const double f = 1.0 / std::tan(cam.fovy_rad * 0.5);
    glm::dmat4 m(0.0);
    m[0][0] = f / cam.aspect();
    m[1][1] = -f;
    m[3][2] = cam.near_m;
    m[2][3] = -1.0;
    return m;
}

glm::mat4 relativeMvp(const Camera& cam, const glm::dvec3& originEcef) {
    // The large ECEF coordinates cancel in double before anything is rounded to float.
    glm::dmat4 t(1.0);
    t[3] = glm::dvec4(originEcef - cam.position, 1.0);
    return glm::mat4(projectionMatrix(cam) * viewRotation(cam) * t);
}

double nearPlaneForClearance(double clearance_m) {
    // Reverse-Z float depth is nearly uniform in log distance, so a near plane at a tenth of the
    // clearance costs nothing at the horizon while keeping the ground in front of it.
    return std::clamp(clearance_m * 0.1, 0.5, 5000.0);
}

std::optional<glm::dvec2> projectToScreen(const Camera& cam, const glm::dvec3& ecef) {
    const glm::dvec4 clip = projectionMatrix(cam) * viewMatrix(cam) * glm::dvec4(ecef, 1.0);
    if (clip.w <= 0.0) return std::nullopt;
    return glm::dvec2((clip.x / clip.w * 0.5 + 0.5) * cam.width, (clip.y / clip.w * 0.5 + 0.5) * cam.height);
}

}  // namespace plateau
