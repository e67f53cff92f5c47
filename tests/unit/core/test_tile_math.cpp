#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "core/height_codec.h"
#include "core/height_grid.h"
#include "core/tile_id.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;

TEST_CASE("lon/lat to tile at known places", "[tiles]") {
    // Qulong: x = (91.583+180)/360*4096 = 3090.01, y = 1695.15 (Mercator).
    const TileId q = lonLatToTile(91.583, 29.6, 12);
    CHECK(q == TileId{12, 3090, 1695});
    CHECK(tileBounds(q).contains(91.583, 29.6));
    // Everest at z10.
    CHECK(lonLatToTile(86.9250, 27.9881, 10) == TileId{10, 759, 429});
    CHECK(lonLatToTile(0.0, 0.0, 0) == TileId{0, 0, 0});
    CHECK(lonLatToTile(0.0, 0.0, 1) == TileId{1, 1, 1});
    CHECK(lonLatToTile(-0.0001, 0.0001, 1) == TileId{1, 0, 0});
    // Outside the Mercator range clamps to the edge tiles.
    CHECK(lonLatToTile(180.0, 89.0, 3) == TileId{3, 7, 0});
    CHECK(lonLatToTile(-180.0, -89.0, 3) == TileId{3, 0, 7});
    const LonLatBounds b = tileBounds({0, 0, 0});
    CHECK_THAT(b.north, WithinAbs(kMaxMercatorLatDeg, 1e-9));
    CHECK_THAT(b.south, WithinAbs(-kMaxMercatorLatDeg, 1e-9));
    CHECK_THAT(b.west, WithinAbs(-180, 1e-12));
    CHECK_THAT(b.east, WithinAbs(180, 1e-12));
}

TEST_CASE("parent, children and ancestry are consistent", "[tiles]") {
    const TileId t{12, 3090, 1695};
    const auto kids = t.children();
    std::set<TileId> unique(kids.begin(), kids.end());
    CHECK(unique.size() == 4);
    const LonLatBounds pb = tileBounds(t);
    for (const TileId& c : kids) {
        CHECK(c.valid());
        CHECK(c.parent() == t);
        CHECK(isAncestor(t, c));
        CHECK(!isAncestor(c, t));
        const LonLatBounds cb = tileBounds(c);
        CHECK(cb.west >= pb.west - 1e-12);
        CHECK(cb.east <= pb.east + 1e-12);
        CHECK(cb.south >= pb.south - 1e-12);
        CHECK(cb.north <= pb.north + 1e-12);
    }
    // Children order: NW, NE, SW, SE.
    CHECK(tileBounds(kids[0]).north == Approx(pb.north));
    CHECK(tileBounds(kids[1]).east == Approx(pb.east));
    CHECK(tileBounds(kids[2]).west == Approx(pb.west));
    CHECK(tileBounds(kids[3]).south == Approx(pb.south));
    CHECK(isAncestor({0, 0, 0}, t));
    CHECK(isAncestor({10, 772, 423}, t));
    CHECK(!isAncestor({10, 773, 423}, t));
    CHECK(!isAncestor(t, t));
    CHECK(TileId{0, 0, 0}.parent() == TileId{0, 0, 0});
    CHECK(!TileId{2, 4, 0}.valid());
    CHECK(!TileId{-1, 0, 0}.valid());
    CHECK(t.str() == "12/3090/1695");
}

TEST_CASE("tile UV round trip", "[tiles]") {
    const TileId t{7, 100, 50};
    for (double u : {0.0, 0.25, 0.5, 1.0}) {
        for (double v : {0.0, 0.3, 1.0}) {
            double lon = 0, lat = 0, u2 = 0, v2 = 0;
            tileUVToLonLat(t, u, v, lon, lat);
            lonLatToTileUV(t, lon, lat, u2, v2);
            CHECK_THAT(u2, WithinAbs(u, 1e-9));
            CHECK_THAT(v2, WithinAbs(v, 1e-9));
        }
    }
    CHECK_THAT(mercatorYToLat(latToMercatorY(29.6)), WithinAbs(29.6, 1e-12));
    CHECK_THAT(latToMercatorY(0.0), WithinAbs(0.5, 1e-15));
}

