// PathSampler: through the keyframes, smooth (second differences bounded and not growing as the
// step shrinks, which a kink would make them do), clear of the ground, at constant speed when
// asked, with the date, layer opacities and caption fades between the keyframes.
#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "core/camera.h"
#include "core/camera_path.h"
#include "core/geodesy.h"

using namespace plateau;

namespace {

Keyframe key(double lon, double lat, double height, double heading, double pitch, double duration = 4.0) {
    Keyframe k;
    k.pose = CameraPose{lon, lat, height, heading, pitch, 45.0};
    k.duration_s = duration;
    return k;
}

glm::dvec3 ecef(const CameraPose& p) { return geodeticToEcef({p.lon_deg, p.lat_deg, p.height_m}); }

struct Frame {
    glm::dvec3 position, forward, up;
};

Frame frameOf(const CameraPose& p) {
    const Camera c = makeCamera(p, 16, 9);
    return {c.position, c.forward, c.up};
}

// The largest |x(t+h) - 2x(t) + x(t-h)| / h^2 over [t0, t1] for positions (metres per second
// squared) and for the camera's forward and up vectors (radians per second squared, about).
struct Bends {
    double position = 0.0;
    double orientation = 0.0;
};

Bends secondDifferences(const PathSampler& s, double h, double t0, double t1) {
    Bends b;
    std::vector<Frame> f;
    for (double t = t0; t <= t1 + 1e-9; t += h) f.push_back(frameOf(s.at(t).pose));
    for (std::size_t i = 1; i + 1 < f.size(); ++i) {
        b.position = std::max(b.position, glm::length(f[i + 1].position - 2.0 * f[i].position + f[i - 1].position) / (h * h));
        const double o = std::max(glm::length(f[i + 1].forward - 2.0 * f[i].forward + f[i - 1].forward),
                                  glm::length(f[i + 1].up - 2.0 * f[i].up + f[i - 1].up));
        b.orientation = std::max(b.orientation, o / (h * h));
    }
    return b;
}

CameraPath tourOfLhasa() {
    CameraPath p;
    p.keys = {key(91.10, 29.60, 9000, 20, -35), key(91.30, 29.70, 6000, 80, -20, 5.0),
              key(91.50, 29.62, 7000, 170, -50, 3.0), key(91.58, 29.60, 5200, 250, -15)};
    p.keys[2].pose.fov_deg = 30.0;
    return p;
}

// A ridge running north-south at 91.0 E, 5,000 m high, on flat ground at 0.
std::optional<double> ridge(double lon, double) {
    const double x = (lon - 91.0) / 0.05;
    return 5000.0 * std::exp(-x * x);
}

}  // namespace

TEST_CASE("a camera path passes through its keyframes", "[camera_path]") {
    const CameraPath path = tourOfLhasa();
    const PathSampler s(path);
    REQUIRE(s.duration() == Approx(16.0));
    for (std::size_t i = 0; i < path.keys.size(); ++i) {
        const PathSample a = s.at(s.keyTime(i));
        const CameraPose& k = path.keys[i].pose;
        CHECK(glm::length(ecef(a.pose) - ecef(k)) < 0.01);
        const Frame fa = frameOf(a.pose), fk = frameOf(k);
        CHECK(glm::length(fa.forward - fk.forward) < 1e-6);
        CHECK(glm::length(fa.up - fk.up) < 1e-6);
        CHECK(a.pose.fov_deg == Approx(k.fov_deg));
        CHECK(a.segment == i);
    }
    // The end holds the last keyframe; times outside the path are clamped to it.
    CHECK(glm::length(ecef(s.at(100.0).pose) - ecef(path.keys.back().pose)) < 0.01);
    CHECK(glm::length(ecef(s.at(-5.0).pose) - ecef(path.keys.front().pose)) < 0.01);
    // Between keyframes it moves: the middle of the first segment is at neither end.
    const glm::dvec3 mid = ecef(s.at(2.0).pose);
    CHECK(glm::length(mid - ecef(path.keys[0].pose)) > 1000.0);
    CHECK(glm::length(mid - ecef(path.keys[1].pose)) > 1000.0);
}

TEST_CASE("a camera path is smooth in position and orientation", "[camera_path]") {
    const PathSampler s(tourOfLhasa());
    const Bends coarse = secondDifferences(s, 0.02, 0.0, s.duration());
    const Bends fine = secondDifferences(s, 0.005, 0.0, s.duration());
    // Bounded: the longest segment is about 21 km in 4 s; ease-in-out accelerates at most
    // 6 L / T^2 (about 8 km/s^2), the bends of the spline add to it.
    CHECK(fine.position < 20000.0);
    CHECK(fine.orientation < 3.0);
    // No kinks: a velocity jump dv gives second differences of dv / h, four times larger at a
    // quarter of the step; a smooth path gives the same acceleration at both steps.
    CHECK(fine.position < 1.2 * coarse.position);
    CHECK(fine.orientation < 1.2 * coarse.orientation);
}

