// Flow routing against brute force on small DEMs: filled heights against a fill by repeated
// relaxation to the minimal spill level, every path ends at an outlet going down or level,
// steepest descent where the filled surface falls, accumulation and catchments against
// per-cell path walks, and catchment outlines that cover exactly the catchment's cells.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "core/flow_outline.h"
#include "core/flow_routing.h"

using namespace plateau;

namespace {

constexpr int kDi[8] = {1, 1, 0, -1, -1, -1, 0, 1};
constexpr int kDj[8] = {0, 1, 1, 1, 0, -1, -1, -1};

FlowRaster raster(int w, int h, std::vector<float> z, std::vector<std::uint8_t> valid = {}) {
    FlowRaster r;
    r.source = "test.tif";
    r.width = w;
    r.height = h;
    r.west = 90.0;
    r.north = 30.0;
    r.cellLon = r.cellLat = 1.0 / 120.0;  // 30 arc-seconds, as SRTM30
    r.z = std::move(z);
    r.valid = std::move(valid);
    return r;
}

bool outletCell(const FlowRaster& r, std::size_t c) {
    const int i = int(c % std::size_t(r.width)), j = int(c / std::size_t(r.width));
    return i == 0 || j == 0 || i == r.width - 1 || j == r.height - 1 || !r.isValid(c);
}

// The minimal spill level by relaxation: start from +inf inside, the outlets at their own
// height (nodata at -inf), and lower each cell to max(own height, lowest neighbour) until
// nothing changes. Slow and obviously right.
std::vector<float> bruteFill(const FlowRaster& r) {
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> w(r.size());
    for (std::size_t c = 0; c < r.size(); ++c)
        w[c] = !r.isValid(c) ? -inf : outletCell(r, c) ? r.z[c] : inf;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t c = 0; c < r.size(); ++c) {
            if (outletCell(r, c)) continue;
            const int i = int(c % std::size_t(r.width)), j = int(c / std::size_t(r.width));
            float lo = inf;
            for (int k = 0; k < 8; ++k) lo = std::min(lo, w[std::size_t((j + kDj[k]) * r.width + i + kDi[k])]);
            const float v = std::max(r.z[c], lo);
            if (v < w[c]) w[c] = v, changed = true;
        }
    }
    return w;
}

// A DEM with pits and flats: few distinct heights, some single-cell holes, optional nodata.
// Whole-metre heights take routing's bucket queue, fractional ones its heap.
FlowRaster randomDem(std::mt19937& rng, int w, int h, bool nodata, bool fractional = false) {
    std::uniform_int_distribution<int> level(0, 5), pit(0, 9), hole(0, 14);
    std::vector<float> z(std::size_t(w * h));
    std::vector<std::uint8_t> valid;
    for (float& v : z) v = float(level(rng) * 10) - (pit(rng) == 0 ? 25.0f : 0.0f) + (fractional ? 0.375f : 0.0f);
    if (nodata) {
        valid.assign(z.size(), 1);
        for (auto& v : valid) v = hole(rng) == 0 ? 0 : 1;
    }
    return raster(w, h, std::move(z), std::move(valid));
}

