#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/haze.h"
#include "core/tile_mesh.h"
#include "core/tile_selection.h"
#include "test_support.h"

using namespace plateau;

namespace {

Selection select(const CameraPose& pose, const TileAvailability& avail, double sse = 2.0, int w = 1280, int h = 720) {
    SelectionParams p;
    p.maxScreenSpaceError = sse;
    return selectTiles(makeCamera(pose, w, h), p, avail);
}

int maxZoom(const std::vector<TileId>& tiles) {
    int z = -1;
    for (const TileId& t : tiles) z = std::max(z, t.z);
    return z;
}

void requireNoAncestorPairs(const Selection& s) {
    std::set<TileId> drawn(s.draw.begin(), s.draw.end());
    REQUIRE(drawn.size() == s.draw.size());  // no duplicates
    for (const TileId& t : s.draw) {
        for (TileId a = t; a.z > 0;) {
            a = a.parent();
            INFO(t.str() << " drawn with its ancestor " << a.str());
            REQUIRE(drawn.count(a) == 0);
        }
    }
}

// Every ground point seen through a grid of pixels lies in exactly one drawn tile.
int requireCoverage(const CameraPose& pose, const Selection& s, int w = 1280, int h = 720) {
    const Camera cam = makeCamera(pose, w, h);
    int hits = 0;
    for (int py = 0; py < h; py += h / 12) {
        for (int px = 0; px < w; px += w / 16) {
            const auto hit = test::hitEllipsoid(cam.position, test::pixelRay(cam, px, py));
            if (!hit) continue;
            const Geodetic g = ecefToGeodetic(*hit);
            if (std::abs(g.lat_deg) >= kMaxMercatorLatDeg) continue;
            ++hits;
            int covering = 0;
            for (const TileId& t : s.draw) covering += lonLatToTile(g.lon_deg, g.lat_deg, t.z) == t;
            INFO("pixel " << px << "," << py << " sees " << g.lon_deg << ", " << g.lat_deg);
            REQUIRE(covering == 1);
        }
    }
    return hits;
}

const CameraPose kQulongDown{91.583, 29.6, 25000, 0, -90};
const CameraPose kQulongOblique{91.583, 29.2, 25000, 10, -25};

}  // namespace

TEST_CASE("selection straight down over Qulong draws the footprint at the data's finest level", "[selection]") {
    test::FakeAvailability avail;  // all resident, data to z12, heights -100..100 m
    const Selection s = select(kQulongDown, avail);
    CHECK(s.settled());
    requireNoAncestorPairs(s);
    // The footprint at 25 km: +-18.4 km east-west, +-10.4 km north-south around the nadir, which
    // in z12 tile coordinates is x 3087.85..3092.17, y 1693.93..1696.37: 6 x 4 tiles. z12's error
    // (76 m) is still 2.6 px at 25 km but z13 has no data, so z12 is final.
    std::set<TileId> expect;
    for (int x = 3087; x <= 3092; ++x)
        for (int y = 1693; y <= 1696; ++y) expect.insert({12, x, y});
    const std::set<TileId> got(s.draw.begin(), s.draw.end());
    CHECK(got == expect);
    CHECK(got.count(lonLatToTile(91.583, 29.6, 12)) == 1);
    CHECK(requireCoverage(kQulongDown, s) > 100);
}

TEST_CASE("selection from 20,000 km draws the visible hemisphere at z3", "[selection]") {
    test::FakeAvailability avail;
    const CameraPose pose{0, 0, 2e7, 0, -90};
    const Selection s = select(pose, avail);
    // The limb lies acos(a / (a + h)) = 75.9 degrees from the sub-camera point, so z3 columns
    // 2..5 (lon -90..90) and rows 1..6 (lat -79.2..79.2) are visible: the polar rows (beyond 79
    // degrees) and the far columns are behind the horizon. z2's error is 3.5 px, z3's 1.8 px.
    std::set<TileId> expect;
    for (int x = 2; x <= 5; ++x)
        for (int y = 1; y <= 6; ++y) expect.insert({3, x, y});
    CHECK(std::set<TileId>(s.draw.begin(), s.draw.end()) == expect);
    CHECK(s.stats.culledByHorizon > 0);
    CHECK(requireCoverage(pose, s) > 20);
    // With a coarser error budget z1 is enough.
    const Selection coarse = select(pose, avail, 8.0);
    CHECK(coarse.draw.size() == 4);
    CHECK(maxZoom(coarse.draw) == 1);
}