TEST_CASE("Terrarium and Mapbox decoding of known pixels", "[codec]") {
    CHECK(decodeHeight(128, 0, 0, HeightEncoding::Terrarium) == 0.0);
    CHECK(decodeHeight(127, 255, 128, HeightEncoding::Terrarium) == -0.5);
    CHECK(decodeHeight(128, 1, 0, HeightEncoding::Terrarium) == 1.0);
    CHECK(decodeHeight(162, 144, 0, HeightEncoding::Terrarium) == 8848.0);  // (162-128)*256+144
    CHECK(decodeHeight(126, 78, 0, HeightEncoding::Terrarium) == -434.0);   // Dead Sea shore
    CHECK_THAT(decodeHeight(1, 134, 160, HeightEncoding::Mapbox), WithinAbs(0.0, 1e-9));
    CHECK_THAT(decodeHeight(0, 0, 0, HeightEncoding::Mapbox), WithinAbs(-10000.0, 1e-9));
    CHECK_THAT(decodeHeight(1, 134, 161, HeightEncoding::Mapbox), WithinAbs(0.1, 1e-9));
    CHECK_THAT(decodeHeight(1, 117, 172, HeightEncoding::Mapbox), WithinAbs(-434.0, 1e-6));  // 95660 * 0.1 - 10000
}

TEST_CASE("height encode/decode round trip", "[codec]") {
    for (double h : {-10000.0, -434.0, -0.5, 0.0, 0.25, 1234.75, 4500.0, 8848.0}) {
        const auto t = encodeHeight(h, HeightEncoding::Terrarium);
        CHECK_THAT(decodeHeight(t[0], t[1], t[2], HeightEncoding::Terrarium), WithinAbs(h, 1.0 / 512));
        const auto m = encodeHeight(h, HeightEncoding::Mapbox);
        CHECK_THAT(decodeHeight(m[0], m[1], m[2], HeightEncoding::Mapbox), WithinAbs(h, 0.05 + 1e-9));
    }
    CHECK(parseHeightEncoding("terrarium") == HeightEncoding::Terrarium);
    CHECK(parseHeightEncoding("Mapbox") == HeightEncoding::Mapbox);
    CHECK(!parseHeightEncoding("png"));
}

namespace {
// Heights on a plane in the global Mercator pixel frame of level z: upsampling must reproduce it.
HeightGrid planeGrid(const TileId& t, int size) {
    HeightGrid g;
    g.width = g.height = size;
    g.samples.resize(std::size_t(size * size));
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i) {
            const double gx = (t.x + (i + 0.5) / size) / std::ldexp(1.0, t.z);
            const double gy = (t.y + (j + 0.5) / size) / std::ldexp(1.0, t.z);
            g.samples[std::size_t(j * size + i)] = float(1000.0 * gx * 8 + 3000.0 * gy * 8);
        }
    return g;
}
}  // namespace

TEST_CASE("height grid bilinear sampling", "[heightgrid]") {
    HeightGrid g;
    g.width = 4;
    g.height = 2;
    g.samples = {0, 10, 20, 30, 100, 110, 120, 130};
    CHECK(g.at(2, 1) == 120);
    CHECK(g.sample(0.5 / 4, 0.5 / 2) == 0.0f);          // first pixel centre
    CHECK(g.sample(3.5 / 4, 1.5 / 2) == 130.0f);        // last pixel centre
    CHECK(g.sample(1.0 / 4, 0.5 / 2) == Approx(5.0f));  // halfway between two centres
    CHECK(g.sample(1.0 / 4, 0.5) == Approx(55.0f));     // bilinear between 4
    CHECK(g.sample(0.0, 0.0) == 0.0f);                  // clamped to the outer centres
    CHECK(g.sample(1.0, 1.0) == 130.0f);
    CHECK(g.sample(-3.0, 7.0) == 100.0f);
    float lo = 0, hi = 0;
    g.minMax(lo, hi);
    CHECK(lo == 0.0f);
    CHECK(hi == 130.0f);
}

