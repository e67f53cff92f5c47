#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <memory>

#include "core/geodesy.h"
#include "core/tile_heights.h"
#include "core/tile_mesh.h"
#include "core/tile_normals.h"
#include "core/tile_selection.h"
#include "terrain_shared.h"
#include "test_support.h"

using namespace plateau;

namespace {

HeightGrid gridFrom(int size, const std::function<float(double u, double v)>& f) {
    HeightGrid g;
    g.width = g.height = size;
    g.samples.resize(std::size_t(size * size));
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i) g.samples[std::size_t(j * size + i)] = f((i + 0.5) / size, (j + 0.5) / size);
    return g;
}

glm::dvec3 texel(const TileNormals& m, int i, int j) { return tileNormalAt(m, 0, i, j); }

const TileId kQulong{12, 3090, 1695};

// Metres per unit of tile u (east) and v (south) at the tile's centre.
void metresPerUV(const TileId& id, double& perU, double& perV) {
    double clon = 0, clat = 0;
    tileUVToLonLat(id, 0.5, 0.5, clon, clat);
    const double phi = clat * M_PI / 180, w = std::sqrt(1 - wgs84::e2 * std::sin(phi) * std::sin(phi));
    const double radiusN = wgs84::a / w, radiusM = wgs84::a * (1 - wgs84::e2) / (w * w * w);
    double lonA = 0, latA = 0, lonB = 0, latB = 0;
    tileUVToLonLat(id, 0.0, 0.49, lonA, latA);
    tileUVToLonLat(id, 1.0, 0.51, lonB, latB);
    perU = (lonB - lonA) * M_PI / 180 * radiusN * std::cos(phi);
    perV = (latA - latB) / 0.02 * M_PI / 180 * radiusM;
}

}  // namespace

TEST_CASE("normal components survive encoding within the square-root steps", "[normals]") {
    CHECK(encodeNormalComponent(0.0) == 0);
    CHECK(encodeNormalComponent(1.0) == 127);
    CHECK(encodeNormalComponent(-1.0) == -127);
    CHECK(encodeNormalComponent(5.0) == 127);  // clamped
    for (double c = -1.0; c <= 1.0; c += 0.001) {
        const double back = decodeNormalComponent(encodeNormalComponent(c));
        // Step of c is 2 * sqrt(|c|) / 127: finest near flat, where lighting is most sensitive.
        CHECK(std::abs(back - c) <= std::sqrt(std::abs(c)) / 127.0 + 1.0 / (2 * 127.0 * 127.0) + 1e-12);
    }
    CHECK(decodeNormalComponent(-128) == -1.0);
    // Near flat a step is far below the 0.45 degrees of a linear byte.
    CHECK(std::abs(decodeNormalComponent(1)) < 1e-4);
}

TEST_CASE("a plane's normal map is the ellipsoid normal everywhere", "[normals]") {
    const HeightGrid flat = gridFrom(256, [](double, double) { return 4000.0f; });
    const TileNormals m = buildTileNormals(kQulong, TileHeights(kQulong, flat, kQulong, nullptr), tileNormalSize());
    REQUIRE(m.size == PLATEAU_NORMAL_SIZE);
    REQUIRE(m.texels.size() == std::size_t(m.width * m.height * 2));
    for (const std::int8_t t : m.texels) REQUIRE(t == 0);
    CHECK(glm::length(texel(m, 0, 0) - glm::dvec3(0, 0, 1)) < 1e-12);
    // No heights at all: flat too.
    const TileNormals none = buildTileNormals(kQulong, TileHeights(kQulong, HeightGrid{}, kQulong, nullptr), 9);
    CHECK(none.texels == std::vector<std::int8_t>(std::size_t(none.width * none.height * 2), 0));
}