void checkAgainstBruteForce(const FlowRaster& r) {
    const FlowGeometry g(r);
    const auto m = routeFlow(r, g);
    REQUIRE(m.ok());
    const auto ref = bruteFill(r);
    const std::size_t n = r.size();
    for (std::size_t c = 0; c < n; ++c) {
        INFO("cell " << c);
        if (r.isValid(c)) CHECK(m->filled[c] == ref[c]);
        // Outlets are exactly the edge and nodata; every other cell has a neighbouring receiver.
        const std::int32_t to = m->receiver[c];
        if (outletCell(r, c)) {
            CHECK(to == -1);
            continue;
        }
        // Interior cells next to nodata may end there (nodata is an outlet).
        if (to < 0) {
            bool besideNoData = false;
            const int i = int(c % std::size_t(r.width)), j = int(c / std::size_t(r.width));
            for (int k = 0; k < 8; ++k) besideNoData |= !r.isValid(std::size_t((j + kDj[k]) * r.width + i + kDi[k]));
            CHECK(besideNoData);
            continue;
        }
        const int di = to % r.width - int(c % std::size_t(r.width)), dj = to / r.width - int(c / std::size_t(r.width));
        CHECK(std::max(std::abs(di), std::abs(dj)) == 1);
        CHECK(m->filled[std::size_t(to)] <= m->filled[c]);  // downhill or flat, never up
        // Steepest descent wherever the filled surface falls.
        double best = 0;
        const int i = int(c % std::size_t(r.width)), j = int(c / std::size_t(r.width));
        for (int k = 0; k < 8; ++k) {
            const std::size_t nb = std::size_t((j + kDj[k]) * r.width + i + kDi[k]);
            if (!r.isValid(nb)) continue;
            best = std::max(best, double(m->filled[c] - m->filled[nb]) / g.step(j, kDi[k], kDj[k]));
        }
        const double mine = double(m->filled[c] - m->filled[std::size_t(to)]) / g.step(j, di, dj);
        if (best > 0) CHECK(mine == Approx(best));
    }
    // Every path ends at an outlet, within n steps.
    std::vector<std::vector<std::int32_t>> paths(n);
    for (std::size_t c = 0; c < n; ++c) {
        if (!r.isValid(c)) continue;
        paths[c] = traceDownstream(*m, std::int32_t(c));
        REQUIRE(!paths[c].empty());
        CHECK(paths[c].size() <= n);
        CHECK(m->receiver[std::size_t(paths[c].back())] == -1);
        CHECK(std::set<std::int32_t>(paths[c].begin(), paths[c].end()).size() == paths[c].size());
    }
    // Accumulation and catchments: a cell drains through c iff its path passes c.
    for (std::size_t c = 0; c < n; ++c) {
        if (!r.isValid(c)) continue;
        const Catchment ct = catchment(*m, g, std::int32_t(c));
        double area = 0;
        std::size_t cells = 0;
        for (std::size_t o = 0; o < n; ++o) {
            const bool passes = std::find(paths[o].begin(), paths[o].end(), std::int32_t(c)) != paths[o].end();
            CHECK(bool(ct.mask[o]) == passes);
            if (passes) area += g.areaKm2[o / std::size_t(r.width)], ++cells;
        }
        CHECK(ct.cells == cells);
        CHECK(ct.areaKm2 == Approx(area));
        CHECK(m->accumulationKm2[c] == Approx(area));
    }
}

// Even-odd point-in-polygon over all rings.
bool insideRings(const std::vector<std::vector<LonLat>>& rings, const LonLat& p) {
    bool in = false;
    for (const auto& ring : rings)
        for (std::size_t k = 1; k < ring.size(); ++k) {
            const LonLat &a = ring[k - 1], &b = ring[k];
            if ((a.lat > p.lat) != (b.lat > p.lat) &&
                p.lon < a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon))
                in = !in;
        }
    return in;
}

}  // namespace

TEST_CASE("flow: a pit fills to its spill level and drains through the lowest pass", "[flow]") {
    // 5 x 5: a rim at 10 with a notch at 6 on the east edge's neighbour, a pit of 1 inside.
    std::vector<float> z(25, 10.0f);
    z[12] = 1.0f;            // centre
    z[11] = z[7] = 3.0f;     // pit floor
    z[13] = 6.0f;            // the pass toward the east edge
    z[14] = 2.0f;            // east edge, lower than the pass
    const FlowRaster r = raster(5, 5, z);
    const FlowGeometry g(r);
    const auto m = routeFlow(r, g);
    REQUIRE(m.ok());
    CHECK(m->filled[12] == 6.0f);
    CHECK(m->filled[11] == 6.0f);
    CHECK(m->filled[13] == 6.0f);
    const auto path = traceDownstream(*m, 11);
    CHECK(path.back() == 14);
    checkAgainstBruteForce(r);
}

TEST_CASE("flow: random DEMs with pits, flats and nodata match brute force", "[flow]") {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 40; ++trial) {
        const int w = 3 + int(rng() % 12), h = 3 + int(rng() % 10);
        INFO("trial " << trial << " " << w << "x" << h);
        checkAgainstBruteForce(randomDem(rng, w, h, trial % 3 == 2, trial % 2 == 1));
    }
}

TEST_CASE("flow: a large flat drains to its outlet with no loops", "[flow]") {
    std::vector<float> z(40 * 30, 100.0f);
    for (int i = 0; i < 40; ++i) z[std::size_t(i)] = 200.0f, z[std::size_t(29 * 40 + i)] = 200.0f;
    for (int j = 0; j < 30; ++j) z[std::size_t(j * 40)] = 200.0f, z[std::size_t(j * 40 + 39)] = 200.0f;
    z[std::size_t(15 * 40)] = 50.0f;  // one low cell on the west edge
    const FlowRaster r = raster(40, 30, z);
    const FlowGeometry g(r);
    const auto m = routeFlow(r, g);
    REQUIRE(m.ok());
    const std::int64_t far = 14 * 40 + 38;
    CHECK(traceDownstream(*m, std::int32_t(far)).back() == 15 * 40);
    const Catchment c = catchment(*m, g, 15 * 40);
    CHECK(c.cells == 38u * 28u + 1u);  // the whole flat and the outlet
}

