#include <catch2/catch.hpp>

#include <random>

#include "core/frustum.h"
#include "core/horizon.h"
#include "test_support.h"

using namespace plateau;

TEST_CASE("frustum planes from a reverse-Z infinite projection", "[culling]") {
    Camera cam = makeCamera({91.583, 29.6, 3000, 30, -20}, 1280, 720);
    cam.near_m = 1.0;
    const Frustum f = Frustum::forCamera(cam);
    CHECK(f.planeCount() == 5);  // no far plane
    auto rel = [&](const glm::dvec3& dir, double dist) { return dir * dist; };
    CHECK(f.containsPoint(rel(cam.forward, 10.0)));
    CHECK(f.containsPoint(rel(cam.forward, 1e9)));
    CHECK(!f.containsPoint(rel(cam.forward, 0.5)));    // closer than the near plane
    CHECK(!f.containsPoint(rel(-cam.forward, 100.0)));  // behind
    const double t = std::tan(cam.fovy_rad / 2);
    CHECK(f.containsPoint(rel(glm::normalize(cam.forward + cam.up * (t * 0.99)), 100.0)));
    CHECK(!f.containsPoint(rel(glm::normalize(cam.forward + cam.up * (t * 1.01)), 100.0)));
    CHECK(!f.containsPoint(rel(glm::normalize(cam.forward + cam.right() * (t * cam.aspect() * 1.01)), 100.0)));
    // A sphere just outside the left edge that reaches back in is kept.
    const glm::dvec3 outside = rel(glm::normalize(cam.forward - cam.right() * (t * cam.aspect() * 1.2)), 100.0);
    CHECK(!f.intersectsSphere(outside, 1.0));
    CHECK(f.intersectsSphere(outside, 20.0));
    // Planes are unit length.
    for (int k = 0; k < f.planeCount(); ++k) CHECK(glm::length(glm::dvec3(f.plane(k))) == Approx(1.0));
}

TEST_CASE("horizon occlusion of points and spheres", "[culling][horizon]") {
    const glm::dvec3 cam = geodeticToEcef({0, 0, 1e7});
    const EllipsoidalOccluder occ({wgs84::a, wgs84::a, wgs84::b}, cam);
    REQUIRE(occ.cameraOutside());
    // The horizon is acos(a / (a + h)) = 67.0 degrees from the sub-camera point.
    CHECK(occ.isPointVisible(geodeticToEcef({0, 0, 0})));
    CHECK(occ.isPointVisible(geodeticToEcef({60, 0, 0})));
    CHECK(occ.isPointVisible(geodeticToEcef({0, 66, 0})));
    CHECK(!occ.isPointVisible(geodeticToEcef({70, 0, 0})));
    CHECK(!occ.isPointVisible(geodeticToEcef({180, 0, 0})));
    CHECK(!occ.isPointVisible(geodeticToEcef({0, -80, 0})));
    // A high point beyond the horizon rises into view.
    CHECK(occ.isPointVisible(geodeticToEcef({70, 0, 1e6})));
    // Spheres: hidden only when wholly hidden.
    CHECK(occ.isSphereOccluded(geodeticToEcef({180, 0, 0}), 1e6));
    CHECK(!occ.isSphereOccluded(geodeticToEcef({70, 0, 0}), 1e6));
    CHECK(!occ.isSphereOccluded(geodeticToEcef({0, 0, 0}), 1.0));
    // Inside the occluder nothing is culled.
    const EllipsoidalOccluder inside = EllipsoidalOccluder::wgs84Shrunk(geodeticToEcef({10, 10, -2000}), 1000);
    CHECK(!inside.cameraOutside());
    CHECK(inside.isPointVisible(geodeticToEcef({190, -10, 0})));
}

namespace {
// Ground truth: the segment from the camera to p does not enter the (true) ellipsoid grown by h.
bool segmentClear(const glm::dvec3& cam, const glm::dvec3& p, double h) {
    const glm::dvec3 d = p - cam;
    const double len = glm::length(d);
    const auto hit = test::hitEllipsoid(cam, d / len, h);
    return !hit || glm::length(*hit - cam) >= len * (1 - 1e-9);
}
}  // namespace

