#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <random>
#include <set>

#include "core/geodesy.h"
#include "core/tile_heights.h"
#include "core/tile_mesh.h"
#include "terrain_shared.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;

namespace {

HeightGrid gridFrom(int size, const std::function<float(double u, double v)>& f) {
    HeightGrid g;
    g.width = g.height = size;
    g.samples.resize(std::size_t(size * size));
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i) g.samples[std::size_t(j * size + i)] = f((i + 0.5) / size, (j + 0.5) / size);
    return g;
}

glm::dvec3 vec(const float (&a)[3]) { return {a[0], a[1], a[2]}; }

glm::dvec3 worldPos(const TileMesh& m, std::uint32_t k) { return m.origin + vec(m.vertices[k].pos); }

const TileId kQulong{12, 3090, 1695};

}  // namespace

TEST_CASE("tile mesh sizes and index ranges", "[mesh]") {
    const int g = tileGridSize();
    REQUIRE(g == PLATEAU_TILE_GRID);
    REQUIRE(tileVertexCount(g) == g * g + 4 * (g - 1));
    const auto idx = buildTileIndices(g);
    REQUIRE(idx.size() == std::size_t(6 * (g - 1) * (g - 1) + 6 * 4 * (g - 1)));
    const HeightGrid grid = gridFrom(256, [](double, double) { return 4500.0f; });
    const TileMesh m = buildTileMesh(kQulong, grid, g, skirtDepthForLevel(12));
    REQUIRE(m.vertices.size() == std::size_t(tileVertexCount(g)));
    for (std::uint32_t i : idx) REQUIRE(i < m.vertices.size());
    // Every vertex is used.
    std::set<std::uint32_t> used(idx.begin(), idx.end());
    CHECK(used.size() == m.vertices.size());
    CHECK(m.minHeight == 4500.0f);
    CHECK(m.maxHeight == 4500.0f);
}

TEST_CASE("grid vertices sit on the tile at the sampled heights", "[mesh]") {
    const int g = tileGridSize();
    const HeightGrid grid = gridFrom(256, [](double u, double v) { return float(4000.0 + 1000.0 * u + 500.0 * v); });
    const TileMesh m = buildTileMesh(kQulong, grid, g, 100.0);
    double clon = 0, clat = 0;
    tileUVToLonLat(kQulong, 0.5, 0.5, clon, clat);
    CHECK(glm::length(m.origin - geodeticToEcef({clon, clat, 0})) < 1e-6);
    const LonLatBounds b = tileBounds(kQulong);
    // North-west corner first, south-east corner last of the grid; rows run north to south.
    const Geodetic nw = ecefToGeodetic(worldPos(m, 0));
    CHECK_THAT(nw.lon_deg, WithinAbs(b.west, 1e-7));
    CHECK_THAT(nw.lat_deg, WithinAbs(b.north, 1e-7));
    CHECK_THAT(nw.height_m, WithinAbs(grid.sample(0, 0), 0.01));
    const Geodetic se = ecefToGeodetic(worldPos(m, std::uint32_t(g * g - 1)));
    CHECK_THAT(se.lon_deg, WithinAbs(b.east, 1e-7));
    CHECK_THAT(se.lat_deg, WithinAbs(b.south, 1e-7));
    const std::uint32_t k = 5 * std::uint32_t(g) + 7;
    const Geodetic mid = ecefToGeodetic(worldPos(m, k));
    double lon = 0, lat = 0;
    tileUVToLonLat(kQulong, 7.0 / (g - 1), 5.0 / (g - 1), lon, lat);
    CHECK_THAT(mid.lon_deg, WithinAbs(lon, 1e-7));
    CHECK_THAT(mid.lat_deg, WithinAbs(lat, 1e-7));
    CHECK_THAT(mid.height_m, WithinAbs(grid.sample(7.0 / (g - 1), 5.0 / (g - 1)), 0.01));
    CHECK(m.vertices[k].height == grid.sample(7.0 / (g - 1), 5.0 / (g - 1)));
    CHECK(glm::length(vec(m.vertices[k].up) - ellipsoidNormal(lon, lat)) < 1e-6);
}

