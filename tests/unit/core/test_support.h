#pragma once
// Shared fakes and geometry helpers for the core tests.
#include <cmath>
#include <optional>
#include <functional>
#include <utility>

#include <glm/glm.hpp>

#include "core/camera.h"
#include "core/geodesy.h"
#include "core/tile_selection.h"

namespace plateau::test {

// Tiles with data up to `maxDataZoom`; residency decided by a predicate (all resident by default);
// every resident tile spans the same height range.
class FakeAvailability : public TileAvailability {
public:
    int maxDataZoom = 12;
    std::function<bool(const TileId&)> resident = [](const TileId&) { return true; };
    float lo = -100.0f, hi = 100.0f;

    bool hasData(const TileId& id) const override { return id.z <= maxDataZoom; }
    bool isResident(const TileId& id) const override { return resident(id); }
    std::optional<std::pair<float, float>> heightRange(const TileId& id) const override {
        if (!resident(id)) return std::nullopt;
        return std::make_pair(lo, hi);
    }
};

// Ray from the camera through pixel (px, py) (pixel centres, y down).
inline glm::dvec3 pixelRay(const Camera& cam, double px, double py) {
    const double ndcX = (px + 0.5) / cam.width * 2.0 - 1.0;
    const double ndcY = (py + 0.5) / cam.height * 2.0 - 1.0;
    const double t = std::tan(cam.fovy_rad * 0.5);
    return glm::normalize(cam.forward + cam.right() * (ndcX * t * cam.aspect()) - cam.up * (ndcY * t));
}

// First intersection of a ray with the ellipsoid grown by `h` metres on every axis.
inline std::optional<glm::dvec3> hitEllipsoid(const glm::dvec3& origin, const glm::dvec3& dir, double h = 0.0) {
    const glm::dvec3 r{wgs84::a + h, wgs84::a + h, wgs84::b + h};
    const glm::dvec3 o = origin / r, d = dir / r;
    const double A = glm::dot(d, d), B = 2.0 * glm::dot(o, d), C = glm::dot(o, o) - 1.0;
    const double disc = B * B - 4.0 * A * C;
    if (disc < 0.0) return std::nullopt;
    const double t = (-B - std::sqrt(disc)) / (2.0 * A);
    if (t <= 0.0) return std::nullopt;
    return origin + dir * t;
}

// Clip-space position (double) of an ECEF point.
inline glm::dvec4 toClip(const Camera& cam, const glm::dvec3& p) {
    return projectionMatrix(cam) * viewMatrix(cam) * glm::dvec4(p, 1.0);
}

}  // namespace plateau::test
