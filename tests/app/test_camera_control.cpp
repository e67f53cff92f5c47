// Navigation maths: what is under the cursor stays under the cursor.
#include <catch2/catch.hpp>

#include "core/camera_control.h"

using namespace plateau;

namespace {
glm::dvec3 groundUnder(const Camera& cam, double x, double y, double h) {
    auto p = intersectEllipsoid(cam.position, pixelRay(cam, x, y), h);
    REQUIRE(p);
    return *p;
}
}  // namespace

TEST_CASE("the centre pixel ray is the view direction", "[navigation]") {
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 30, -40}, 640, 360);
    const glm::dvec3 r = pixelRay(cam, 319.5, 179.5);
    CHECK(glm::dot(r, cam.forward) == Approx(1.0).epsilon(1e-9));
    // Pixel rows grow downward: a lower pixel looks further down.
    CHECK(glm::dot(pixelRay(cam, 320, 350), cam.up) < glm::dot(pixelRay(cam, 320, 10), cam.up));
}

TEST_CASE("drag keeps the grabbed ground point under the cursor", "[navigation]") {
    const double h = 4500;
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 30, -40}, 640, 360);
    const glm::dvec3 grabbed = groundUnder(cam, 200, 250, h);
    const Camera moved = panByDrag(cam, 200, 250, 420, 180, h);
    const glm::dvec3 now = groundUnder(moved, 420, 180, h);
    CHECK(glm::length(now - grabbed) < 50.0);  // metres, over a drag of a few kilometres
    CHECK(glm::length(moved.position - cam.position) > 500.0);
}

TEST_CASE("zooming moves toward the point under the cursor", "[navigation]") {
    const double h = 4500;
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 0, -50}, 640, 360);
    const glm::dvec3 target = groundUnder(cam, 500, 300, h);
    const Camera in = zoomTowardPixel(cam, 500, 300, 1.0, h);
    CHECK(glm::length(in.position - target) == Approx(0.8 * glm::length(cam.position - target)).epsilon(0.01));
    const Camera out = zoomTowardPixel(cam, 500, 300, -1.0, h);
    CHECK(glm::length(out.position - target) > glm::length(cam.position - target));
    // Never below the minimum clearance, however far one zooms.
    Camera deep = cam;
    for (int i = 0; i < 100; ++i) deep = zoomTowardPixel(deep, 320, 180, 3.0, h);
    CHECK(ecefToGeodetic(deep.position).height_m >= h + NavigationLimits{}.minHeightAboveGround - 1e-6);
}

TEST_CASE("orbit turns around the centre point and clamps the tilt", "[navigation]") {
    const double h = 4500;
    const Camera cam = makeCamera(CameraPose{91.5, 29.5, 20000, 0, -45}, 640, 360);
    const glm::dvec3 pivot = groundUnder(cam, 319.5, 179.5, h);
    const Camera turned = orbit(cam, 90.0, 0.0, h);
    CHECK(cameraPose(turned).heading_deg == Approx(90.0).margin(0.5));
    CHECK(glm::length(groundUnder(turned, 319.5, 179.5, h) - pivot) < 20.0);
    CHECK(glm::length(turned.position - pivot) == Approx(glm::length(cam.position - pivot)).epsilon(1e-3));
    // Tilting past the limits stops at them, without turning the heading.
    const Camera flat = orbit(cam, 0.0, 80.0, h);
    CHECK(cameraPose(flat).pitch_deg == Approx(NavigationLimits{}.maxPitchDeg).margin(0.01));
    CHECK(std::remainder(cameraPose(flat).heading_deg - 0.0, 360.0) == Approx(0.0).margin(0.01));
    const Camera down = orbit(cam, 0.0, -80.0, h);
    CHECK(cameraPose(down).pitch_deg == Approx(-90.0).margin(0.01));
    CHECK(std::remainder(cameraPose(down).heading_deg - 0.0, 360.0) == Approx(0.0).margin(0.01));
    const Camera turnedDown = orbit(turned, 0.0, -80.0, h);
    CHECK(cameraPose(turnedDown).pitch_deg == Approx(-90.0).margin(0.01));
    CHECK(std::remainder(cameraPose(turnedDown).heading_deg - 90.0, 360.0) == Approx(0.0).margin(0.5));
}

TEST_CASE("keyboard moves scale with the height above ground", "[navigation]") {
    const Camera low = makeCamera(CameraPose{91.5, 29.5, 6000, 0, -30}, 640, 360);
    const Camera high = makeCamera(CameraPose{91.5, 29.5, 104500, 0, -30}, 640, 360);
    const double h = 4500;
    const double dLow = glm::length(moveHorizontal(low, 0.1, 0, h).position - low.position);
    const double dHigh = glm::length(moveHorizontal(high, 0.1, 0, h).position - high.position);
    CHECK(dLow == Approx(150.0).epsilon(0.02));
    CHECK(dHigh == Approx(10000.0).epsilon(0.02));
    // Heading 0: forward is north.
    CHECK(ecefToGeodetic(moveHorizontal(low, 0.1, 0, h).position).lat_deg > 29.5);
    CHECK(ecefToGeodetic(moveHorizontal(low, 0.1, 0, h).position).height_m == Approx(6000).margin(0.01));
}
