#include <catch2/catch.hpp>

#include <cmath>

#include "core/camera.h"
#include "test_support.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;

TEST_CASE("camera pose round trip", "[camera]") {
    const CameraPose poses[] = {
        {91.583, 29.2, 25000, 10, -25}, {0, 0, 100, 0, 0},      {-120, 45, 3e6, 270, -90},
        {10, -60, 500, 135, 30},        {179.9, 84, 1e7, 359, -89}, {86.925, 27.9881, 9000, 200, -5},
    };
    for (const CameraPose& p : poses) {
        const Camera cam = makeCamera(p, 640, 360);
        CHECK_THAT(glm::length(cam.forward), WithinAbs(1, 1e-12));
        CHECK_THAT(glm::length(cam.up), WithinAbs(1, 1e-12));
        CHECK_THAT(glm::dot(cam.forward, cam.up), WithinAbs(0, 1e-12));
        const CameraPose q = cameraPose(cam);
        INFO("lon " << p.lon_deg << " lat " << p.lat_deg << " heading " << p.heading_deg);
        CHECK_THAT(q.lon_deg, WithinAbs(p.lon_deg, 1e-9));
        CHECK_THAT(q.lat_deg, WithinAbs(p.lat_deg, 1e-9));
        CHECK_THAT(q.height_m, WithinAbs(p.height_m, 1e-3));
        CHECK_THAT(q.pitch_deg, WithinAbs(p.pitch_deg, 1e-7));
        CHECK_THAT(std::remainder(q.heading_deg - p.heading_deg, 360.0), WithinAbs(0, 1e-7));
    }
}

TEST_CASE("the field of view is part of the pose", "[camera]") {
    CameraPose p{91.583, 29.2, 25000, 10, -25, 30};
    const Camera narrow = makeCamera(p, 640, 360);
    CHECK_THAT(narrow.fovy_rad, WithinAbs(30.0 * M_PI / 180.0, 1e-12));
    CHECK_THAT(cameraPose(narrow).fov_deg, WithinAbs(30.0, 1e-9));
    // A narrower view magnifies: the same ground offset lands farther from the centre.
    p.fov_deg = 45;
    const Camera normal = makeCamera(p, 640, 360);
    const glm::dvec3 ahead = narrow.position + narrow.forward * 10000.0 + narrow.up * 500.0;
    const auto a = projectToScreen(narrow, ahead), b = projectToScreen(normal, ahead);
    REQUIRE((a && b));
    CHECK(std::fabs(a->y - 180.0) > 1.4 * std::fabs(b->y - 180.0));
    // Out-of-range values are clamped, never a degenerate projection.
    p.fov_deg = 0;
    CHECK(makeCamera(p, 640, 360).fovy_rad > 0.0);
    p.fov_deg = 179;
    CHECK(makeCamera(p, 640, 360).fovy_rad < M_PI * 150.0 / 179.0);
}

TEST_CASE("heading and pitch point where they say", "[camera]") {
    const glm::dmat3 enu = enuBasis(91.583, 29.6);
    Camera cam = makeCamera({91.583, 29.6, 5000, 90, 0}, 640, 360);
    CHECK(glm::length(cam.forward - enu[0]) < 1e-12);  // heading 90: east
    CHECK(glm::length(cam.up - enu[2]) < 1e-12);
    cam = makeCamera({91.583, 29.6, 5000, 0, -90}, 640, 360);
    CHECK(glm::length(cam.forward + enu[2]) < 1e-12);  // straight down
    CHECK(glm::length(cam.up - enu[1]) < 1e-12);       // top of the image is north
    cam = makeCamera({91.583, 29.6, 5000, 180, 0}, 640, 360);
    CHECK(glm::length(cam.forward + enu[1]) < 1e-12);  // south
    CHECK(glm::length(cam.right() - (-enu[0])) < 1e-12);
}

TEST_CASE("looking down sees the ground point at the screen centre", "[camera]") {
    for (const CameraPose& p : {CameraPose{91.583, 29.6, 25000, 0, -90}, CameraPose{-70, -33, 800, 45, -90}}) {
        const Camera cam = makeCamera(p, 1280, 720);
        const glm::dvec4 c = test::toClip(cam, geodeticToEcef({p.lon_deg, p.lat_deg, 0}));
        REQUIRE(c.w > 0);
        CHECK_THAT(c.x / c.w, WithinAbs(0, 1e-9));
        CHECK_THAT(c.y / c.w, WithinAbs(0, 1e-9));
        const double depth = c.z / c.w;
        CHECK(depth > 0);
        CHECK(depth < 1);
        CHECK_THAT(depth, WithinAbs(cam.near_m / p.height_m, 1e-9));  // reverse-Z: near / distance
    }
}