TEST_CASE("decodeHeightPixels with 3 and 4 channels", "[heightgrid]") {
    const std::uint8_t rgba[] = {128, 0, 0, 255, 127, 255, 128, 255, 128, 1, 0, 255, 162, 144, 0, 255};
    const HeightGrid g = decodeHeightPixels(rgba, 2, 2, 4, HeightEncoding::Terrarium);
    REQUIRE(g.width == 2);
    REQUIRE(g.samples.size() == 4);
    CHECK(g.at(0, 0) == 0.0f);
    CHECK(g.at(1, 0) == -0.5f);
    CHECK(g.at(0, 1) == 1.0f);
    CHECK(g.at(1, 1) == 8848.0f);
    const std::uint8_t rgb[] = {1, 134, 160, 1, 134, 170};
    const HeightGrid m = decodeHeightPixels(rgb, 2, 1, 3, HeightEncoding::Mapbox);
    CHECK(m.at(0, 0) == Approx(0.0f).margin(1e-3));
    CHECK(m.at(1, 0) == Approx(1.0f).margin(1e-3));
    CHECK(decodeHeightPixels(rgb, 2, 1, 2, HeightEncoding::Mapbox).empty());
}

TEST_CASE("a grid window reads the right sub-rectangle of an ancestor at any depth", "[heightgrid]") {
    const TileId anc{2, 1, 1};
    const HeightGrid ag = planeGrid(anc, 64);
    for (const TileId& desc : {TileId{3, 2, 2}, TileId{3, 3, 3}, TileId{5, 11, 12}, TileId{9, 200, 190}}) {
        REQUIRE(isAncestor(anc, desc));
        const GridWindow w = gridWindow(ag, anc, desc);
        const HeightGrid expect = planeGrid(desc, 64);
        // Away from the ancestor's outer half pixel (where sampling clamps), a plane stays exact.
        const int d = desc.z - anc.z;
        for (int j = 0; j < 64; ++j) {
            for (int i = 0; i < 64; ++i) {
                const double au = ((desc.x - (anc.x << d)) + (i + 0.5) / 64) / (1 << d);
                const double av = ((desc.y - (anc.y << d)) + (j + 0.5) / 64) / (1 << d);
                if (au * 64 < 0.5 || au * 64 > 63.5 || av * 64 < 0.5 || av * 64 > 63.5) continue;
                INFO(desc.str() << " " << i << "," << j);
                REQUIRE(w.sample((i + 0.5) / 64, (j + 0.5) / 64) == Approx(expect.at(i, j)).margin(0.05));
            }
        }
        // Its range covers what it interpolates and not much more: on a plane, the ancestor's
        // range in proportion to the window's width plus a sample each side.
        float lo = 0, hi = 0, alo = 0, ahi = 0;
        w.minMax(lo, hi);
        ag.minMax(alo, ahi);
        for (int j = 0; j <= 8; ++j)
            for (int i = 0; i <= 8; ++i) {
                const float h = w.sample(i / 8.0, j / 8.0);
                CHECK(h >= lo);
                CHECK(h <= hi);
            }
        CHECK(hi - lo <= (ahi - alo) * float(w.scale + 2.0 / 64) + 1.0f);
    }
    // Same tile: identity.
    const GridWindow same = gridWindow(ag, anc, anc);
    CHECK(same.ox == 0.0);
    CHECK(same.oy == 0.0);
    CHECK(same.scale == 1.0);
    float lo = 0, hi = 0, alo = 0, ahi = 0;
    same.minMax(lo, hi);
    ag.minMax(alo, ahi);
    CHECK(lo == alo);
    CHECK(hi == ahi);
}
