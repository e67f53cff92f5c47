// The navigator's building blocks: levelling, projecting, grabbing, the ground march and the key
// table.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <utility>

#include "core/camera_control.h"
#include "core/nav_input.h"
#include "core/navigator_ground.h"
#include "core/navigator_moves.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;

TEST_CASE("pixelOf inverts pixelRay", "[navigator]") {
    const Camera cam = makeCamera({91, 29.6, 12000, 33, -41}, 640, 360);
    for (const auto& [x, y] : {std::pair{0.0, 0.0}, {639.0, 359.0}, {123.4, 300.2}}) {
        const auto px = pixelOf(cam, cam.position + pixelRay(cam, x, y) * 5000.0);
        REQUIRE(px);
        CHECK_THAT(px->x, WithinAbs(x, 1e-6));
        CHECK_THAT(px->y, WithinAbs(y, 1e-6));
    }
    CHECK_FALSE(pixelOf(cam, cam.position - cam.forward * 10.0));
}

TEST_CASE("levelling about a ray removes the roll and keeps that ray's pixel", "[navigator]") {
    Camera cam = makeCamera({91, 29.6, 12000, 33, -41}, 640, 360);
    cam = rotateCamera(cam, cam.position, cam.forward + cam.right() * 0.3, 0.2);  // add roll
    const glm::dvec3 n = ellipsoidNormal(91, 29.6);
    REQUIRE(std::fabs(glm::dot(cam.right(), n)) > 0.01);
    const glm::dvec3 dir = pixelRay(cam, 500, 80);
    const glm::dvec3 point = cam.position + dir * 7000.0;
    const Camera level = levelAbout(cam, dir);
    CHECK(std::fabs(glm::dot(level.right(), n)) < 1e-12);
    CHECK(glm::dot(level.up, n) > 0.0);  // upright, not upside down
    const auto px = pixelOf(level, point);
    REQUIRE(px);
    CHECK_THAT(px->x, WithinAbs(500, 1e-6));
    CHECK_THAT(px->y, WithinAbs(80, 1e-6));
}

TEST_CASE("grabTo puts the grabbed point under the pixel", "[navigator]") {
    const Camera cam = makeCamera({91, 29.6, 20000, 0, -60}, 640, 360);
    const glm::dvec3 p = *intersectEllipsoid(cam.position, pixelRay(cam, 100, 300), 4500.0);
    const auto moved = grabTo(cam, p, 600, 40);
    REQUIRE(moved);
    const auto px = pixelOf(*moved, p);
    REQUIRE(px);
    CHECK_THAT(px->x, WithinAbs(600, 1e-6));
    CHECK_THAT(px->y, WithinAbs(40, 1e-6));
    CHECK_FALSE(grabTo(cam, p, 320, -2000));  // a ray far above the horizon misses
}

TEST_CASE("focus views round-trip and interpolate from end to end", "[navigator]") {
    const Camera cam = makeCamera({91, 29.6, 20000, 250, -35}, 640, 360);
    const glm::dvec3 focus = *intersectEllipsoid(cam.position, cam.forward, 4000.0);
    const FocusView v = focusViewOf(cam, focus);
    const Camera back = cameraOf(cam, v);
    CHECK(glm::length(back.position - cam.position) < 1e-6);
    CHECK(glm::length(back.forward - cam.forward) < 1e-9);
    CHECK(glm::length(back.up - cam.up) < 1e-9);
    FocusView w = v;
    w.heading_deg = 10;  // the shorter way round from 250 is up through 360
    w.distance_m = v.distance_m * 4.0;
    const FocusView mid = interpolate(v, w, 0.5);
    CHECK_THAT(std::remainder(mid.heading_deg - 310.0, 360.0), WithinAbs(0, 0.1));  // not 130: the long way
    CHECK_THAT(std::remainder(v.heading_deg - 250.0, 360.0), WithinAbs(0, 0.2));
    CHECK_THAT(mid.distance_m, WithinAbs(v.distance_m * 2.0, 1e-6));
    CHECK(glm::length(interpolate(v, w, 1.0).focus - w.focus) < 1e-6);
}

TEST_CASE("marchToSurface finds the surface along a ray", "[navigator]") {
    const SurfaceHeightFn slope = [](double lon, double) { return std::optional<double>(3000.0 + (lon - 91.0) * 40000.0); };
    // Straight down.
    const glm::dvec3 top = geodeticToEcef({91.05, 29.6, 20000});
    const auto hit = marchToSurface(top, -ellipsoidNormal(91.05, 29.6), slope);
    REQUIRE(hit);
    CHECK_THAT(ecefToGeodetic(*hit).height_m, WithinAbs(5000.0, 0.01));
    // Low and level, toward the rising slope (about 20 degrees).
    const Camera cam = makeCamera({90.9, 29.6, 3500, 90, 0}, 640, 360);
    const auto ahead = marchToSurface(cam.position, cam.forward, slope);
    REQUIRE(ahead);
    const Geodetic g = ecefToGeodetic(*ahead);
    CHECK_THAT(g.height_m, WithinAbs(*slope(g.lon_deg, g.lat_deg), 0.01));
    // From below, looking up: the underside.
    const glm::dvec3 below = geodeticToEcef({91.05, 29.6, 3000});
    const auto up = marchToSurface(below, ellipsoidNormal(91.05, 29.6), slope);
    REQUIRE(up);
    CHECK_THAT(ecefToGeodetic(*up).height_m, WithinAbs(5000.0, 0.01));
    // Up into the sky from above.
    CHECK_FALSE(marchToSurface(top, ellipsoidNormal(91.05, 29.6), slope));
}

TEST_CASE("navigation keys: arrows move, shift+arrows turn and tilt, one-shots on the press", "[navigator][keys]") {
    auto read = [](std::set<int> held, bool shift, std::set<int> pressed = {}) {
        NavInput in;
        in.shift = shift;
        readNavKeys(in, [&](int k) { return held.count(k) > 0; }, [&](int k) { return pressed.count(k) > 0; });
        return in;
    };
    NavInput in = read({navkey::Left}, false);
    CHECK(in.moveLeft);
    CHECK_FALSE(in.turnLeft);
    in = read({navkey::Left}, true);
    CHECK(in.turnLeft);
    CHECK_FALSE(in.moveLeft);
    in = read({navkey::Up, navkey::W}, true);
    CHECK(in.tiltUp);
    CHECK(in.forward);  // W is forward with or without shift
    in = read({navkey::N}, false);
    CHECK_FALSE(in.northUp);  // held, not pressed this frame
    in = read({}, false, {navkey::R});
    CHECK(in.northUp);
    CHECK(in.resetTilt);
    in = read({navkey::PageDown, navkey::E}, false);
    CHECK(in.down);
    CHECK(in.up);
}

TEST_CASE("the key table names every action once per key and modifier", "[navigator][keys]") {
    std::set<std::pair<int, int>> seen;
    std::set<int> actions;
    for (const NavKeyBinding& b : navKeyBindings()) {
        CHECK(!b.keyName.empty());
        CHECK(!describe(b.action).empty());
        // A key with no modifier rule conflicts with every rule on the same key.
        for (const int m : {0, 1, 2})
            if (b.mods == KeyMods::None || int(b.mods) == m) CHECK(seen.insert({b.key, m}).second);
        actions.insert(int(b.action));
    }
    CHECK(actions.size() == 13);  // every NavAction has a key
}
