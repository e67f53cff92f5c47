#pragma once
// The orientation spline of a camera path: the keyframes' camera orientations as ECEF
// quaternions, interpolated with squad (Shoemake 1987), which is C1 across keyframes where a
// chain of slerps would turn at a constant rate and then jerk to the next one.
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/camera.h"

namespace plateau::path_detail {

// The rotation taking camera axes (x right, y up, -z forward) to ECEF.
glm::dquat cameraQuat(const Camera& cam);
glm::dvec3 quatForward(const glm::dquat& q);
glm::dvec3 quatUp(const glm::dquat& q);

class OrientationSpline {
public:
    OrientationSpline() = default;
    // Sign-aligns each quaternion with the one before, so every segment turns the short way.
    explicit OrientationSpline(std::vector<glm::dquat> keys);
    // Segment i (from key i to key i + 1) at parameter h in [0, 1].
    glm::dquat at(std::size_t segment, double h) const;
    const std::vector<glm::dquat>& keys() const { return q_; }

private:
    std::vector<glm::dquat> q_;
    std::vector<glm::dquat> s_;  // squad's inner control quaternions
};

}  // namespace plateau::path_detail
