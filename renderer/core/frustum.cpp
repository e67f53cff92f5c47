#include "core/frustum.h"

#include <algorithm>
#include <cmath>

#include "core/geodesy.h"

namespace plateau {

// Gribb & Hartmann: with clip = M * p, the inside conditions -w <= x <= w, -w <= y <= w and
// 0 <= z <= w are linear in p, so each is a plane built from rows of M.
Frustum Frustum::fromViewProjection(const glm::dmat4& m) {
    auto row = [&](int r) { return glm::dvec4(m[0][r], m[1][r], m[2][r], m[3][r]); };
    const glm::dvec4 r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3);
    const glm::dvec4 candidates[6] = {r3 + r0, r3 - r0, r3 + r1, r3 - r1, r2, r3 - r2};
    Frustum f;
    for (const glm::dvec4& c : candidates) {
        const double len = glm::length(glm::dvec3(c));
        // Infinite reverse-Z makes z >= 0 the constant `near >= 0`: no plane at all.
        if (len < 1e-12) continue;
        f.planes_[std::size_t(f.count_++)] = c / len;
    }
    return f;
}

Frustum Frustum::forCamera(const Camera& cam) {
    Frustum f = fromViewProjection(projectionMatrix(cam) * viewRotation(cam));
    const Geodetic g = ecefToGeodetic(cam.position);
    const glm::dvec3 up = ellipsoidNormal(g.lon_deg, g.lat_deg);
    const double ty = std::tan(cam.fovy_rad * 0.5), tx = ty * cam.aspect();
    const glm::dvec3 right = cam.right(), camUp = glm::normalize(glm::cross(right, cam.forward));
    double lowest = 1.0;
    for (const double sx : {-1.0, 1.0})
        for (const double sy : {-1.0, 1.0})
            lowest = std::min(lowest, glm::dot(up, glm::normalize(cam.forward + right * (sx * tx) + camUp * (sy * ty))));
    if (lowest > 0.0) f.planes_[std::size_t(f.count_++)] = glm::dvec4(up, 0.0);
    return f;
}

bool Frustum::intersectsSphere(const glm::dvec3& center, double radius) const {
    for (int k = 0; k < count_; ++k) {
        const glm::dvec4& p = planes_[std::size_t(k)];
        if (glm::dot(glm::dvec3(p), center) + p.w < -radius) return false;
    }
    return true;
}

}  // namespace plateau
