#include "core/model_picking.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/camera_control.h"

namespace plateau {

namespace {

// Ray parameter of the hit with the box, if any (slab test).
bool rayHitsBox(const glm::dvec3& o, const glm::dvec3& d, const glm::dvec3& lo, const glm::dvec3& hi) {
    double t0 = 0.0, t1 = std::numeric_limits<double>::max();
    for (int k = 0; k < 3; ++k) {
        if (std::abs(d[k]) < 1e-300) {
            if (o[k] < lo[k] || o[k] > hi[k]) return false;
            continue;
        }
        double a = (lo[k] - o[k]) / d[k], b = (hi[k] - o[k]) / d[k];
        if (a > b) std::swap(a, b);
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
        if (t0 > t1) return false;
    }
    return true;
}

// Möller-Trumbore, both faces; t in units of |d|.
std::optional<double> rayTriangle(const glm::dvec3& o, const glm::dvec3& d, const glm::dvec3& a, const glm::dvec3& b,
                                  const glm::dvec3& c) {
    const glm::dvec3 e1 = b - a, e2 = c - a;
    const glm::dvec3 p = glm::cross(d, e2);
    const double det = glm::dot(e1, p);
    if (std::abs(det) < 1e-18) return std::nullopt;
    const double inv = 1.0 / det;
    const glm::dvec3 s = o - a;
    const double u = glm::dot(s, p) * inv;
    if (u < 0.0 || u > 1.0) return std::nullopt;
    const glm::dvec3 q = glm::cross(s, e1);
    const double v = glm::dot(d, q) * inv;
    if (v < 0.0 || u + v > 1.0) return std::nullopt;
    const double t = glm::dot(e2, q) * inv;
    if (t <= 0.0) return std::nullopt;
    return t;
}

}  // namespace

std::optional<ModelHit> pickModel(const glm::dvec3& origin, const glm::dvec3& dir,
                                  const std::vector<PickableModel>& models) {
    std::optional<ModelHit> best;
    for (const PickableModel& m : models) {
        if (!m.data) continue;
        // Into model space: a ray parameter t there is the same point as t in ECEF, because the
        // direction is mapped linearly (not renormalised).
        const glm::dmat4 inv = glm::inverse(m.modelToEcef);
        const glm::dvec3 o = glm::dvec3(inv * glm::dvec4(origin, 1.0));
        const glm::dvec3 d = glm::dvec3(inv * glm::dvec4(dir, 0.0));
        if (!rayHitsBox(o, d, glm::dvec3(m.data->boundsMin) - 1e-3, glm::dvec3(m.data->boundsMax) + 1e-3)) continue;
        for (std::size_t pi = 0; pi < m.data->primitives.size(); ++pi) {
            const ModelPrimitive& p = m.data->primitives[pi];
            const glm::dmat4 t(p.transform);
            const auto at = [&](std::uint32_t i) { return glm::dvec3(t * glm::dvec4(glm::dvec3(p.vertices[i].position), 1.0)); };
            for (std::size_t k = 0; k + 2 < p.indices.size(); k += 3) {
                const std::uint32_t i0 = p.indices[k], i1 = p.indices[k + 1], i2 = p.indices[k + 2];
                if (i0 >= p.vertices.size() || i1 >= p.vertices.size() || i2 >= p.vertices.size()) continue;
                const auto hit = rayTriangle(o, d, at(i0), at(i1), at(i2));
                if (!hit || (best && *hit >= best->distance_m)) continue;
                ModelHit h;
                h.id = m.id;
                h.primitive = pi;
                h.node = p.node;
                h.distance_m = *hit;
                h.ecef = origin + dir * *hit;
                best = h;
            }
        }
    }
    return best;
}

std::optional<ModelHit> pickModelAt(const Camera& cam, double x, double y, const std::vector<PickableModel>& models) {
    return pickModel(cam.position, pixelRay(cam, x, y), models);
}

}  // namespace plateau