TEST_CASE("triangles are counter-clockwise seen from outside, skirts face outward", "[mesh]") {
    const int g = tileGridSize();
    const auto idx = buildTileIndices(g);
    const std::size_t gridTris = std::size_t((g - 1) * (g - 1) * 2);
    for (const TileId& t : {kQulong, TileId{3, 2, 5}, TileId{1, 0, 0}}) {
        const HeightGrid grid = gridFrom(64, [](double u, double v) { return float(3000 * std::sin(9 * u) * v); });
        const TileMesh m = buildTileMesh(t, grid, g, skirtDepthForLevel(t.z));
        for (std::size_t tri = 0; tri < idx.size() / 3; ++tri) {
            const std::uint32_t a = idx[3 * tri], b = idx[3 * tri + 1], c = idx[3 * tri + 2];
            const glm::dvec3 pa = worldPos(m, a), pb = worldPos(m, b), pc = worldPos(m, c);
            const glm::dvec3 n = glm::cross(pb - pa, pc - pa);
            const glm::dvec3 up = vec(m.vertices[a].up);
            INFO(t.str() << " triangle " << tri);
            if (tri < gridTris) {
                REQUIRE(glm::dot(n, up) > 0);
            } else {
                // A skirt wall faces away from the tile: along the step from the nearest interior
                // vertex to its edge vertex (for the big low-level tiles too).
                const int i = int(a) % g, j = int(a) / g;
                const auto inner = std::uint32_t(std::clamp(j, 1, g - 2) * g + std::clamp(i, 1, g - 2));
                glm::dvec3 out = pa - worldPos(m, inner);
                out -= up * glm::dot(out, up);
                REQUIRE(glm::dot(glm::normalize(n), glm::normalize(out)) > 0.3);
            }
        }
    }
}

TEST_CASE("skirts hang below the edge vertices", "[mesh]") {
    const int g = tileGridSize();
    const double depth = skirtDepthForLevel(12);
    const HeightGrid grid = gridFrom(256, [](double u, double) { return float(5000 + 200 * u); });
    const TileMesh m = buildTileMesh(kQulong, grid, g, depth);
    // Each skirt vertex is a copy of a distinct border vertex moved down along up.
    std::set<std::size_t> border;
    for (int k = 0; k < 4 * (g - 1); ++k) {
        const TerrainVertex& s = m.vertices[std::size_t(g * g + k)];
        std::size_t match = SIZE_MAX;
        for (std::size_t v = 0; v < std::size_t(g * g); ++v) {
            const TerrainVertex& e = m.vertices[v];
            const glm::dvec3 below = vec(e.pos) - vec(e.up) * depth;
            if (glm::length(below - vec(s.pos)) < 0.01) match = v;
        }
        REQUIRE(match != SIZE_MAX);
        const int i = int(match) % g, j = int(match) / g;
        CHECK((i == 0 || j == 0 || i == g - 1 || j == g - 1));
        CHECK(s.height == m.vertices[match].height);
        border.insert(match);
    }
    CHECK(border.size() == std::size_t(4 * (g - 1)));
    CHECK(skirtDepthForLevel(12) == Approx(10 * levelGeometricError(12)));
    CHECK(skirtDepthForLevel(25) >= 20.0);
    // Documented choice: one normal-map texel at the equator (128 per tile), 76 m at z12.
    CHECK(levelGeometricError(12) == Approx(2 * M_PI * wgs84::a / 4096 / 128));
    CHECK(levelGeometricError(13) == Approx(levelGeometricError(12) / 2));
}