TEST_CASE("projection is Vulkan reverse-Z with an infinite far plane", "[camera]") {
    Camera cam = makeCamera({10, 20, 2000, 30, -10}, 800, 600);
    cam.near_m = 2.0;
    auto ndc = [&](const glm::dvec3& p) {
        const glm::dvec4 c = test::toClip(cam, p);
        return glm::dvec3(c) / c.w;
    };
    CHECK_THAT(ndc(cam.position + cam.forward * cam.near_m).z, WithinAbs(1.0, 1e-8));
    CHECK_THAT(ndc(cam.position + cam.forward * 200.0).z, WithinAbs(0.01, 1e-10));
    CHECK(ndc(cam.position + cam.forward * 1e12).z > 0.0);
    CHECK(ndc(cam.position + cam.forward * 1e12).z < 1e-11);
    // Farther is smaller depth (compare GREATER).
    CHECK(ndc(cam.position + cam.forward * 10.0).z > ndc(cam.position + cam.forward * 11.0).z);
    // Vulkan's y points down: something above the centre has negative y; right is +x.
    CHECK(ndc(cam.position + cam.forward * 100.0 + cam.up * 10.0).y < 0);
    CHECK(ndc(cam.position + cam.forward * 100.0 + cam.right() * 10.0).x > 0);
    // The top edge of the field of view maps to y = -1.
    const double t = std::tan(cam.fovy_rad / 2);
    CHECK_THAT(ndc(cam.position + (cam.forward + cam.up * t) * 50.0).y, WithinAbs(-1, 1e-9));
    CHECK_THAT(ndc(cam.position + (cam.forward + cam.right() * t * cam.aspect()) * 50.0).x, WithinAbs(1, 1e-9));
}

TEST_CASE("near plane from clearance", "[camera]") {
    CHECK(nearPlaneForClearance(-100) == 0.5);
    CHECK(nearPlaneForClearance(2) == 0.5);
    CHECK(nearPlaneForClearance(1000) == Approx(100));
    CHECK(nearPlaneForClearance(1e9) == 5000);
    // makeCamera assumes the ground could be as high as Everest: low cameras get a small near.
    CHECK(makeCamera({91, 29, 6000, 0, 0}, 10, 10).near_m == 0.5);
}

// The reason for relativeMvp: float ECEF coordinates near the surface have steps of 0.5 m, so
// geometry 1 m from the camera computed naively in float jumps by large fractions of the screen.
// Subtracting the camera in double first leaves only small numbers for float.
TEST_CASE("relativeMvp keeps sub-pixel precision anywhere on Earth", "[camera][precision]") {
    const CameraPose places[] = {
        {0, 0, 100, 0, -30},        {91.6, 29.6, 100, 45, -20},   {-179.9, 0.1, 100, 90, -10},
        {120, 89.5, 100, 10, -45},  {-60, -89.5, 100, 200, -60},  {86.925, 27.9881, 100, 300, 0},
        {-122.4, 37.8, 100, 0, -5}, {151.2, -33.9, 100, 180, -80}, {35.5, 31.5, 100, 270, -15},
        {18.4, -33.9, 100, 135, -35},
    };
    double worstNaive = 0;
    for (const CameraPose& pose : places) {
        Camera cam = makeCamera(pose, 1280, 720);
        cam.near_m = 0.1;
        // A tile origin on the ground below the camera, the point 1 m in front, a little off axis.
        const glm::dvec3 origin = geodeticToEcef({pose.lon_deg, pose.lat_deg, 0});
        const glm::dvec3 p = cam.position + cam.forward * 1.0 + cam.right() * 0.2 + cam.up * 0.1;

        const glm::dvec4 ref = test::toClip(cam, p);
        const glm::dvec3 refNdc = glm::dvec3(ref) / ref.w;

        const glm::mat4 mvp = relativeMvp(cam, origin);
        const glm::vec4 rel = mvp * glm::vec4(glm::vec3(p - origin), 1.0f);
        const glm::dvec3 relNdc = glm::dvec3(rel) / double(rel.w);

        const glm::mat4 naiveMat(projectionMatrix(cam) * viewMatrix(cam));
        const glm::vec4 naive = naiveMat * glm::vec4(glm::vec3(p), 1.0f);
        const glm::dvec3 naiveNdc = glm::dvec3(naive) / double(naive.w);

        const double relErr = glm::length(glm::dvec2(relNdc - refNdc));
        const double naiveErr = glm::length(glm::dvec2(naiveNdc - refNdc));
        INFO("lon " << pose.lon_deg << " lat " << pose.lat_deg << ": relative " << relErr << ", naive " << naiveErr);
        // 1e-4 NDC is 0.064 px across 1280 px.
        CHECK(relErr < 1e-4);
        CHECK(std::abs(relNdc.z - refNdc.z) < 1e-4 * refNdc.z);
        // Naive float maths is thousands of times worse (a quarter of the screen at the equator).
        CHECK(naiveErr > 1000 * relErr);
        worstNaive = std::max(worstNaive, naiveErr);
    }
    CHECK(worstNaive > 0.5);
}
