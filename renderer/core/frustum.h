#pragma once
// View-frustum planes for CPU culling. Build them from a camera-relative view-projection
// (projection * viewRotation) and test spheres given relative to the camera position, so the
// 6,400 km ECEF offsets cancel before any plane arithmetic.
#include <array>

#include <glm/glm.hpp>

#include "core/camera.h"

namespace plateau {

class Frustum {
public:
    // Planes of a Vulkan clip space (depth 0..1). Degenerate planes (the far plane of an infinite
    // reverse-Z projection) are dropped.
    static Frustum fromViewProjection(const glm::dmat4& viewProj);
    // Camera-relative frustum of `cam`: test points as (p - cam.position). When the whole view
    // points above the local horizontal (looking at the sky), the horizontal plane through the
    // camera is added: it contains the frustum and rejects the ground below the camera, which
    // the side planes alone cannot (they only cut what lies outside one of them).
    static Frustum forCamera(const Camera& cam);

    // False only when the sphere lies entirely outside one plane.
    bool intersectsSphere(const glm::dvec3& center, double radius) const;
    bool containsPoint(const glm::dvec3& p) const { return intersectsSphere(p, 0.0); }
    int planeCount() const { return count_; }
    // Plane k as (n, d) with unit n: inside when dot(n, p) + d >= 0.
    const glm::dvec4& plane(int k) const { return planes_[std::size_t(k)]; }

private:
    std::array<glm::dvec4, 7> planes_{};
    int count_ = 0;
};

}  // namespace plateau
