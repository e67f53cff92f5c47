#include "core/path_orientation.h"

#include <algorithm>
#include <cmath>

namespace plateau::path_detail {

namespace {

// log and exp of unit quaternions (pure-vector logs), written out: glm has them only in its
// experimental extensions.
glm::dvec3 quatLog(const glm::dquat& q) {
    const glm::dvec3 v(q.x, q.y, q.z);
    const double s = glm::length(v);
    if (s < 1e-15) return glm::dvec3(0.0);
    return v * (std::atan2(s, q.w) / s);
}

glm::dquat quatExp(const glm::dvec3& v) {
    const double a = glm::length(v);
    if (a < 1e-15) return glm::dquat(1.0, 0.0, 0.0, 0.0);
    const glm::dvec3 xyz = v * (std::sin(a) / a);
    return glm::dquat(std::cos(a), xyz.x, xyz.y, xyz.z);
}

// Slerp that keeps the signs it is given (squad's inner slerp must not flip to the short way:
// its control quaternions are chosen for the signs of the keys).
glm::dquat slerpKeep(const glm::dquat& a, const glm::dquat& b, double t) {
    const double c = std::clamp(glm::dot(a, b), -1.0, 1.0);
    if (c > 1.0 - 1e-12) return glm::normalize(a * (1.0 - t) + b * t);
    const double th = std::acos(c);
    const double s = std::sin(th);
    if (std::fabs(s) < 1e-12) return glm::normalize(a * (1.0 - t) + b * t);
    return a * (std::sin((1.0 - t) * th) / s) + b * (std::sin(t * th) / s);
}

}  // namespace

glm::dquat cameraQuat(const Camera& cam) {
    const glm::dvec3 f = glm::normalize(cam.forward);
    const glm::dvec3 r = glm::normalize(glm::cross(f, cam.up));
    const glm::dvec3 u = glm::cross(r, f);
    return glm::normalize(glm::quat_cast(glm::dmat3(r, u, -f)));
}

glm::dvec3 quatForward(const glm::dquat& q) { return q * glm::dvec3(0.0, 0.0, -1.0); }
glm::dvec3 quatUp(const glm::dquat& q) { return q * glm::dvec3(0.0, 1.0, 0.0); }

OrientationSpline::OrientationSpline(std::vector<glm::dquat> keys) : q_(std::move(keys)) {
    for (std::size_t i = 1; i < q_.size(); ++i)
        if (glm::dot(q_[i - 1], q_[i]) < 0.0) q_[i] = -q_[i];
    const std::size_t n = q_.size();
    s_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (i == 0 || i + 1 == n) {
            s_[i] = q_[i];  // the ends start and stop turning as the keys say
            continue;
        }
        const glm::dquat inv = glm::inverse(q_[i]);
        const glm::dvec3 l = quatLog(inv * q_[i + 1]) + quatLog(inv * q_[i - 1]);
        s_[i] = glm::normalize(q_[i] * quatExp(-0.25 * l));
    }
}

glm::dquat OrientationSpline::at(std::size_t segment, double h) const {
    if (q_.empty()) return glm::dquat(1.0, 0.0, 0.0, 0.0);
    if (segment + 1 >= q_.size()) return q_.back();
    h = std::clamp(h, 0.0, 1.0);
    const std::size_t i = segment;
    const glm::dquat a = slerpKeep(q_[i], q_[i + 1], h);
    const glm::dquat b = slerpKeep(s_[i], s_[i + 1], h);
    return glm::normalize(slerpKeep(a, b, 2.0 * h * (1.0 - h)));
}

}  // namespace plateau::path_detail
