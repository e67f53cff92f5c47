// Camera flights: exact ends, an arc that rises with distance, smooth heights, the short way round.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/fly_to.h"

using plateau::CameraPose;
using plateau::FlyTo;

namespace {

CameraPose pose(double lon, double lat, double h, double heading = 0, double pitch = -45) {
    CameraPose p;
    p.lon_deg = lon;
    p.lat_deg = lat;
    p.height_m = h;
    p.heading_deg = heading;
    p.pitch_deg = pitch;
    return p;
}

double maxHeight(const FlyTo& f) {
    double m = 0;
    for (int i = 0; i <= 1000; ++i) m = std::max(m, f.at(f.duration() * i / 1000.0).height_m);
    return m;
}

}  // namespace

TEST_CASE("fly-to: starts and ends exactly at the poses", "[flyto]") {
    const CameraPose lhasa = pose(91.1, 29.65, 20000, 350, -60), qulong = pose(91.58, 29.55, 8000, 10, -40);
    const FlyTo f(lhasa, qulong);
    CHECK(f.at(0.0) == lhasa);
    CHECK(f.at(-1.0) == lhasa);
    CHECK(f.at(f.duration()) == qulong);
    CHECK(f.at(f.duration() + 5) == qulong);
    // Close to the ends, the pose is close to them (no jump at either end).
    const CameraPose nearStart = f.at(1e-3), nearEnd = f.at(f.duration() - 1e-3);
    CHECK(nearStart.lon_deg == Approx(lhasa.lon_deg).margin(1e-6));
    CHECK(nearStart.height_m == Approx(lhasa.height_m).epsilon(1e-6));
    CHECK(nearEnd.lat_deg == Approx(qulong.lat_deg).margin(1e-6));
}

TEST_CASE("fly-to: the peak height grows with distance and is capped", "[flyto]") {
    const CameraPose start = pose(91.1, 29.65, 5000);
    double previous = 0;
    for (double dLon : {0.5, 1.0, 2.0, 5.0, 10.0}) {
        const FlyTo f(start, pose(91.1 + dLon, 29.65, 5000));
        const double peak = maxHeight(f);
        INFO("dLon " << dLon << " peak " << peak);
        CHECK(f.longFlight());
        CHECK(peak > previous);
        CHECK(peak == Approx(0.3 * f.groundDistanceM()).epsilon(0.01));
        previous = peak;
    }
    const FlyTo farAway(pose(0, 0, 1000), pose(120, 10, 1000));
    CHECK(maxHeight(farAway) == Approx(1'500'000.0).epsilon(0.001));
}

TEST_CASE("fly-to: the duration grows with distance, logarithmically, within bounds", "[flyto]") {
    const CameraPose start = pose(91.1, 29.65, 5000);
    const FlyTo near(start, pose(91.12, 29.65, 5000)), mid(start, pose(93.1, 29.65, 5000)), far(start, pose(110, 35, 5000));
    CHECK(near.duration() >= 1.0);
    CHECK(near.duration() < mid.duration());
    CHECK(mid.duration() < far.duration());
    CHECK(far.duration() <= 6.0);
    // Ten times the distance adds a roughly constant time, not ten times the time.
    const FlyTo d10(start, pose(91.1, 29.65 + 0.1, 5000)), d100(start, pose(91.1, 29.65 + 1.0, 5000));
    CHECK(d100.duration() - d10.duration() < 1.5);
}

TEST_CASE("fly-to: height is smooth and, on long flights, above both ends in the middle", "[flyto]") {
    const FlyTo f(pose(88.88, 29.25, 3000), pose(94.36, 29.65, 40000));
    REQUIRE(f.longFlight());
    const int n = 2000;
    const double dt = f.duration() / n;
    // Second differences bounded: |h''| stays below a few times peak / duration^2.
    const double bound = 80.0 * f.peakHeightM() / (f.duration() * f.duration());
    for (int i = 1; i < n; ++i) {
        const double h0 = f.at((i - 1) * dt).height_m, h1 = f.at(i * dt).height_m, h2 = f.at((i + 1) * dt).height_m;
        INFO("step " << i);
        REQUIRE(std::fabs(h2 - 2 * h1 + h0) / (dt * dt) < bound);
    }
    for (int i = n / 4; i <= 3 * n / 4; ++i) REQUIRE(f.at(i * dt).height_m >= 40000.0);
    for (int i = 0; i <= n; ++i) REQUIRE(f.at(i * dt).height_m >= 3000.0 - 1e-6);
}

