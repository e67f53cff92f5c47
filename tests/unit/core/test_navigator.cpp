// The Navigator driven frame by frame with plain input over synthetic terrain: each gesture keeps
// its point where the user put it.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/camera_control.h"
#include "core/navigator.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;

namespace {

// A 4 km plateau with a 7 km north-south ridge along 91.2 E (10 km wide): slopes of about 35 deg.
std::optional<double> plateauRidge(double lon, double lat) {
    (void)lat;
    const double km = (lon - 91.2) * 111.0 * std::cos(29.6 * 3.14159265358979 / 180.0);
    return 4000.0 + 3000.0 * std::exp(-km * km / 25.0) + 150.0 * std::sin(lat * 40.0);
}

struct Sim {
    Navigator nav;
    Camera cam;
    GroundQuery ground = marchingGroundQuery(plateauRidge);
    NavInput in;  // the state held between frames (buttons, cursor)

    explicit Sim(const CameraPose& pose) : cam(makeCamera(pose, 640, 360)) {}
    void frame(double dt = 1.0 / 60.0) {
        cam = nav.update(cam, in, dt, ground);
        in.wheel = 0;
        in.doubleClick = false;
        in.northUp = in.resetTilt = false;
    }
    void run(double seconds, double dt = 1.0 / 60.0) {
        for (double t = 0; t < seconds - 1e-9; t += dt) frame(dt);
    }
    glm::dvec3 under(double x, double y) const { return *ground.pointAt(cam, x, y); }
    double clearance() const {
        const Geodetic g = ecefToGeodetic(cam.position);
        return g.height_m - *plateauRidge(g.lon_deg, g.lat_deg);
    }
};

double pixelError(const Camera& cam, const glm::dvec3& p, double x, double y) {
    const auto px = pixelOf(cam, p);
    REQUIRE(px);
    return std::hypot(px->x - x, px->y - y);
}

// Roll: how far the right vector leans out of the horizontal.
double roll(const Camera& cam) {
    const Geodetic g = ecefToGeodetic(cam.position);
    return std::fabs(glm::dot(cam.right(), ellipsoidNormal(g.lon_deg, g.lat_deg)));
}

}  // namespace

TEST_CASE("left-drag keeps the grabbed ground point under the cursor", "[navigator]") {
    for (const CameraPose pose : {CameraPose{90.9, 29.5, 30000, 30, -50}, CameraPose{90.9, 29.5, 6000, 80, -8}}) {
        Sim s(pose);
        // The second pose looks almost along the ground: the press is a few rows below the horizon.
        const double ax = 200, ay = pose.pitch_deg > -10 ? 170 : 250, bx = 450, by = pose.pitch_deg > -10 ? 200 : 120;
        s.in.x = ax;
        s.in.y = ay;
        s.in.left = true;
        const glm::dvec3 grabbed = s.under(ax, ay);
        s.frame();
        for (int i = 1; i <= 12; ++i) {
            s.in.x = ax + (bx - ax) * i / 12.0;
            s.in.y = ay + (by - ay) * i / 12.0;
            s.frame();
            INFO("pitch " << pose.pitch_deg << " step " << i);
            CHECK(pixelError(s.cam, grabbed, s.in.x, s.in.y) < 1.0);
            CHECK(roll(s.cam) < 1e-9);
        }
        // What the terrain shows under the cursor now is the grabbed point.
        CHECK(glm::length(s.under(bx, by) - grabbed) < 0.01 * glm::length(grabbed - s.cam.position));
        CHECK(glm::length(s.cam.position - makeCamera(pose, 640, 360).position) > 1000.0);
    }
}

TEST_CASE("a drag that starts on the sky pans by the screen scale", "[navigator]") {
    Sim s({90.9, 29.5, 5000, 0, -3});
    s.in.x = 320;
    s.in.y = 5;  // above the horizon
    REQUIRE_FALSE(s.ground.pointAt(s.cam, 320, 5));
    s.in.left = true;
    s.frame();
    const glm::dvec3 before = s.cam.position;
    s.in.y = 45;  // drag down: the view moves forward (north)
    s.frame();
    const Geodetic a = ecefToGeodetic(before), b = ecefToGeodetic(s.cam.position);
    CHECK(b.lat_deg > a.lat_deg);
    CHECK_THAT(b.lon_deg, WithinAbs(a.lon_deg, 1e-6));
}

