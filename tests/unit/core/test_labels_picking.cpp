#include <catch2/catch.hpp>

#include "core/label_layout.h"
#include "core/picking.h"

using namespace plateau;

TEST_CASE("labels never overlap and the more important one wins", "[labels]") {
    std::vector<LabelCandidate> c(3);
    c[0] = {100, 100, 60, 14, 1000, 1};
    c[1] = {120, 104, 60, 14, 1000, 5};  // overlaps the first, more important
    c[2] = {300, 100, 60, 14, 1000, 1};
    const auto shown = layoutLabels(c, {}, 640, 360, 1.0);
    REQUIRE(shown.size() == 2);
    CHECK(shown[0] == 1);
    CHECK(shown[1] == 2);
}

TEST_CASE("labels behind terrain are hidden", "[labels]") {
    const int w = 64, h = 32;
    std::vector<float> depth(std::size_t(w * h), 0.0f);
    const double nearM = 10.0;
    // A ridge 2 km away covers the left half; the right half is sky.
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w / 2; ++x) depth[std::size_t(y * w + x)] = float(nearM / 2000.0);
    std::vector<LabelCandidate> c(3);
    c[0] = {10, 10, 5, 5, 5000, 0};  // 5 km away, behind the ridge
    c[1] = {20, 20, 5, 5, 2010, 0};  // on the ridge itself
    c[2] = {50, 10, 5, 5, 5000, 0};  // in front of the sky
    const auto shown = layoutLabels(c, depth, w, h, nearM);
    REQUIRE(shown.size() == 2);
    CHECK(shown[0] == 1);
    CHECK(shown[1] == 2);
}

TEST_CASE("picking undoes the exaggeration", "[picking]") {
    CameraPose pose{91.5, 29.5, 40000.0, 0.0, -90.0};
    Camera cam = makeCamera(pose, 64, 64);
    cam.near_m = 5.0;
    // The drawn surface 15,000 m above the ellipsoid straight below (5,000 m at 3x): depth is
    // near / distance along the view direction.
    std::vector<float> depth(64 * 64, float(cam.near_m / 25000.0));
    const auto p = pickSurface(cam, depth, 32, 32, 3.0);
    REQUIRE(p);
    CHECK(p->elevation_m == Approx(5000.0).margin(5.0));
    CHECK(p->lon_deg == Approx(91.5).margin(0.01));
    CHECK(p->lat_deg == Approx(29.5).margin(0.01));
    depth.assign(depth.size(), 0.0f);
    CHECK(!pickSurface(cam, depth, 32, 32, 3.0));
    CHECK(!pickSurface(cam, depth, 64, 3, 3.0));
}