TEST_CASE("moving closer refines", "[selection]") {
    test::FakeAvailability avail;
    const Selection far = select({91.583, 29.2, 200000, 10, -25}, avail);
    const Selection near = select(kQulongOblique, avail);
    CHECK(near.draw.size() > far.draw.size());
    CHECK(maxZoom(near.draw) > maxZoom(far.draw));
    CHECK(maxZoom(near.draw) == 12);
    requireNoAncestorPairs(far);
    requireNoAncestorPairs(near);
    // The ground at the bottom of the view (the nearest) is drawn at the finest level.
    const Camera cam = makeCamera(kQulongOblique, 1280, 720);
    const auto hit = test::hitEllipsoid(cam.position, test::pixelRay(cam, 640, 719));
    REQUIRE(hit);
    const Geodetic g = ecefToGeodetic(*hit);
    const TileId nearest = lonLatToTile(g.lon_deg, g.lat_deg, 12);
    CHECK(std::find(near.draw.begin(), near.draw.end(), nearest) != near.draw.end());
    // A lower zoom limit caps the refinement.
    SelectionParams p;
    p.maxZoom = 9;
    CHECK(maxZoom(selectTiles(makeCamera(kQulongOblique, 1280, 720), p, avail).draw) == 9);
}

TEST_CASE("drawn tiles cover the view without gaps or overlaps", "[selection]") {
    test::FakeAvailability avail;
    const CameraPose poses[] = {
        kQulongOblique,
        {91.583, 29.2, 2000, 0, 0},       // level: looking at the horizon
        {91.583, 29.2, 100, 45, -10},     // inside the tile's bounding sphere
        {91.583, 29.2, 2e6, 0, -90},      // far above
        {-179.5, 60, 50000, 90, -30},     // across the antimeridian
        {0.0, -84.0, 300000, 180, -40},   // near the southern edge of Web Mercator
        {10.0, 0.0, 5e6, 30, -70},
    };
    for (const CameraPose& pose : poses) {
        INFO("camera at " << pose.lon_deg << ", " << pose.lat_deg << ", " << pose.height_m << " m");
        const Selection s = select(pose, avail);
        CHECK(s.settled());
        CHECK(!s.draw.empty());
        requireNoAncestorPairs(s);
        CHECK(requireCoverage(pose, s) > 5);
    }
}

TEST_CASE("children that are not resident: the parent is drawn and they are loaded", "[selection]") {
    test::FakeAvailability avail;
    avail.resident = [](const TileId& t) { return t.z <= 3; };
    const Selection s = select(kQulongDown, avail);
    CHECK(!s.settled());
    requireNoAncestorPairs(s);
    const std::set<TileId> drawn(s.draw.begin(), s.draw.end());
    CHECK(drawn.count(lonLatToTile(91.583, 29.6, 3)) == 1);
    for (const TileId& t : s.load) {
        CHECK(t.z == 4);
        CHECK(drawn.count(t.parent()) == 1);
    }
    REQUIRE(!s.load.empty());
    // The nearest tile (largest error on screen) comes first.
    CHECK(s.load.front() == lonLatToTile(91.583, 29.6, 4));
    CHECK(requireCoverage(kQulongDown, s) > 100);

    // Nothing resident: only the root is asked for.
    avail.resident = [](const TileId&) { return false; };
    const Selection empty = select(kQulongDown, avail);
    CHECK(empty.draw.empty());
    REQUIRE(empty.load.size() == 1);
    CHECK(empty.load[0] == TileId{0, 0, 0});
}

