#include "core/horizon.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/geodesy.h"

namespace plateau {

EllipsoidalOccluder::EllipsoidalOccluder(const glm::dvec3& radii, const glm::dvec3& cameraEcef)
    : invRadii_(1.0 / radii),
      minRadius_(std::min({radii.x, radii.y, radii.z})),
      maxRadius_(std::max({radii.x, radii.y, radii.z})),
      cameraScaled_(cameraEcef * (1.0 / radii)),
      vhMagnitudeSquared_(glm::dot(cameraScaled_, cameraScaled_) - 1.0) {}

EllipsoidalOccluder EllipsoidalOccluder::wgs84Shrunk(const glm::dvec3& cameraEcef, double shrink_m) {
    const double s = std::max(0.0, shrink_m);
    return EllipsoidalOccluder({wgs84::a - s, wgs84::a - s, wgs84::b - s}, cameraEcef);
}

bool EllipsoidalOccluder::isPointVisible(const glm::dvec3& pointEcef) const {
    return !isSphereOccluded(pointEcef, 0.0);
}

// CesiumJS's test, in scaled space: beyond the horizon plane and inside the tangent cone.
bool EllipsoidalOccluder::isScaledPointOccluded(const glm::dvec3& q) const {
    if (!cameraOutside()) return false;
    const glm::dvec3 vt = q - cameraScaled_;
    const double vtDotVc = -glm::dot(vt, cameraScaled_);
    return vtDotVc > vhMagnitudeSquared_ && vtDotVc * vtDotVc / glm::dot(vt, vt) > vhMagnitudeSquared_;
}

// Two points outside the unit sphere see each other exactly when the angle between them (at the
// centre) is at most the sum of their horizon angles acos(1/|x|). A region whose points are all
// within angle A of direction d and have horizon angles at most B can therefore only be seen
// from where the point Q = d / cos(A + B) (horizon angle A + B) is seen: if Q is hidden, so is
// the region. Scaling space to make the occluder a unit sphere stretches angles between
// directions by at most maxRadius/minRadius, which bounds A.
bool EllipsoidalOccluder::isConeOccluded(const glm::dvec3& axis, double halfAngle, double maxDistance) const {
    if (!cameraOutside()) return false;
    const double maxScaled = std::max(1.0, maxDistance / minRadius_);
    const double total = halfAngle * (maxRadius_ / minRadius_) + std::acos(1.0 / maxScaled);
    if (!(total < 0.5 * std::numbers::pi - 1e-9)) return false;
    const glm::dvec3 dir = glm::normalize(axis * invRadii_);
    return isScaledPointOccluded(dir / std::cos(total));
}

// In scaled space the occluder is the unit sphere and the hidden region is the intersection of
// two convex sets: the half-space beyond the horizon plane (dot(x, C) < 1, the plane through the
// tangent points) and the tangent cone from C (half-angle asin(1/|C|)). Any ray from the camera
// into that region meets the visible cap of the sphere first. A sphere is hidden when it lies
// inside both with its radius to spare. Scaling turns a sphere into an ellipsoid; the sphere with
// radius r / minRadius contains that ellipsoid, which keeps the test conservative.
bool EllipsoidalOccluder::isSphereOccluded(const glm::dvec3& centerEcef, double radius) const {
    if (!cameraOutside()) return false;
    const glm::dvec3 c = centerEcef * invRadii_;
    const double r = radius / minRadius_;
    const glm::dvec3& cam = cameraScaled_;
    const double camLen = std::sqrt(vhMagnitudeSquared_ + 1.0);

    // Beyond the horizon plane by at least r.
    const double planeDistance = (1.0 - glm::dot(c, cam)) / camLen;
    if (planeDistance < r) return false;

    // Inside the tangent cone by at least r.
    const glm::dvec3 v = c - cam;
    const double vLen = glm::length(v);
    if (vLen <= r) return false;
    const double cosTheta = std::clamp(-glm::dot(v, cam) / (vLen * camLen), -1.0, 1.0);
    const double theta = std::acos(cosTheta);  // angle off the cone axis (towards the centre)
    const double alpha = std::asin(std::min(1.0, 1.0 / camLen));
    if (theta >= alpha) return false;
    return vLen * std::sin(alpha - theta) >= r;
}

}  // namespace plateau