TEST_CASE("the wheel zooms toward the point under the cursor and keeps it there", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 20, -60});
    s.in.x = 500;
    s.in.y = 100;
    const glm::dvec3 p = s.under(500, 100);
    const double d0 = glm::length(p - s.cam.position);
    s.in.wheel = 3;
    s.frame();
    CHECK(s.nav.moving());
    s.run(1.5);
    CHECK_FALSE(s.nav.moving());
    CHECK(pixelError(s.cam, p, 500, 100) < 1.0);
    CHECK_THAT(glm::length(p - s.cam.position) / d0, WithinAbs(0.8 * 0.8 * 0.8, 1e-3));
    CHECK(roll(s.cam) < 1e-9);
    // And back out.
    s.in.wheel = -3;
    s.frame();
    s.run(1.5);
    CHECK(pixelError(s.cam, p, 500, 100) < 1.0);
    CHECK_THAT(glm::length(p - s.cam.position) / d0, WithinAbs(1.0, 1e-3));
}

TEST_CASE("right-drag zooms toward the press point: down is in", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 20, -60});
    s.in.x = 150;
    s.in.y = 200;
    const glm::dvec3 p = s.under(150, 200);
    const double d0 = glm::length(p - s.cam.position);
    s.in.right = true;
    s.frame();
    for (int i = 0; i < 10; ++i) {
        s.in.y += 10;
        s.frame();
    }
    CHECK(pixelError(s.cam, p, 150, 200) < 1.0);
    CHECK_THAT(glm::length(p - s.cam.position) / d0, WithinAbs(std::exp(-100 * s.nav.options.dragZoomPerPixel), 1e-6));
    s.in.right = false;
    s.frame();
    const glm::dvec3 released = s.cam.position;
    s.run(0.5);
    CHECK(glm::length(s.cam.position - released) < 1e-6);  // no inertia for the zoom drag
}

TEST_CASE("middle-drag and ctrl+left-drag orbit about the press point, which keeps its pixel", "[navigator]") {
    for (const bool ctrl : {false, true}) {
        Sim s({90.9, 29.5, 30000, 20, -60});
        const double px = 420, py = 220;
        s.in.x = px;
        s.in.y = py;
        const glm::dvec3 pivot = s.under(px, py);
        s.in.middle = !ctrl;
        s.in.left = ctrl;
        s.in.ctrl = ctrl;
        s.frame();
        for (int i = 0; i < 8; ++i) {
            s.in.x += 10;  // heading +20 in all
            s.in.y -= 5;   // tilt toward the horizon
            s.frame();
            INFO("ctrl " << ctrl << " step " << i);
            CHECK(pixelError(s.cam, pivot, px, py) < 1.0);
            CHECK(roll(s.cam) < 1e-9);
        }
        const CameraPose pose = cameraPose(s.cam);
        CHECK_THAT(std::remainder(pose.heading_deg - 40.0, 360.0), WithinAbs(0, 1.0));
        CHECK(pose.pitch_deg > -60.0 + 5.0);
        CHECK_THAT(glm::length(s.cam.position - pivot), WithinAbs(glm::length(makeCamera({90.9, 29.5, 30000, 20, -60}, 640, 360).position - pivot), 1e-3));
    }
}

namespace {
// Drag at a steady speed for 0.3 s, release, coast for 3 s, at the given frame rate.
Camera flingAt(double fps, std::vector<double>* speeds = nullptr) {
    Sim s({90.9, 29.5, 30000, 0, -70});
    const double dt = 1.0 / fps;
    s.in.x = 200;
    s.in.y = 180;
    s.in.left = true;
    s.frame(dt);
    const int n = int(std::lround(0.3 * fps));
    for (int i = 1; i <= n; ++i) {
        s.in.x = 200 + 600.0 * i * dt;  // 600 px/s
        s.frame(dt);
    }
    s.in.left = false;
    for (int i = 0; i < int(std::lround(3.0 * fps)); ++i) {
        const glm::dvec3 before = s.cam.position;
        s.frame(dt);
        if (speeds) speeds->push_back(glm::length(s.cam.position - before) / dt);
    }
    CHECK_FALSE(s.nav.moving());
    return s.cam;
}
}  // namespace