TEST_CASE("fly-to: a short zoom on one spot stays between its ends' heights", "[flyto]") {
    const FlyTo f(pose(91.58, 29.6, 200000), pose(91.58, 29.6, 6000));
    CHECK_FALSE(f.longFlight());
    double previous = 1e12;
    for (int i = 0; i <= 100; ++i) {
        const double h = f.at(f.duration() * i / 100.0).height_m;
        REQUIRE(h <= previous + 1e-6);  // only descends
        REQUIRE(h >= 6000.0 - 1e-6);
        previous = h;
    }
    CHECK(f.at(f.duration() / 2).height_m == Approx(std::sqrt(200000.0 * 6000.0)).epsilon(1e-6));
}

TEST_CASE("fly-to: follows the great circle and turns the short way", "[flyto]") {
    // Along the equator the great circle stays on it.
    const FlyTo eq(pose(10, 0, 5000), pose(30, 0, 5000));
    for (int i = 0; i <= 10; ++i) CHECK(eq.at(eq.duration() * i / 10.0).lat_deg == Approx(0).margin(1e-9));
    // Across the antimeridian: the short way, longitudes stay near 180.
    const FlyTo dateLine(pose(170, 0, 5000), pose(-170, 0, 5000));
    const CameraPose mid = dateLine.at(dateLine.duration() / 2);
    CHECK(std::fabs(mid.lon_deg) == Approx(180).margin(1e-6));
    // Heading 350 to 10 passes north (0), not south (180).
    const FlyTo turn(pose(91, 29, 5000, 350), pose(91.1, 29, 5000, 10));
    const double h = turn.at(turn.duration() / 2).heading_deg;
    CHECK((h < 1e-6 || h > 360 - 1e-6));
    for (int i = 0; i <= 20; ++i) {
        const double hh = turn.at(turn.duration() * i / 20.0).heading_deg;
        CHECK((hh >= 350 - 1e-9 || hh <= 10 + 1e-9));
    }
    // Antipodal ends still give a path of finite positions.
    const FlyTo antipodes(pose(0, 0, 5000), pose(180, 0, 5000));
    const CameraPose a = antipodes.at(antipodes.duration() / 3);
    CHECK(std::isfinite(a.lon_deg));
    CHECK(std::isfinite(a.lat_deg));
}

TEST_CASE("fly-to: viewOf looks at the place from the south, tilted, at a height for its kind", "[flyto]") {
    const CameraPose mine = plateau::viewOf(91.58, 29.6, 5000, "mine");
    CHECK(mine.heading_deg == 0);
    CHECK(mine.pitch_deg == -40);
    CHECK(mine.lat_deg < 29.6);
    CHECK(mine.lon_deg == 91.58);
    // The line of sight from the camera meets the place: height above it / ground offset = tan(40).
    const double offsetM = (29.6 - mine.lat_deg) * 3.14159265358979323846 / 180.0 * 6371008.8;
    CHECK((mine.height_m - 5000) / offsetM == Approx(std::tan(40 * 3.14159265358979323846 / 180.0)).epsilon(1e-6));
    const CameraPose lake = plateau::viewOf(90.46, 30.69, 4718, "lake");
    CHECK(lake.height_m - 4718 > mine.height_m - 5000);
    const CameraPose peak = plateau::viewOf(86.925, 27.988, 8840, "peak");
    CHECK(peak.pitch_deg == -30);
    // A suggested height above the place wins over the kind's distance.
    const CameraPose suggested = plateau::viewOf(91.1, 29.65, 3650, "city", 15000);
    CHECK(suggested.height_m == Approx(3650 + 15000));
}

TEST_CASE("fly-to: a flight in progress advances frame by frame, ends on the target, can be cancelled", "[flyto]") {
    plateau::CameraFlight flight;
    CHECK_FALSE(flight.advance(0.016));
    const CameraPose a = pose(91.1, 29.65, 20000), b = pose(91.58, 29.6, 8000, 30, -40);
    flight.start(a, b);
    REQUIRE(flight.active());
    const double duration = flight.flight()->duration();
    int frames = 0;
    std::optional<CameraPose> last;
    while (auto p = flight.advance(1.0 / 60.0)) {
        last = p;
        ++frames;
        REQUIRE(frames < 10000);
    }
    CHECK(std::abs(frames - int(std::ceil(duration * 60.0))) <= 1);  // one frame per 1/60 s of the flight
    REQUIRE(last);
    CHECK(*last == b);
    CHECK_FALSE(flight.active());
    flight.start(b, a);
    const auto first = flight.advance(0.1);
    REQUIRE(first);
    CHECK_FALSE(*first == b);
    flight.cancel();
    CHECK_FALSE(flight.active());
    CHECK_FALSE(flight.advance(0.1));
}