TEST_CASE("bounding spheres contain the tile surface", "[mesh][bounds]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const TileId tiles[] = {{0, 0, 0},       {1, 0, 0},       {1, 1, 1},      {2, 0, 0},   {2, 3, 1},
                            {2, 1, 2},       {3, 0, 0},       {3, 5, 3},      {4, 9, 0},   {5, 17, 31},
                            {8, 200, 100},   {10, 759, 429},  {12, 3090, 1695}, {12, 0, 0}, {16, 40000, 3},
                            {18, 100000, 131071}};
    const std::pair<double, double> ranges[] = {{0, 0}, {-430, 100}, {4000, 6500}, {-11000, 8848}};
    for (const TileId& t : tiles) {
        for (const auto& range : ranges) {
            // Plain names, not a structured binding: the lambda below captures them (clang 14
            // cannot capture bindings).
            const double lo = range.first, hi = range.second;
            for (double ex : {1.0, 3.0}) {
                const BoundingSphere s = tileBoundingSphere(t, lo, hi, ex);
                INFO(t.str() << " heights " << lo << ".." << hi << " x" << ex);
                for (int k = 0; k < 400; ++k) {
                    // Corners and edges matter most: snap a third of the samples to the border.
                    double u = unit(rng), v = unit(rng);
                    if (k % 3 == 1) u = std::round(u);
                    if (k % 3 == 2) v = std::round(v);
                    const double h = (k % 4 == 0) ? lo : (k % 4 == 1) ? hi : lo + (hi - lo) * unit(rng);
                    double lon = 0, lat = 0;
                    tileUVToLonLat(t, u, v, lon, lat);
                    const glm::dvec3 p = geodeticToEcef({lon, lat, h * ex});
                    REQUIRE(glm::length(p - s.center) <= s.radius);
                }
                // The drawn mesh: vertices and the midpoints of triangle edges (chords sag inward).
                const HeightGrid grid = gridFrom(16, [&](double u, double v) { return float(lo + (hi - lo) * u * v); });
                const TileMesh m = buildTileMesh(t, grid, tileGridSize(), 0.0);
                const auto idx = buildTileIndices(tileGridSize());
                for (std::size_t i = 0; i + 2 < idx.size(); i += 3) {
                    glm::dvec3 p[3];
                    for (int c = 0; c < 3; ++c) {
                        const TerrainVertex& vx = m.vertices[idx[i + std::size_t(c)]];
                        p[c] = m.origin + vec(vx.pos) + vec(vx.up) * double(vx.height) * (ex - 1);
                    }
                    const glm::dvec3 centroid = (p[0] + p[1] + p[2]) / 3.0;
                    REQUIRE(glm::length(p[0] - s.center) <= s.radius);
                    REQUIRE(glm::length(centroid - s.center) <= s.radius);
                    REQUIRE(glm::length((p[0] + p[1]) * 0.5 - s.center) <= s.radius);
                }
            }
        }
    }
}

TEST_CASE("bounding spheres are reasonably tight", "[mesh][bounds]") {
    // Qulong's z12 tile is about 8.5 x 8.5 km: the half diagonal is about 6 km.
    const BoundingSphere s = tileBoundingSphere(kQulong, 4000, 6000, 1.0);
    CHECK(s.radius < 7000);
    CHECK(s.radius > 5000);
    const BoundingSphere whole = tileBoundingSphere({0, 0, 0}, -500, 9000, 1.0);
    CHECK(glm::length(whole.center) == 0);
    CHECK(whole.radius == Approx(wgs84::a + 9000));
}

TEST_CASE("tile sectors bound the surface and are tighter than spheres", "[mesh][bounds]") {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const TileId& t : {TileId{0, 0, 0}, TileId{2, 1, 2}, TileId{5, 17, 31}, kQulong, TileId{14, 100, 5000}}) {
        const TileSector s = tileSector(t, -430, 6000, 2.0);
        const BoundingSphere b = boundingSphere(s);
        for (int k = 0; k < 50; ++k) {
            const glm::dvec3 n = glm::normalize(glm::dvec3(unit(rng) - 0.5, unit(rng) - 0.5, unit(rng) - 0.5));
            // The support is at least what any surface point reaches, at most what the sphere does.
            double reached = -1e300;
            for (int p = 0; p < 50; ++p) {
                double lon = 0, lat = 0;
                tileUVToLonLat(t, unit(rng), unit(rng), lon, lat);
                reached = std::max(reached, glm::dot(n, geodeticToEcef({lon, lat, (-430 + 6430 * unit(rng)) * 2.0})));
            }
            INFO(t.str());
            CHECK(s.support(n) >= reached);
            CHECK(s.support(n) <= glm::dot(n, b.center) + b.radius + 1e-6);
        }
    }
}