TEST_CASE("a known slope tilts the normals downhill by the slope's angle", "[normals]") {
    double perU = 0, perV = 0;
    metresPerUV(kQulong, perU, perV);
    // Rising 1000 m eastward across the tile and 500 m southward: 1 in 8.5 and 1 in 17.
    const HeightGrid g = gridFrom(256, [](double u, double v) { return float(4000 + 1000 * u + 500 * v); });
    const TileNormals m = buildTileNormals(kQulong, TileHeights(kQulong, g, kQulong, nullptr), tileNormalSize());
    const double sx = 1000.0 / perU, sy = 500.0 / perV;  // rise per metre east, per metre south
    const glm::dvec3 expect = glm::normalize(glm::dvec3(-sx, sy, 1));
    const int c = m.size / 2;
    const glm::dvec3 got = texel(m, c, c);
    INFO("expected " << expect.x << ", " << expect.y << ", got " << got.x << ", " << got.y);
    CHECK(got.x < 0);  // uphill east: the normal leans west
    CHECK(got.y > 0);  // uphill south: the normal leans north
    // Encoding steps at these components are about 0.005.
    CHECK(glm::length(got - expect) < 0.006);
    // Everywhere but the outer two texels (the grid holds its edge samples over the outer half
    // pixel when no neighbour is known).
    double worst = 0;
    for (int j = 2; j + 2 < m.size; ++j)
        for (int i = 2; i + 2 < m.size; ++i) worst = std::max(worst, glm::length(texel(m, i, j) - expect));
    CHECK(worst < 0.006);

    // Exaggeration steepens: the tangential part scales against the vertical part.
    const glm::dvec3 e3 = tileNormalAt(m, 0, c, c, 3.0);
    const glm::dvec3 expect3 = glm::normalize(glm::dvec3(-3 * sx, 3 * sy, 1));
    CHECK(glm::length(e3 - expect3) < 0.015);
}

TEST_CASE("normal maps of neighbours agree along their shared edge", "[normals][seams]") {
    // Relief defined everywhere, sampled into two tiles one above the other (north A, south B).
    const TileId a{10, 760, 420}, b{10, 760, 421};
    const auto relief = [](const TileId& t) {
        return std::make_shared<const HeightGrid>(gridFrom(256, [t](double u, double v) {
            double lon = 0, lat = 0;
            tileUVToLonLat(t, u, v, lon, lat);
            return float(4500.0 + 700.0 * std::sin(lon * 40.0) * std::cos(lat * 33.0) + 300.0 * std::sin(lon * 170.0 + lat * 90.0));
        }));
    };
    const auto ga = relief(a), gb = relief(b);
    const int n = tileNormalSize();
    // The two texels at each end of the edge measure across a corner, where TileHeights reads
    // no diagonal neighbour and each tile holds its own corner sample: they are left out.
    const auto worst = [&](const TileNormals& na, const TileNormals& nb) {
        double deg = 0;
        for (int i = 2; i + 2 < n; ++i) {
            const double c = glm::dot(texel(na, i, n - 1), texel(nb, i, 0));
            deg = std::max(deg, std::acos(std::min(1.0, c)) * 180.0 / M_PI);
        }
        return deg;
    };
    // Alone, each holds its own edge heights (a flat half pixel) and measures one-sided.
    const double alone = worst(buildTileNormals(a, TileHeights(a, *ga, a, nullptr), n),
                               buildTileNormals(b, TileHeights(b, *gb, b, nullptr), n));
    GridDirectory around;
    around.add(a, ga);
    around.add(b, gb);
    const TileNormals na = buildTileNormals(a, TileHeights(a, *ga, a, &around), n);
    const TileNormals nb = buildTileNormals(b, TileHeights(b, *gb, b, &around), n);
    const double together = worst(na, nb);
    INFO("edge normals differ by up to " << alone << " deg alone, " << together << " deg together");
    CHECK(alone > 1.0);
    // Together both read the same heights on both sides: the same bytes.
    const auto w = std::size_t(na.width);
    for (int i = 2; i + 2 < n; ++i) {
        INFO("texel " << i);
        const std::size_t ta = (std::size_t(n - 1) * w + std::size_t(i)) * 2, tb = std::size_t(i) * 2;
        CHECK(std::abs(na.texels[ta] - nb.texels[tb]) <= 1);
        CHECK(std::abs(na.texels[ta + 1] - nb.texels[tb + 1]) <= 1);
    }
    CHECK(together < 0.1);
    // The smaller levels' edges are filtered along the edge only: they agree too.
    for (int level = 1; level < normalLevels(n); ++level) {
        const int s = normalLevel(n, level).size;
        double deg = 0;
        for (int i = 1; i + 1 < s; ++i) {
            const double c = glm::dot(tileNormalAt(na, level, i, s - 1), tileNormalAt(nb, level, i, 0));
            deg = std::max(deg, std::acos(std::min(1.0, c)) * 180.0 / M_PI);
        }
        INFO("level " << level);
        CHECK(deg < 0.5);
    }
}

