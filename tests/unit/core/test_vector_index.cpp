#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

#include "core/time_versions.h"
#include "core/vector_index.h"

using namespace plateau;

namespace {

// Random walks over the plateau: lines of `vertices` points each.
VectorData randomLines(int count, int vertices, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lon(78, 104), lat(26, 37), step(-0.01, 0.01);
    VectorData d;
    for (int i = 0; i < count; ++i) {
        VectorFeature f;
        f.kind = GeometryKind::Line;
        f.fid = i;
        std::vector<LonLat> part{{lon(rng), lat(rng)}};
        for (int k = 1; k < vertices; ++k) part.push_back({part.back().lon + step(rng), part.back().lat + step(rng)});
        f.parts.push_back(std::move(part));
        d.features.push_back(std::move(f));
    }
    return d;
}

VectorFeature version(const std::string& id, double start, double end = INFINITY) {
    VectorFeature f;
    f.objectId = id;
    f.timeStart = start;
    f.timeEnd = end;
    return f;
}

}  // namespace

TEST_CASE("the R-tree finds exactly the features a brute-force scan finds", "[vector][index]") {
    const VectorData data = randomLines(3000, 20, 7);
    const VectorIndex index(data);
    REQUIRE(index.size() == 3000);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.69, 0.80), v(0.38, 0.44), size(0, 0.01);
    for (int q = 0; q < 200; ++q) {
        const double x = u(rng), y = v(rng);
        const MercatorRect r{x, y, x + size(rng), y + size(rng)};
        std::vector<std::uint32_t> brute;
        for (std::uint32_t i = 0; i < index.size(); ++i)
            if (index.bounds(i).intersects(r)) brute.push_back(i);
        CHECK(index.query(r) == brute);  // same features, ascending (file order)
    }
    // A tile query widens by the margin: a feature just outside the tile is found with it.
    const TileId tile = lonLatToTile(90, 30, 8);
    const MercatorRect tr = tileRect(tile);
    VectorData two;
    VectorFeature outside;
    outside.kind = GeometryKind::Line;
    const LonLat a = fromMercator({tr.maxX + 2 * mercatorPixel(8), tr.minY + 0.001});
    const LonLat b = fromMercator({tr.maxX + 2 * mercatorPixel(8), tr.minY + 0.002});
    outside.parts = {{a, b}};
    two.features = {outside};
    const VectorIndex small(two);
    CHECK(small.query(tile, 1.0).empty());
    CHECK(small.query(tile, 3.0).size() == 1);
}

TEST_CASE("per-zoom simplification stays within a quarter pixel and is shared between threads", "[vector][index]") {
    const VectorData data = randomLines(200, 500, 11);
    const VectorIndex index(data);
    const std::size_t full = index.vertexCount(VectorIndex::kMaxSimplifiedZoom + 1);
    CHECK(full == 200 * 500);
    CHECK(index.vertexCount(4) < index.vertexCount(8));
    CHECK(index.vertexCount(8) < index.vertexCount(12));
    CHECK(index.vertexCount(4) < full / 10);  // a random walk keeps about 7 % at z4

    // Concurrent first use of a zoom: every thread sees the same cached geometry.
    std::vector<const std::vector<MercatorPart>*> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t) threads.emplace_back([&, t] { seen[t] = &index.geometry(17 % 5 + 3, 6); });
    for (auto& th : threads) th.join();
    for (const auto* p : seen) CHECK(p == seen[0]);

    // Deep zooms keep nearly every vertex: they share the original instead of copying it.
    CHECK(&index.geometry(0, VectorIndex::kMaxSimplifiedZoom) == &index.fullGeometry(0));
    CHECK(&index.geometry(0, 3) != &index.fullGeometry(0));

    for (const int z : {3, 6, 10}) {
        const double tol = VectorIndex::kTolerancePx * mercatorPixel(z);
        for (std::size_t f = 0; f < 200; f += 17) {
            const auto& simple = index.geometry(f, z)[0];
            const auto& orig = index.fullGeometry(f)[0];
            CHECK(simple.front().x == orig.front().x);
            CHECK(simple.back().y == orig.back().y);
            for (const auto& p : orig) {
                double d = 1e300;
                for (std::size_t i = 0; i + 1 < simple.size(); ++i) d = std::min(d, distanceToSegment(p, simple[i], simple[i + 1]));
                CHECK(d <= tol * (1 + 1e-9));
            }
        }
    }
}

TEST_CASE("time versions: latest version per object, state keys, fades", "[vector][time]") {
    std::vector<VectorFeature> fs = {
        version("A", 1936), version("A", 1990), version("A", 2007),  // 0 1 2
        version("B", 1950, 1960),                                    // 3: a span
        version("", -INFINITY),                                      // 4: no time: always
        version("C", 2000, 2005), version("C", 2010),                // 5 6: a gap 2005..2010
        version("D", 1980), version("D", 1980),                      // 7 8: same date, later wins
    };
    const TimeVersions tv(fs);
    REQUIRE(tv.varies());
    const auto at = [&](double t) { return tv.activeFeatures(tv.stateAt(t)); };
    using V = std::vector<std::size_t>;
    CHECK(at(1900) == V{4});
    CHECK(at(1936) == V{0, 4});
    CHECK(at(1955) == V{0, 3, 4});
    CHECK(at(1960) == V{0, 4});
    CHECK(at(1985) == V{0, 4, 8});
    CHECK(at(1990) == V{1, 4, 8});
    CHECK(at(2006) == V{1, 4, 8});
    CHECK(at(2007) == V{2, 4, 8});
    CHECK(at(2003) == V{1, 4, 5, 8});
    CHECK(at(2012) == V{2, 4, 6, 8});
    CHECK(tv.end(0) == 1990);
    CHECK(tv.end(7) == 1980);  // never shown

    // Equal keys for times that show the same features, different keys otherwise.
    CHECK(tv.stateAt(1991) == tv.stateAt(1999.9));
    CHECK(tv.stateAt(1990) != tv.stateAt(1989.99));
    CHECK(tv.stateAt(1936) == tv.stateAt(1949));
    CHECK(tv.stateAt(2100) == tv.stateCount() - 1);
    for (double t = 1900; t < 2030; t += 0.5) {
        const auto s = tv.stateAt(t);
        CHECK(tv.activeFeatures(s) == at(t));
        for (std::size_t f = 0; f < fs.size(); ++f) {
            const bool expected = tv.start(f) <= t && t < tv.end(f);
            CHECK(tv.active(f, s) == expected);
        }
    }

    const TimeBlend none = tv.blendAt(1995, 0);
    CHECK(none.from == none.to);
    CHECK(none.weight == 1.0);
    const TimeBlend mid = tv.blendAt(1992.5, 5);
    CHECK(mid.to == tv.stateAt(1992.5));
    CHECK(mid.from == tv.stateAt(1989));
    CHECK(mid.weight == Approx(0.5));
    const TimeBlend done = tv.blendAt(1998, 5);
    CHECK(done.from == done.to);
    const TimeBlend first = tv.blendAt(1936, 5);  // the first date: nothing to fade from
    CHECK(first.from == first.to);
    CHECK(first.weight == 1.0);

    const TimeVersions still({version("", -INFINITY), version("", -INFINITY)});
    CHECK(!still.varies());
    CHECK(still.stateAt(1950) == 0);
    CHECK(still.stateAt(2050) == 0);
    CHECK(still.activeFeatures(0).size() == 2);
}