TEST_CASE("flow: cancellation and bad rasters are errors naming the source", "[flow]") {
    FlowRaster r = raster(300, 300, std::vector<float>(90000, 1.0f));
    const FlowGeometry g(r);
    std::atomic<bool> cancel{true};
    const auto stopped = routeFlow(r, g, &cancel);
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().message == "test.tif: flow routing cancelled");
    r.z[150] = std::numeric_limits<float>::quiet_NaN();
    const auto nan = routeFlow(r, g);
    REQUIRE_FALSE(nan.ok());
    CHECK(nan.error().message == "test.tif: a height that is not a number (NaN or infinite) outside nodata");
    r.z.resize(10);
    const auto bad = routeFlow(r, g);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.rfind("test.tif: ", 0) == 0);
}

TEST_CASE("flow: cell areas and steps on the ellipsoid", "[flow]") {
    // A 1 x 1 degree cell at the equator: 110.574 km (meridian) x 111.320 km (equator) nearly.
    CHECK(ellipsoidBandAreaKm2(0.0, 1.0, 1.0) == Approx(110.574 * 111.320).epsilon(2e-3));
    // The whole ellipsoid: 510,065,622 km².
    CHECK(ellipsoidBandAreaKm2(-90.0, 90.0, 360.0) == Approx(510065622.0).epsilon(1e-6));
    // At 30 N a 30" cell is 0.866 as wide as it is tall (roughly), and a row's cells share it.
    const FlowRaster r = raster(4, 3, std::vector<float>(12, 0.0f));
    const FlowGeometry g(r);
    // East-west over north-south: cos(lat) N / M, N / M = (1 - e² sin² lat) / (1 - e²).
    const double lat = (30.0 - 1.5 / 120.0) * 3.14159265358979 / 180.0, e2 = 0.00669437999014;
    CHECK(g.eastWestM[1] / g.southM[1] ==
          Approx(std::cos(lat) * (1 - e2 * std::sin(lat) * std::sin(lat)) / (1 - e2)).epsilon(1e-4));
    CHECK(g.diagonalM[1] == Approx(std::hypot(g.eastWestM[1], g.southM[1])).epsilon(1e-3));
    CHECK(g.step(1, 1, 0) == g.eastWestM[1]);
    CHECK(g.step(1, 0, -1) == g.southM[0]);
    CHECK(ellipsoidDistanceM({90.0, 30.0}, {90.0, 31.0}) == Approx(110.85e3).epsilon(1e-3));
}

TEST_CASE("flow: catchment outlines cover exactly the catchment's cells", "[flow]") {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 20; ++trial) {
        const FlowRaster r = randomDem(rng, 6 + int(rng() % 10), 5 + int(rng() % 8), false);
        const FlowGeometry g(r);
        const auto m = routeFlow(r, g);
        REQUIRE(m.ok());
        // The catchment of the cell with the largest accumulation has some shape to it.
        std::size_t big = 0;
        for (std::size_t c = 0; c < r.size(); ++c)
            if (m->receiver[c] >= 0 && m->accumulationKm2[c] > m->accumulationKm2[big]) big = c;
        const Catchment ct = catchment(*m, g, std::int32_t(big));
        const auto rings = maskOutline(r, ct.mask);
        REQUIRE_FALSE(rings.empty());
        for (const auto& ring : rings) {
            CHECK(ring.size() >= 5);
            CHECK(ring.front().lon == ring.back().lon);
            CHECK(ring.front().lat == ring.back().lat);
        }
        for (std::size_t c = 0; c < r.size(); ++c) CHECK(insideRings(rings, r.centre(c)) == bool(ct.mask[c]));
    }
    // Two cells touching at a corner give two rings.
    FlowRaster r = raster(4, 4, std::vector<float>(16, 0.0f));
    std::vector<std::uint8_t> mask(16, 0);
    mask[5] = mask[10] = 1;
    CHECK(maskOutline(r, mask).size() == 2);
}