TEST_CASE("inertia after a drag decays smoothly and does not depend on the frame rate", "[navigator]") {
    std::vector<double> speeds;
    const Camera at60 = flingAt(60, &speeds);
    const Camera at30 = flingAt(30);
    const Camera start = makeCamera({90.9, 29.5, 30000, 0, -70}, 640, 360);
    // The camera coasted: the speed right after the release is the drag's, then it falls off.
    REQUIRE(speeds.size() > 10);
    CHECK(speeds[0] > 1000.0);
    for (std::size_t i = 1; i < speeds.size(); ++i) CHECK(speeds[i] <= speeds[i - 1] * 1.0001);
    CHECK(speeds[30] < speeds[0] * 0.3);  // 0.5 s: e^(-0.5/0.35) = 0.24
    CHECK(speeds.back() < speeds[0] * 1e-2);
    // Same end at 30 and 60 frames per second, to a thousandth of the distance travelled (0.7 m in 25 km).
    const double travelled = glm::length(at60.position - start.position);
    CHECK(travelled > 5000.0);
    INFO("travelled " << travelled << " m, 30 vs 60 fps " << glm::length(at60.position - at30.position) << " m");
    CHECK(glm::length(at60.position - at30.position) < 1e-3 * travelled);
    CHECK(glm::length(at60.forward - at30.forward) < 1e-3);
}

TEST_CASE("an orbit released while turning keeps turning about its pivot, which keeps its pixel", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 20, -60});
    const double px = 400, py = 200;
    s.in.x = px;
    s.in.y = py;
    const glm::dvec3 pivot = s.under(px, py);
    s.in.middle = true;
    s.frame();
    for (int i = 0; i < 10; ++i) {
        s.in.x += 8;  // 2 degrees a frame: 120 deg/s
        s.frame();
    }
    s.in.middle = false;
    const double released = cameraPose(s.cam).heading_deg;
    s.run(3.0);
    CHECK_FALSE(s.nav.moving());
    // It coasted on by about rate * time constant = 120 * 0.35 = 42 degrees.
    CHECK_THAT(std::remainder(cameraPose(s.cam).heading_deg - released, 360.0), WithinAbs(120.0 * 0.35, 3.0));
    CHECK(pixelError(s.cam, pivot, px, py) < 1.0);
}

TEST_CASE("a drag held still before the release does not coast", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 0, -70});
    s.in.x = 200;
    s.in.y = 180;
    s.in.left = true;
    s.frame();
    s.in.x = 300;
    s.frame();
    s.run(0.3);  // rest
    s.in.left = false;
    s.frame();
    CHECK_FALSE(s.nav.moving());
}

TEST_CASE("the camera never passes through a ridge", "[navigator]") {
    SECTION("flying into it with the keys") {
        Sim s({91.1, 29.6, 5500, 90, -10});  // 1.5 km below the ridge top, heading straight at it
        s.in.forward = true;
        double lowest = 1e9;
        for (int i = 0; i < 1200; ++i) {
            s.frame();
            lowest = std::min(lowest, s.clearance());
        }
        CHECK(lowest >= s.nav.options.clearance_m - 0.01);
        CHECK(ecefToGeodetic(s.cam.position).height_m > 5600.0);  // the slope pushed it up
    }
    SECTION("zooming into its flank") {
        Sim s({91.1, 29.6, 8000, 90, -20});
        s.in.x = 320;
        s.in.y = 200;
        for (int i = 0; i < 120; ++i) {
            s.in.wheel = i % 10 == 0 ? 5 : 0;
            s.frame();
            CHECK(s.clearance() >= s.nav.options.clearance_m - 0.01);
        }
        CHECK(s.clearance() < 2.0 * s.nav.options.clearance_m);  // it did come close
    }
}