TEST_CASE("loading what is asked converges to the fully resident selection", "[selection]") {
    test::FakeAvailability all;
    const Selection target = select(kQulongOblique, all);
    auto resident = std::make_shared<std::set<TileId>>();
    test::FakeAvailability avail;
    avail.resident = [resident](const TileId& t) { return resident->count(t) != 0; };
    int rounds = 0;
    Selection s = select(kQulongOblique, avail);
    while (!s.settled() && rounds < 30) {
        requireNoAncestorPairs(s);
        for (const TileId& t : s.load) resident->insert(t);
        s = select(kQulongOblique, avail);
        ++rounds;
    }
    CHECK(s.settled());
    CHECK(rounds <= 14);
    CHECK(std::set<TileId>(s.draw.begin(), s.draw.end()) == std::set<TileId>(target.draw.begin(), target.draw.end()));
}

TEST_CASE("tiles without data are not refined into unless a sibling has data", "[selection]") {
    test::FakeAvailability avail;
    avail.maxDataZoom = 8;
    const Selection s = select(kQulongDown, avail);
    CHECK(maxZoom(s.draw) == 8);
    avail.maxDataZoom = 0;
    const Selection root = select(kQulongDown, avail);
    REQUIRE(root.draw.size() == 1);
    CHECK(root.draw[0] == TileId{0, 0, 0});
}

TEST_CASE("horizon culling removes the far side of the globe", "[selection][horizon]") {
    test::FakeAvailability avail;
    const CameraPose pose{91.583, 29.6, 1e6, 0, -90};
    const Selection s = select(pose, avail, 2.0, 1280, 720);
    CHECK(s.stats.culledByHorizon > 0);
    // From 1,000 km the horizon is 30 degrees away; no drawn tile may lie wholly beyond 35.
    const glm::dvec3 sub = ellipsoidNormal(pose.lon_deg, pose.lat_deg);
    for (const TileId& t : s.draw) {
        double best = 180;
        for (double u = 0; u <= 1; u += 0.125)
            for (double v = 0; v <= 1; v += 0.125) {
                double lon = 0, lat = 0;
                tileUVToLonLat(t, u, v, lon, lat);
                best = std::min(best, std::acos(std::clamp(glm::dot(sub, ellipsoidNormal(lon, lat)), -1.0, 1.0)) * 180 / M_PI);
            }
        INFO(t.str());
        CHECK(best < 35);
    }
    // A wide view from 1,000 km sees the whole disc: horizon culling is what limits it.
    CameraPose widePose = pose;
    widePose.fov_deg = 120.0;
    const Selection wide = selectTiles(makeCamera(widePose, 1000, 1000), SelectionParams{}, avail);
    CHECK(wide.stats.culledByHorizon > 0);
    CHECK(requireCoverage(pose, wide, 1000, 1000) > 20);
}

TEST_CASE("looking at the sky draws nothing", "[selection]") {
    test::FakeAvailability avail;
    for (const CameraPose& pose : {CameraPose{91.583, 29.2, 2000, 0, 60}, CameraPose{91.583, 29.2, 25000, 0, 30},
                                   CameraPose{0, 0, 2e7, 0, 90}, CameraPose{-70, -33, 500, 200, 89}}) {
        INFO("pitch " << pose.pitch_deg << " at " << pose.height_m << " m");
        const Selection s = select(pose, avail);
        CHECK(s.draw.empty());
        CHECK(s.load.empty());
    }
}

TEST_CASE("far in space the whole Earth is a few coarse tiles", "[selection]") {
    test::FakeAvailability avail;
    const Selection s = select({45, 10, 2e8, 0, -90}, avail);
    CHECK(!s.draw.empty());
    CHECK(maxZoom(s.draw) <= 1);
    CHECK(screenSpaceError(makeCamera({0, 0, 1e7, 0, -90}, 1280, 720), 100.0, 1e6) ==
          Approx(100.0 * 720 / (2 * 1e6 * std::tan(M_PI / 8))));
}

