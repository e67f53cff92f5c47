#pragma once
// Shared fakes and geometry helpers for the core tests.
#include <cmath>
#include <optional>
#include <functional>
#include <utility>

#include <glm/glm.hpp>

#include "core/camera.h"
#include "core/camera_control.h"
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

// Rays through pixels and ellipsoid hits come from the navigation code the program uses.
using plateau::pixelRay;

// First intersection of a ray from outside with the ellipsoid grown by `h` metres.
inline std::optional<glm::dvec3> hitEllipsoid(const glm::dvec3& origin, const glm::dvec3& dir, double h = 0.0) {
    return intersectEllipsoid(origin, dir, h);
}

// Clip-space position (double) of an ECEF point.
inline glm::dvec4 toClip(const Camera& cam, const glm::dvec3& p) {
    return projectionMatrix(cam) * viewMatrix(cam) * glm::dvec4(p, 1.0);
}

}  // namespace plateau::test
