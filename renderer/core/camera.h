#pragma once
// A perspective camera on the globe. Position and orientation are double precision ECEF; the GPU
// only ever sees camera-relative float matrices (tileMvp), so precision does not depend on where
// on Earth the camera is.
#include <optional>

#include <glm/glm.hpp>

#include "core/geodesy.h"

namespace plateau {

// The user-facing way to say where the camera is: heading clockwise from north, pitch 0 = level,
// -90 = looking straight down (as in CesiumJS).
struct CameraPose {
    double lon_deg = 0;
    double lat_deg = 0;
    double height_m = 10000;
    double heading_deg = 0;
    double pitch_deg = -45;
    double fov_deg = 45;  // vertical field of view


    bool operator==(const CameraPose&) const = default;
};

// The field of view a pose may ask for: narrower is a telescope, wider distorts the globe.
constexpr double kMinFovDeg = 1.0;
constexpr double kMaxFovDeg = 150.0;

struct Camera {
    glm::dvec3 position{0};      // ECEF metres
    glm::dvec3 forward{0, 0, 1}; // unit, ECEF
    glm::dvec3 up{0, 1, 0};      // unit, ECEF (orthogonal to forward)
    double fovy_rad = 0.7853981633974483;  // vertical; 45 deg unless the pose says otherwise
    int width = 1280;
    int height = 720;
    double near_m = 1.0;

    glm::dvec3 right() const { return glm::normalize(glm::cross(forward, up)); }
    double aspect() const { return double(width) / double(height); }
};

Camera makeCamera(const CameraPose& pose, int width, int height);
CameraPose cameraPose(const Camera& cam);  // inverse of makeCamera (pose of the current camera)

// World (ECEF) to view, rotation only: the translation is applied relative to the camera.
glm::dmat4 viewRotation(const Camera& cam);
// Full world-to-view in double (for culling on the CPU).
glm::dmat4 viewMatrix(const Camera& cam);
// Vulkan clip space (y down, depth 0..1), reverse-Z with an infinite far plane: depth 1 at near,
// approaching 0 at infinity. Gives near-uniform float depth precision from 1 m to the horizon.
glm::dmat4 projectionMatrix(const Camera& cam);
// Model-view-projection for geometry stored relative to `originEcef`, computed in double with the
// camera subtracted first, then rounded to float.
glm::mat4 relativeMvp(const Camera& cam, const glm::dvec3& originEcef);
// Pixel position (x right, y down, in the camera's width x height) of an ECEF point; none when it
// is behind the camera.
std::optional<glm::dvec2> projectToScreen(const Camera& cam, const glm::dvec3& ecef);
// Choose a near plane from the height above the terrain below the camera.
double nearPlaneForClearance(double clearance_m);

}  // namespace plateau
