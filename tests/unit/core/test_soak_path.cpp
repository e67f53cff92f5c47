#include <catch2/catch.hpp>

#include <cmath>

#include "core/soak_path.h"

using namespace plateau;

TEST_CASE("the soak flight stays in its region, covers it, and repeats with its seed", "[soak]") {
    SoakRegion r;
    r.bounds = {86.0, 27.0, 94.0, 31.0};
    SoakPath a(r, 7), b(r, 7), c(r, 8);
    double minH = 1e9, maxH = 0, west = 180, east = -180;
    int differs = 0;
    for (int i = 0; i <= 30 * 600; ++i) {  // ten minutes at 30 frames a second
        const double t = i / 30.0;
        const CameraPose p = a.poseAt(t), q = b.poseAt(t), o = c.poseAt(t);
        REQUIRE(p == q);
        if (!(o == p)) ++differs;
        const double y = a.yearAt(t);
        REQUIRE((y >= r.startYear && y <= r.endYear));
        // Arcs rise between views but never leave the region's longitudes and latitudes.
        REQUIRE((p.lon_deg >= r.bounds.west - 1e-9 && p.lon_deg <= r.bounds.east + 1e-9));
        REQUIRE((p.lat_deg >= r.bounds.south - 1e-9 && p.lat_deg <= r.bounds.north + 1e-9));
        REQUIRE(p.height_m >= r.minHeightM - 1e-6);
        REQUIRE(std::isfinite(p.heading_deg));
        REQUIRE((p.pitch_deg >= -90.0 && p.pitch_deg <= -15.0));
        minH = std::min(minH, p.height_m), maxH = std::max(maxH, p.height_m);
        west = std::min(west, p.lon_deg), east = std::max(east, p.lon_deg);
    }
    CHECK(a.legs() > 100);
    CHECK(differs > 30 * 500);
    CHECK(minH < 10'000.0);  // close to the ground...
    CHECK(maxH > 200'000.0);  // ...and high above, in one run
    CHECK(east - west > 6.0);
}