TEST_CASE("a refined tile starts in its parent's shape", "[mesh][morph]") {
    // Ridged parent heights with detail finer than the parent's mesh; the child is resampled
    // from them, as a tile without data of its own.
    const TileId parent{9, 380, 209};
    HeightGrid pg;
    pg.width = pg.height = 256;
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x)
            pg.samples.push_back(float(5000.0 + 600.0 * std::sin(x * 0.11) * std::cos(y * 0.07) +
                                       250.0 * std::sin(x * 0.9 + y * 0.6)));
    const int g = tileGridSize();
    const TileMesh pm = buildTileMesh(parent, pg, g, skirtDepthForLevel(parent.z));
    const TileId child = parent.children()[3];  // south-east quarter: offset (g - 1) / 2 vertices each way
    const TileMesh cm = buildTileMesh(child, TileHeights(child, pg, parent, nullptr), g, skirtDepthForLevel(child.z));

    // The parent's surface over the child's vertices: its own vertices, interpolated between.
    auto parentAt = [&](int i, int j) {  // child vertex (i, j) in parent vertex units
        const double pi = (g - 1) / 2 + i / 2.0, pj = (g - 1) / 2 + j / 2.0;
        const int i0 = int(std::floor(pi)), j0 = int(std::floor(pj));
        const int i1 = std::min(i0 + 1, g - 1), j1 = std::min(j0 + 1, g - 1);
        const double fx = pi - i0, fy = pj - j0;
        auto h = [&](int a, int b) { return double(pm.vertices[std::size_t(b * g + a)].height); };
        return (1 - fy) * ((1 - fx) * h(i0, j0) + fx * h(i1, j0)) + fy * ((1 - fx) * h(i0, j1) + fx * h(i1, j1));
    };
    double worstStart = 0, worstPop = 0;
    for (int j = 0; j < g; ++j)
        for (int i = 0; i < g; ++i) {
            const TerrainVertex& v = cm.vertices[std::size_t(j * g + i)];
            worstStart = std::max(worstStart, std::abs(double(v.coarseHeight) - parentAt(i, j)));
            worstPop = std::max(worstPop, std::abs(double(v.height) - parentAt(i, j)));
            if (i % 2 == 0 && j % 2 == 0) CHECK(v.coarseHeight == v.height);
        }
    INFO("largest step at morph 0: " << worstStart << " m; without morphing: " << worstPop << " m");
    CHECK(worstPop > 50.0);                  // refinement changes the shape visibly...
    CHECK(worstStart < 0.25 * worstPop);     // ...but the morph starts close to the parent's surface
    // Skirts morph with their edge vertices: skirt k hangs under perimeter vertex k, the ring
    // running clockwise from the north-west corner (tile_mesh.h), and carries its heights exactly.
    const int ring = 4 * (g - 1);
    const auto perimeter = [g](int k) {
        const int side = k / (g - 1), o = k % (g - 1);
        if (side == 0) return 0 * g + o;                    // north edge, eastward
        if (side == 1) return o * g + (g - 1);              // east edge, southward
        if (side == 2) return (g - 1) * g + (g - 1 - o);    // south edge, westward
        return (g - 1 - o) * g;                             // west edge, northward
    };
    int coarseDiffers = 0;
    for (int k = 0; k < ring; ++k) {
        const TerrainVertex& s = cm.vertices[std::size_t(g * g + k)];
        const TerrainVertex& e = cm.vertices[std::size_t(perimeter(k))];
        INFO("skirt " << k);
        CHECK(s.height == e.height);
        CHECK(s.coarseHeight == e.coarseHeight);
        if (e.coarseHeight != e.height) ++coarseDiffers;
        // Hanging straight down from it.
        const glm::dvec3 d = glm::dvec3(e.pos[0] - s.pos[0], e.pos[1] - s.pos[1], e.pos[2] - s.pos[2]);
        CHECK(glm::length(d) == Approx(skirtDepthForLevel(child.z)).epsilon(1e-3));
    }
    CHECK(coarseDiffers > 0);  // the edge does morph, so the comparison above means something
}