TEST_CASE("a camera path over a ridge is raised smoothly and keeps its clearance", "[camera_path]") {
    CameraPath path;
    path.clearance_m = 150.0;
    path.keys = {key(90.5, 29.5, 3000, 90, -10, 10.0), key(91.5, 29.5, 3000, 90, -10, 2.0)};
    const PathSampler raw(path);
    const PathSampler s(path, ridge);
    // The unraised path runs through the ridge.
    CHECK(raw.at(5.0).pose.height_m < 3100.0);
    REQUIRE(s.maxLift() > 2000.0);
    for (double t = 0.0; t <= s.duration(); t += 0.005) {
        const CameraPose p = s.at(t).pose;
        INFO("t = " << t);
        REQUIRE(p.height_m >= *ridge(p.lon_deg, p.lat_deg) + path.clearance_m - 1.0);
    }
    // The keyframes are clear, so the path still passes exactly through them.
    for (std::size_t i = 0; i < 2; ++i) CHECK(glm::length(ecef(s.at(s.keyTime(i)).pose) - ecef(path.keys[i].pose)) < 0.01);
    const Bends coarse = secondDifferences(s, 0.02, 0.0, s.duration());
    const Bends fine = secondDifferences(s, 0.005, 0.0, s.duration());
    // The lift of about 2 km rises over a few seconds: it adds accelerations of the order of the
    // lift per second squared to the unraised path's, not the 2 km / h^2 of a lift that follows
    // the ridge point by point.
    const Bends unraised = secondDifferences(raw, 0.005, 0.0, s.duration());
    INFO("unraised " << unraised.position << ", raised " << fine.position << ", lift " << s.maxLift());
    CHECK(fine.position < unraised.position + 2.0 * s.maxLift());
    CHECK(fine.position < 1.2 * coarse.position);
    CHECK(fine.orientation < 1.2 * coarse.orientation + 1e-9);
}

TEST_CASE("a keyframe below the clearance is raised too", "[camera_path]") {
    CameraPath path;
    path.clearance_m = 100.0;
    path.keys = {key(91.0, 29.5, 5000, 0, -30), key(91.2, 29.5, 4900, 0, -30)};
    const auto plateau = [](double, double) -> std::optional<double> { return 4850.0; };
    const PathSampler s(path, plateau);
    CHECK(s.at(0.0).pose.height_m == Approx(5000.0).margin(0.01));  // clear: exact
    CHECK(s.at(s.duration()).pose.height_m >= 4950.0 - 1.0);       // raised to the clearance
    // Unknown ground (none) raises nothing.
    const PathSampler unknown(path, [](double, double) -> std::optional<double> { return std::nullopt; });
    CHECK(unknown.maxLift() == 0.0);
}