TEST_CASE("normal map levels sit side by side and average the level below", "[normals]") {
    CHECK(normalLevels(129) == PLATEAU_NORMAL_LEVELS);
    CHECK(normalAtlasWidth(129) == 194);
    CHECK(normalLevel(129, 1).x == 129);
    CHECK(normalLevel(129, 1).size == 65);
    CHECK(normalLevel(129, 2).y == 65);
    const NormalLevel last = normalLevel(129, normalLevels(129) - 1);
    CHECK(last.size == 5);
    CHECK(last.x + last.size <= 194);
    CHECK(normalLevel(129, 2).y + normalLevel(129, 2).size <= 129);
    // A plane keeps its slope at every level; bumps four texels wide fade in the smaller levels.
    double perU = 0, perV = 0;
    metresPerUV(kQulong, perU, perV);
    const HeightGrid g = gridFrom(256, [](double u, double) { return float(4000 + 1000 * u); });
    const TileNormals m = buildTileNormals(kQulong, TileHeights(kQulong, g, kQulong, nullptr), tileNormalSize());
    const glm::dvec3 expect = glm::normalize(glm::dvec3(-1000.0 / perU, 0, 1));
    for (int level = 0; level < normalLevels(m.size); ++level) {
        const int c = normalLevel(m.size, level).size / 2;
        INFO("level " << level);
        CHECK(glm::length(tileNormalAt(m, level, c, c) - expect) < 0.006);
    }
    const HeightGrid bumps = gridFrom(256, [](double u, double v) {
        return float(4000 + 100 * std::sin(u * 2 * M_PI * 32 + 0.3) * std::sin(v * 2 * M_PI * 32 + 0.3));
    });
    const TileNormals b = buildTileNormals(kQulong, TileHeights(kQulong, bumps, kQulong, nullptr), tileNormalSize());
    const auto tilt = [&](int level) {
        double worst = 0;
        const int s = normalLevel(b.size, level).size;
        for (int j = 1; j + 1 < s; ++j)
            for (int i = 1; i + 1 < s; ++i) worst = std::max(worst, 1.0 - tileNormalAt(b, level, i, j).z);
        return worst;
    };
    INFO("largest 1 - n.z at levels 0, 2, 4: " << tilt(0) << ", " << tilt(2) << ", " << tilt(4));
    CHECK(tilt(2) < 0.5 * tilt(0));
    CHECK(tilt(4) < 0.1 * tilt(0));
}

TEST_CASE("a mesh's geometric error is how far its triangles stray from the heights", "[normals][error]") {
    const int g = tileGridSize();
    // A plane is meshed exactly.
    const HeightGrid plane = gridFrom(256, [](double u, double v) { return float(4000 + 1000 * u + 500 * v); });
    // (Within a pixel's rise: the grid holds its edge samples over the outer half pixel.)
    CHECK(buildTileMesh(kQulong, plane, g, 50).geometricError < 1500.0f / 256);
    // A ridge along the middle of one cell's row, between vertex rows: the mesh misses it.
    const double cell = 1.0 / (g - 1);
    const double mid = 7.5 * cell;
    const HeightGrid ridge = gridFrom(256, [&](double, double v) {
        return float(4000 + 300 * std::max(0.0, 1.0 - std::abs(v - mid) / (0.5 * cell)));
    });
    const TileMesh m = buildTileMesh(kQulong, ridge, g, 50);
    INFO("error " << m.geometricError);
    CHECK(m.geometricError > 250.0f);
    CHECK(m.geometricError < 300.5f);
    // Finer meshes of the same ridge stray less.
    const TileHeights h(kQulong, ridge, kQulong, nullptr);
    CHECK(meshGeometricError(h, 2 * g - 1, 4) < 0.6 * meshGeometricError(h, g, 8));
}

TEST_CASE("selection refines a resident tile whose mesh strays further than its level's error", "[normals][selection]") {
    struct Rough : test::FakeAvailability {
        double error = 0;
        std::optional<double> meshError(const TileId&) const override { return error; }
    };
    Rough avail;
    const CameraPose pose{91.583, 29.6, 400000, 0, -90};
    SelectionParams p;
    const Camera cam = makeCamera(pose, 1280, 720);
    const Selection smooth = selectTiles(cam, p, avail);
    int zs = 0;
    for (const TileId& t : smooth.draw) zs = std::max(zs, t.z);
    // A measured error below the level's changes nothing; above it, tiles refine further.
    avail.error = 1.0;
    const Selection same = selectTiles(cam, p, avail);
    CHECK(same.draw == smooth.draw);
    avail.error = 4.0 * levelGeometricError(zs);
    const Selection rough = selectTiles(cam, p, avail);
    int zr = 0;
    for (const TileId& t : rough.draw) zr = std::max(zr, t.z);
    INFO("deepest level smooth " << zs << ", rough " << zr);
    CHECK(zr > zs);
    CHECK(rough.draw.size() > smooth.draw.size());
}