TEST_CASE("horizon culling is conservative for terrain below the ellipsoid", "[culling][horizon]") {
    // Terrain down to -430 m (Dead Sea) seen over an ocean-level horizon: the occluder shrunk by
    // 1 km must never call a visible point hidden.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-85, 85), unit(0, 1), h(-430, 9000);
    int visibleChecked = 0, hidden = 0;
    for (int k = 0; k < 20000; ++k) {
        // Half the cameras near the ground, half in space.
        const double camH = (k % 2) ? -400 + 20400 * unit(rng) : 2e7 * unit(rng);
        const glm::dvec3 cam = geodeticToEcef({lon(rng), lat(rng), camH});
        const glm::dvec3 p = geodeticToEcef({lon(rng), lat(rng), h(rng)});
        const EllipsoidalOccluder occ = EllipsoidalOccluder::wgs84Shrunk(cam, 1000 + 430);
        // Visible over terrain that is nowhere lower than -430 m.
        if (segmentClear(cam, p, -430)) {
            ++visibleChecked;
            REQUIRE(occ.isPointVisible(p));
        }
        if (!occ.isPointVisible(p)) {
            ++hidden;
            // Hidden means hidden even from the lowest possible terrain.
            REQUIRE(!segmentClear(cam, p, -1430 + 1));
        }
    }
    CHECK(visibleChecked > 1000);
    CHECK(hidden > 1000);
}

TEST_CASE("a sphere called hidden hides all its points", "[culling][horizon]") {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-85, 85), unit(0, 1);
    int occluded = 0;
    for (int k = 0; k < 5000; ++k) {
        const glm::dvec3 cam = geodeticToEcef({lon(rng), lat(rng), 100 + 1e7 * unit(rng) * unit(rng)});
        const EllipsoidalOccluder occ = EllipsoidalOccluder::wgs84Shrunk(cam, 1000);
        const glm::dvec3 c = geodeticToEcef({lon(rng), lat(rng), 0});
        const double r = 1e6 * unit(rng) * unit(rng);
        if (!occ.isSphereOccluded(c, r)) continue;
        ++occluded;
        for (int s = 0; s < 50; ++s) {
            const glm::dvec3 dir = glm::normalize(glm::dvec3(unit(rng) - 0.5, unit(rng) - 0.5, unit(rng) - 0.5));
            REQUIRE(!occ.isPointVisible(c + dir * r * unit(rng)));
            REQUIRE(!occ.isPointVisible(c + dir * r));
        }
    }
    CHECK(occluded > 500);
}

TEST_CASE("a cone region called hidden hides all its points", "[culling][horizon]") {
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-85, 85), unit(0, 1);
    int occluded = 0;
    for (int k = 0; k < 5000; ++k) {
        const glm::dvec3 cam = geodeticToEcef({lon(rng), lat(rng), 100 + 1e7 * unit(rng) * unit(rng)});
        const EllipsoidalOccluder occ = EllipsoidalOccluder::wgs84Shrunk(cam, 1000);
        const glm::dvec3 axis = ellipsoidNormal(lon(rng), lat(rng));
        const double halfAngle = 0.3 * unit(rng) * unit(rng), maxDistance = wgs84::a + 9000 * unit(rng);
        if (!occ.isConeOccluded(axis, halfAngle, maxDistance)) continue;
        ++occluded;
        // Points at the rim of the cone at full height are the hardest to hide.
        const glm::dvec3 side = glm::normalize(glm::cross(axis, glm::dvec3(0.3, 0.5, 0.8)));
        for (int s = 0; s < 40; ++s) {
            const double az = unit(rng) * 2 * M_PI, off = halfAngle * std::sqrt(unit(rng));
            const glm::dvec3 other = glm::cross(axis, side);
            const glm::dvec3 dir = axis * std::cos(off) + (side * std::cos(az) + other * std::sin(az)) * std::sin(off);
            REQUIRE(!occ.isPointVisible(dir * maxDistance));
            REQUIRE(!occ.isPointVisible(dir * maxDistance * (0.999 + 0.001 * unit(rng))));
        }
    }
    CHECK(occluded > 500);
    // Wider than a hemisphere can never be proven hidden.
    const EllipsoidalOccluder occ = EllipsoidalOccluder::wgs84Shrunk(geodeticToEcef({0, 0, 1e6}), 0);
    CHECK(!occ.isConeOccluded({-1, 0, 0}, 2.0, wgs84::a));
    CHECK(occ.isConeOccluded({-1, 0, 0}, 0.5, wgs84::a));
}

TEST_CASE("looking at the sky adds the horizontal plane to the frustum", "[culling]") {
    const Camera level = makeCamera({91.583, 29.6, 3000, 0, 0}, 1280, 720);
    CHECK(Frustum::forCamera(level).planeCount() == 5);
    const Camera up = makeCamera({91.583, 29.6, 3000, 0, 40}, 1280, 720);
    const Frustum f = Frustum::forCamera(up);
    REQUIRE(f.planeCount() == 6);
    CHECK(glm::length(glm::dvec3(f.plane(5)) - ellipsoidNormal(91.583, 29.6)) < 1e-9);
    // The ground right below the camera is outside; the sky ahead is inside.
    CHECK(!f.containsPoint(geodeticToEcef({91.583, 29.6, 0}) - up.position));
    CHECK(f.containsPoint(up.forward * 1000.0));
}