TEST_CASE("tiles meshed with their neighbours' heights agree along the shared edge", "[mesh][seams]") {
    // Relief defined everywhere, sampled into two tiles side by side (west A, east B).
    const TileId a{10, 760, 420}, b{10, 761, 420};
    const auto relief = [](const TileId& t) {
        return std::make_shared<const HeightGrid>(gridFrom(64, [t](double u, double v) {
            double lon = 0, lat = 0;
            tileUVToLonLat(t, u, v, lon, lat);
            return float(4500.0 + 700.0 * std::sin(lon * 40.0) * std::cos(lat * 33.0) + 300.0 * std::sin(lon * 170.0 + lat * 90.0));
        }));
    };
    const auto ga = relief(a), gb = relief(b);
    const int g = tileGridSize();
    const double skirt = skirtDepthForLevel(a.z);
    // Vertex j of A's east edge and of B's west edge sit at the same place.
    const auto eastEdge = [g](int j) { return std::uint32_t(j * g + g - 1); };
    const auto westEdge = [g](int j) { return std::uint32_t(j * g); };
    // Normal-map texel j of A's east column and of B's west column are the same ground point.
    const int n = tileNormalSize();
    const auto texel = [](const TileMesh& m, int i, int j) { return tileNormalAt(m.normals, 0, i, j); };
    const auto worstEdgeMismatch = [&](const TileMesh& ma, const TileMesh& mb, double& height, double& normalDeg) {
        height = normalDeg = 0;
        for (int j = 0; j < g; ++j)
            height = std::max(height, glm::length(worldPos(ma, eastEdge(j)) - worldPos(mb, westEdge(j))));
        for (int j = 0; j < n; ++j) {
            const double c = glm::dot(texel(ma, n - 1, j), texel(mb, 0, j));
            normalDeg = std::max(normalDeg, std::acos(std::min(1.0, c)) * 180.0 / 3.14159265358979);
        }
    };

    // Alone, each tile holds its own edge values and measures slopes one-sided: they disagree.
    double h0 = 0, n0 = 0;
    worstEdgeMismatch(buildTileMesh(a, *ga, g, skirt), buildTileMesh(b, *gb, g, skirt), h0, n0);
    INFO("alone: heights differ by up to " << h0 << " m, normals by " << n0 << " deg");
    CHECK(n0 > 5.0);

    // With both in the directory they read across the edge: the same heights and slopes.
    GridDirectory around;
    around.add(a, ga);
    around.add(b, gb);
    const TileMesh ma = buildTileMesh(a, TileHeights(a, *ga, a, &around), g, skirt);
    const TileMesh mb = buildTileMesh(b, TileHeights(b, *gb, b, &around), g, skirt);
    double h1 = 0, n1 = 0;
    worstEdgeMismatch(ma, mb, h1, n1);
    INFO("together: heights differ by up to " << h1 << " m, normals by " << n1 << " deg");
    CHECK(h1 < 0.05);
    CHECK(n1 < 0.05);
    CHECK(ma.normals.texels.size() == mb.normals.texels.size());
    // Away from the edge nothing changes.
    const TileMesh alone = buildTileMesh(a, *ga, g, skirt);
    CHECK(ma.vertices[std::size_t(g / 2 * g + g / 2)].height == alone.vertices[std::size_t(g / 2 * g + g / 2)].height);

    // A neighbour known only two levels up is too coarse to read: A keeps its own edge.
    GridDirectory far;
    far.add(a, ga);
    far.add(b.parent().parent(), relief(b.parent().parent()));
    const TileHeights ha(a, *ga, a, &far);
    CHECK_FALSE(ha.covered(1.0 + 1.0 / 32, 0.5));
    const TileHeights hb(a, *ga, a, &around);
    CHECK(hb.covered(1.0 + 1.0 / 32, 0.5));
    CHECK_FALSE(hb.covered(-1.0 / 32, 0.5));  // no west neighbour
    CHECK(far.covering(b, 2).second == b.parent().parent());
}
