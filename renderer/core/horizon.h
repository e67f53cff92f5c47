#pragma once
// Horizon culling against an ellipsoid, after CesiumJS's EllipsoidalOccluder: scale space so the
// occluding ellipsoid becomes the unit sphere, then a point is hidden when it lies beyond the
// horizon plane and inside the cone of tangents from the camera. Terrain culls with an occluder
// shrunk below the lowest terrain, so nothing visible is ever culled.
#include <glm/glm.hpp>

namespace plateau {

class EllipsoidalOccluder {
public:
    EllipsoidalOccluder(const glm::dvec3& radii, const glm::dvec3& cameraEcef);
    // WGS84 shrunk by `shrink_m` (>= 0) on every axis: the occluder for terrain whose lowest
    // point may lie shrink_m below the ellipsoid.
    static EllipsoidalOccluder wgs84Shrunk(const glm::dvec3& cameraEcef, double shrink_m);

    // With the camera inside the occluder nothing can be proven hidden: every test says visible.
    bool cameraOutside() const { return vhMagnitudeSquared_ > 0.0; }
    bool isPointVisible(const glm::dvec3& pointEcef) const;
    // True only when every point of the sphere is hidden behind the occluder.
    bool isSphereOccluded(const glm::dvec3& centerEcef, double radius) const;
    // True only when every point within `halfAngle` (radians) of the unit direction `axis` (seen
    // from the Earth's centre) and at most `maxDistance` from the centre is hidden: the region a
    // terrain tile occupies (see TileSector). Uses a horizon culling point, as CesiumJS does for
    // its terrain tiles.
    bool isConeOccluded(const glm::dvec3& axis, double halfAngle, double maxDistance) const;

private:
    bool isScaledPointOccluded(const glm::dvec3& scaled) const;

    glm::dvec3 invRadii_;
    double minRadius_;
    double maxRadius_;
    glm::dvec3 cameraScaled_;
    double vhMagnitudeSquared_;  // |camera|^2 - 1 in scaled space
};

}  // namespace plateau