TEST_CASE("out-of-view children of coarse refined tiles are prefetched, without holding up settling", "[selection]") {
    // Looking north from 29.2 N 91.6 E, the view ends near 96 E: of the children of 3/6/3 (90 to
    // 135 E, 0 to 41 N) only 4/12/6 is in view. With everything else resident the view is
    // settled, and its three siblings are still asked for, so that turning east or south does
    // not send the whole of 3/6/3 back to one coarse tile while they load.
    const std::set<TileId> outOfView{TileId{4, 13, 6}, TileId{4, 12, 7}, TileId{4, 13, 7}};
    const Selection full = select(kQulongOblique, test::FakeAvailability{});
    for (const TileId& d : full.draw)
        for (const TileId& o : outOfView) CHECK_FALSE((d == o || isAncestor(o, d)));
    test::FakeAvailability avail;
    avail.resident = [&](const TileId& t) { return outOfView.count(t) == 0; };
    const Selection s = select(kQulongOblique, avail);
    CHECK(s.settled());
    CHECK(s.draw == full.draw);
    CHECK(std::set<TileId>(s.prefetch.begin(), s.prefetch.end()) == outOfView);
    // Once loaded they are kept like the tiles in view, and nothing more is asked for.
    const Selection after = select(kQulongOblique, test::FakeAvailability{});
    CHECK(after.prefetch.empty());
    const std::set<TileId> used(after.used.begin(), after.used.end());
    for (const TileId& t : outOfView) CHECK(used.count(t) == 1);
}

TEST_CASE("haze eases the error target with distance only", "[selection][haze]") {
    CHECK(hazeAmount(0.0, 150000.0) == 0.0);
    CHECK(hazeAmount(150000.0, 150000.0) == Approx(1.0 - std::exp(-1.0)));
    CHECK(hazeAmount(1e9, 150000.0) == Approx(0.9));  // far mountains keep a trace of shading
    CHECK(hazeAmount(1e9, 0.0) == 0.0);               // no haze
    CHECK(hazeDistance(0.0) == 150000.0);
    CHECK(hazeDistance(9000.0) == Approx(285000.0));  // thinner air over the plateau
    CHECK(hazeDistance(20000.0) == Approx(300000.0));
    CHECK(hazeDistance(1e6) == 4e6);  // from space the globe stays visible

    const Camera cam = makeCamera(kQulongOblique, 1280, 720);
    SelectionParams clear, hazy;
    hazy.haze = true;
    const Selection a = selectTiles(cam, clear, test::FakeAvailability{});
    const Selection b = selectTiles(cam, hazy, test::FakeAvailability{});
    INFO(a.draw.size() << " tiles without haze, " << b.draw.size() << " with");
    CHECK(b.draw.size() < a.draw.size() * 3 / 4);
    // Under the camera haze is nil: the finest level drawn there does not change.
    CHECK(maxZoom(b.draw) == maxZoom(a.draw));
    const TileId near = lonLatToTile(kQulongOblique.lon_deg, kQulongOblique.lat_deg + 0.2, maxZoom(a.draw));
    CHECK(std::count(a.draw.begin(), a.draw.end(), near) == 1);
    CHECK(std::count(b.draw.begin(), b.draw.end(), near) == 1);
}

TEST_CASE("overzoom refines past the deepest data by at most its levels, and only where the error asks",
          "[selection][overzoom]") {
    test::FakeAvailability avail;
    avail.maxDataZoom = 8;
    // Low over the ground: the error asks for z12 and deeper near the camera.
    const Camera low = makeCamera(CameraPose{91.5, 29.5, 3000, 0, -60}, 640, 360);
    SelectionParams p;
    p.maxScreenSpaceError = 2.0;
    p.overzoomLevels = 0;
    CHECK(maxZoom(selectTiles(low, p, avail).draw) == 8);  // no data below 8: nothing deeper
    p.overzoomLevels = 3;
    const Selection over = selectTiles(low, p, avail);
    CHECK(maxZoom(over.draw) == 11);  // exactly three levels past the data, as the viewer uses
    requireNoAncestorPairs(over);
    p.maxZoom = 10;
    CHECK(maxZoom(selectTiles(low, p, avail).draw) == 10);  // the hard limit still holds
    // From high up the data's own levels are enough: overzoom adds nothing.
    p.maxZoom = 22;
    const Camera high = makeCamera(CameraPose{91.5, 29.5, 4.0e6, 0, -90}, 640, 360);
    SelectionParams none = p;
    none.overzoomLevels = 0;
    CHECK(selectTiles(high, p, avail).draw == selectTiles(high, none, avail).draw);
    CHECK(maxZoom(selectTiles(high, p, avail).draw) <= 8);
}