TEST_CASE("constant ground speed moves the camera at one speed along each segment", "[camera_path]") {
    CameraPath path;
    path.keys = {key(91.0, 29.5, 5000, 0, -30, 6.0), key(91.05, 29.5, 9000, 0, -30, 6.0),
                 key(91.6, 29.6, 5000, 0, -30, 6.0)};
    for (Keyframe& k : path.keys) k.easing = Easing::Linear;
    auto spread = [](const PathSampler& s, double t0, double t1) {
        double lo = 1e300, hi = 0.0;
        const double h = 0.01;
        for (double t = t0 + 0.05; t + h < t1 - 0.05; t += h) {
            const double v = glm::length(ecef(s.at(t + h).pose) - ecef(s.at(t).pose)) / h;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        return (hi - lo) / hi;
    };
    const PathSampler uneven(path);
    path.constantGroundSpeed = true;
    const PathSampler even(path);
    for (std::size_t seg = 0; seg < 2; ++seg) {
        INFO("segment " << seg);
        CHECK(spread(even, even.keyTime(seg), even.keyTime(seg + 1)) < 0.01);
        CHECK(spread(uneven, uneven.keyTime(seg), uneven.keyTime(seg + 1)) > 0.05);
    }
    // Still through the keyframes.
    CHECK(glm::length(ecef(even.at(6.0).pose) - ecef(path.keys[1].pose)) < 0.01);
}

TEST_CASE("the date and layer opacities interpolate between the keyframes that set them", "[camera_path]") {
    CameraPath path;
    path.keys = {key(91.0, 29.5, 5000, 0, -30), key(91.1, 29.5, 5000, 0, -30), key(91.2, 29.5, 5000, 0, -30),
                 key(91.3, 29.5, 5000, 0, -30)};
    path.keys[1].time = 2000.0;
    path.keys[3].time = 2020.0;
    path.keys[0].layers = {{"glaciers", true, 1.0}, {"rivers", true, 0.6}};
    path.keys[1].layers = {{"glaciers", false, 1.0}};
    const PathSampler s(path);

    // Held before the first keyframe with a date, eased over the span of the keyframe without one.
    CHECK(*s.at(0.0).time == Approx(2000.0));
    CHECK(*s.at(4.0).time == Approx(2000.0));
    CHECK(*s.at(8.0).time == Approx(2010.0));  // halfway through the 8 s span
    CHECK(*s.at(12.0).time == Approx(2020.0));
    CHECK(*s.at(16.0).time == Approx(2020.0));
    double last = 2000.0;
    for (double t = 4.0; t <= 12.0; t += 0.1) {
        const double y = *s.at(t).time;
        CHECK(y >= last - 1e-9);
        last = y;
    }
    CHECK_FALSE(PathSampler(tourOfLhasa()).at(3.0).time.has_value());

    auto layer = [&](double t, const std::string& id) {
        for (const LayerState& l : s.at(t).layers)
            if (l.id == id) return l;
        FAIL("no layer " << id);
        return LayerState{};
    };
    CHECK(layer(0.0, "glaciers").visible);
    CHECK(layer(0.0, "glaciers").opacity == Approx(1.0));
    // Fading out over the first segment (ease-in-out: half way at the middle).
    CHECK(layer(2.0, "glaciers").visible);
    CHECK(layer(2.0, "glaciers").opacity == Approx(0.5));
    CHECK(layer(1.0, "glaciers").opacity > layer(3.0, "glaciers").opacity);
    // Hidden from the keyframe that hides it, keeping the opacity it had.
    CHECK_FALSE(layer(4.0, "glaciers").visible);
    CHECK_FALSE(layer(14.0, "glaciers").visible);
    CHECK(layer(14.0, "glaciers").opacity == Approx(1.0));
    // A layer only one keyframe names keeps that state throughout.
    CHECK(layer(10.0, "rivers").visible);
    CHECK(layer(10.0, "rivers").opacity == Approx(0.6));
    CHECK(s.at(0.0).layers.size() == 2);
}

TEST_CASE("captions fade in and out over their keyframe's segment", "[camera_path]") {
    CameraPath path;
    path.keys = {key(91.0, 29.5, 5000, 0, -30, 4.0), key(91.1, 29.5, 5000, 0, -30, 2.0),
                 key(91.2, 29.5, 5000, 0, -30, 1.0)};
    path.keys[0].caption = {"Qulong", "1,517 Mt at 0.52 % Cu", "USGS OFR 2008-1155"};
    path.keys[2].caption = {"The end", "", ""};
    const PathSampler s(path);
    CHECK(s.at(0.0).captionAlpha == Approx(0.0));
    CHECK(s.at(0.375).captionAlpha == Approx(0.5));  // half way through a 0.75 s fade
    CHECK(s.at(0.75).captionAlpha == Approx(1.0));
    CHECK(s.at(2.0).captionAlpha == Approx(1.0));
    CHECK(s.at(2.0).caption.title == "Qulong");
    CHECK(s.at(3.625).captionAlpha == Approx(0.5));
    CHECK(s.at(3.625).caption.source == "USGS OFR 2008-1155");
    // The second keyframe has none.
    CHECK(s.at(5.0).caption.empty());
    CHECK(s.at(5.0).captionAlpha == 0.0);
    // The last one's hold is 1 s: fades of a quarter of it.
    CHECK(s.at(6.125).captionAlpha == Approx(0.5));
    CHECK(s.at(6.5).captionAlpha == Approx(1.0));
    CHECK(s.at(6.5).caption.title == "The end");
    CHECK(s.at(7.0).captionAlpha == Approx(0.0));
}

TEST_CASE("degenerate paths sample without failing", "[camera_path]") {
    CHECK(PathSampler(CameraPath{}).duration() == 0.0);
    CHECK(PathSampler(CameraPath{}).at(1.0).layers.empty());
    CameraPath one;
    one.keys = {key(91.0, 29.5, 5000, 10, -30, 3.0)};
    const PathSampler s(one);
    CHECK(s.duration() == 3.0);
    CHECK(glm::length(ecef(s.at(1.5).pose) - ecef(one.keys[0].pose)) < 0.01);
    // Two keyframes at one place: the camera turns where it is.
    CameraPath turn;
    turn.keys = {key(91.0, 29.5, 5000, 10, -30), key(91.0, 29.5, 5000, 100, -30)};
    const PathSampler t(turn);
    CHECK(glm::length(ecef(t.at(2.0).pose) - ecef(turn.keys[0].pose)) < 0.01);
    CHECK(t.at(2.0).pose.heading_deg == Approx(55.0).margin(0.5));
    // Durations that are not positive count as 1 s; NaN times sample the start.
    turn.keys[0].duration_s = -2.0;
    CHECK(PathSampler(turn).duration() == Approx(5.0));
    CHECK(std::isfinite(PathSampler(turn).at(std::nan("")).pose.height_m));
}