TEST_CASE("double-click flies to the point: centred and closer", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 20, -60});
    const double px = 520, py = 90;
    s.in.x = px;
    s.in.y = py;
    const glm::dvec3 p = s.under(px, py);
    const double d0 = glm::length(p - s.cam.position);
    s.in.left = true;
    s.in.doubleClick = true;
    s.frame();
    s.in.left = false;
    s.frame();
    CHECK(s.nav.moving());
    s.run(1.0);
    CHECK_FALSE(s.nav.moving());
    CHECK(pixelError(s.cam, p, 319.5, 179.5) < 1.0);
    CHECK_THAT(glm::length(p - s.cam.position) / d0, WithinAbs(0.5, 1e-6));
    CHECK(roll(s.cam) < 1e-9);
}

TEST_CASE("any input cancels a flight", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 20, -60});
    s.in.x = 520;
    s.in.y = 90;
    s.in.left = s.in.doubleClick = true;
    s.frame();
    s.in.left = false;
    s.run(0.2);
    s.in.wheel = 1;
    s.frame();
    s.run(1.5);
    CHECK_FALSE(s.nav.moving());
    CHECK(pixelError(s.cam, s.under(319.5, 179.5), 319.5, 179.5) < 1.0);  // trivially true: keep pointAt sane
    CHECK(pixelError(s.cam, s.under(520, 90), 319.5, 179.5) > 20.0);      // not centred: it stopped
}

TEST_CASE("north-up and reset tilt turn about the view centre", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 140, -40});
    const glm::dvec3 centre = s.under(319.5, 179.5);
    s.in.northUp = true;
    s.frame();
    s.run(0.3);
    CHECK(s.nav.moving());  // smooth, not a jump
    s.run(0.5);
    CHECK_FALSE(s.nav.moving());
    CHECK_THAT(std::remainder(cameraPose(s.cam).heading_deg, 360.0), WithinAbs(0, 1e-6));
    CHECK_THAT(cameraPose(s.cam).pitch_deg, WithinAbs(-40, 0.1));
    CHECK(glm::length(s.under(319.5, 179.5) - centre) < 1.0);

    s.in.resetTilt = true;
    s.frame();
    s.run(1.0);
    CHECK_THAT(cameraPose(s.cam).pitch_deg, WithinAbs(-90, 1e-6));
    CHECK(glm::length(s.under(319.5, 179.5) - centre) < 1.0);
}

TEST_CASE("the underground view lets the camera below the surface, down to its floor", "[navigator]") {
    for (const bool underground : {false, true}) {
        Sim s({90.9, 29.5, 6000, 0, -60});
        s.nav.options.underground = underground;
        s.in.down = true;
        s.run(10.0);
        INFO("underground " << underground);
        if (underground) {
            CHECK(s.clearance() < -1000.0);
            CHECK(s.clearance() >= -s.nav.options.floorDepth_m + s.nav.options.clearance_m - 0.01);
        } else {
            CHECK_THAT(s.clearance(), WithinAbs(s.nav.options.clearance_m, 1.0));
        }
    }
}

TEST_CASE("keys move at a speed proportional to the height above the ground", "[navigator]") {
    double moved[2];
    int i = 0;
    for (const double height : {5000.0, 40000.0}) {
        Sim s({90.0, 29.5, height, 0, -45});  // 90 E: the ridge is far
        const double above = s.clearance();
        s.in.forward = true;
        s.run(1.0);
        moved[i++] = glm::length(s.cam.position - makeCamera({90.0, 29.5, height, 0, -45}, 640, 360).position) / above;
    }
    CHECK_THAT(moved[0], WithinAbs(0.8, 0.05));
    CHECK_THAT(moved[1], WithinAbs(0.8, 0.05));
}

TEST_CASE("input over the panel is not navigation", "[navigator]") {
    Sim s({90.9, 29.5, 30000, 20, -60});
    const Camera before = s.cam;
    s.in.uiHasMouse = true;
    s.in.x = 100;
    s.in.y = 100;
    s.in.left = true;
    s.frame();
    s.in.x = 300;
    s.in.wheel = 2;
    s.frame();
    s.run(0.5);
    CHECK(s.cam.position == before.position);
}
