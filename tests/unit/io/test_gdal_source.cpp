#include <catch2/catch.hpp>

#include <gdal.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "io/gdal_source.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kDem = fs::path(PLATEAU_SHARED_DATA) / "dem";

std::shared_ptr<GdalSource> openOrFail(const std::vector<fs::path>& files) {
    auto src = openGdalRasters(files);
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

HeightGrid loadOrFail(GdalSource& src, const TileId& t) {
    auto g = src.load(t);
    INFO(t.str() << ": " << (g.ok() ? std::string() : g.error().message));
    REQUIRE(g.ok());
    REQUIRE(g->width == 256);
    REQUIRE(g->height == 256);
    return std::move(*g);
}

// Height at a point, read from the tile of zoom z that holds it.
float heightAt(GdalSource& src, double lon, double lat, int z) {
    const TileId t = lonLatToTile(lon, lat, z);
    const HeightGrid g = loadOrFail(src, t);
    double u, v;
    lonLatToTileUV(t, lon, lat, u, v);
    return g.sample(u, v);
}

// Samples inside `inside` (shrunk by a pixel's worth) are above `floor`; outside they are 0.
void checkInside(const HeightGrid& g, const TileId& t, const LonLatBounds& inside, float floor) {
    const double eps = 0.002;
    int in = 0, out = 0;
    for (int j = 0; j < 256; ++j)
        for (int i = 0; i < 256; ++i) {
            double lon, lat;
            tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
            const float h = g.at(i, j);
            if (lon > inside.west + eps && lon < inside.east - eps && lat > inside.south + eps && lat < inside.north - eps) {
                in += h > floor;
                if (h <= floor) FAIL_CHECK(t.str() << " " << i << "," << j << ": " << h << " m inside the raster");
            } else if (lon < inside.west - eps || lon > inside.east + eps || lat < inside.south - eps ||
                       lat > inside.north + eps) {
                out += h == 0.0f;
                if (h != 0.0f) FAIL_CHECK(t.str() << " " << i << "," << j << ": " << h << " m outside the raster");
            }
        }
    CHECK(in > 0);
}

}  // namespace

TEST_CASE("GDAL source reads SRTM3 and picks its zoom range from the resolution", "[gdal]") {
    auto src = openOrFail({kDem / "srtm3/N27E086.hgt"});
    CHECK(src->minZoom() == 0);
    CHECK(src->maxZoom() == 11);  // 3" is 82 x 93 m here; z11 pixels are 68 m, z10 136 m
    CHECK(src->describe() == "GDAL " + (kDem / "srtm3/N27E086.hgt").string());
    CHECK(src->hasTile(lonLatToTile(86.925, 27.988, 11)));
    CHECK(src->hasTile({0, 0, 0}));
    CHECK_FALSE(src->hasTile(lonLatToTile(86.925, 27.988, 12)));  // deeper than the data
    CHECK_FALSE(src->hasTile(lonLatToTile(88.5, 27.5, 11)));      // next SRTM tile east
    const auto& r = src->rasters().at(0);
    CHECK(r.bounds.west == Approx(86.0).margin(0.001));
    CHECK(r.bounds.north == Approx(28.0).margin(0.001));

    // Everest: a z11 pixel-centre value is bilinear between 90 m posts, so a little below 8840.
    const TileId t = lonLatToTile(86.925, 27.988, 11);
    const HeightGrid g = loadOrFail(*src, t);
    float lo, hi;
    g.minMax(lo, hi);
    CHECK(hi <= 8840.0f);
    CHECK(hi > 8700.0f);
    // The summit is 1.3 km from the raster's north edge: the tile reaches beyond it, where
    // heights are 0 (outside), while inside they are the high Himalaya.
    checkInside(g, t, {86.0, 27.0, 87.0, 28.0}, 4000.0f);

    // Coarser tiles average: the z6 tile's values stay within the raster's range.
    const HeightGrid coarse = loadOrFail(*src, lonLatToTile(86.5, 27.5, 6));
    coarse.minMax(lo, hi);
    CHECK(lo >= 0.0f);
    CHECK(hi < 8840.0f);
    CHECK_FALSE(src->load(lonLatToTile(88.5, 27.5, 11)).ok());  // no data at all there
}

TEST_CASE("GDAL source fills SRTM voids and leaves the outside at sea level", "[gdal]") {
    // N27E088 holds 6 void pixels (-32768) near 88.04-88.06 E 27.69 N.
    auto src = openOrFail({kDem / "srtm3/N27E088.hgt"});
    for (const TileId& t : {lonLatToTile(88.06, 27.6895, 11), lonLatToTile(88.036, 27.6835, 11),
                            lonLatToTile(88.05, 27.69, 9)}) {
        const HeightGrid g = loadOrFail(*src, t);
        INFO(t.str());
        checkInside(g, t, {88.0, 27.0, 89.0, 28.0}, 100.0f);  // no -32768, no flat zero patch
        float lo, hi;
        g.minMax(lo, hi);
        CHECK(hi < 8600.0f);
    }
    // Around a void pixel the filled value lies between its neighbours' heights.
    const float h = heightAt(*src, 88.0604, 27.6896, 11);
    const float n1 = heightAt(*src, 88.0604, 27.6920, 11), n2 = heightAt(*src, 88.0604, 27.6870, 11);
    CHECK(h >= std::min(n1, n2) - 300.0f);
    CHECK(h <= std::max(n1, n2) + 300.0f);

    // A tile on the raster's east edge: beyond the edge is outside (0 m), not filled.
    const TileId edge = lonLatToTile(89.0, 27.5, 11);
    const HeightGrid g = loadOrFail(*src, edge);
    double u, v;
    lonLatToTileUV(edge, 89.02, 27.5, u, v);
    REQUIRE(u < 1.0);
    CHECK(g.at(int(u * 256), int(v * 256)) == 0.0f);
    lonLatToTileUV(edge, 88.98, 27.5, u, v);
    CHECK(g.at(int(u * 256), int(v * 256)) > 100.0f);
}

TEST_CASE("GDAL source reprojects a local Transverse Mercator DEM", "[gdal]") {
    auto src = openOrFail({kDem / "oggm/dem_chhota_shigri.tif"});
    CHECK(src->maxZoom() == 11);  // 94 m pixels
    const LonLatBounds b = src->rasters().at(0).bounds;
    CHECK(b.west == Approx(77.37).margin(0.02));
    CHECK(b.east == Approx(77.62).margin(0.02));
    CHECK(b.south == Approx(32.13).margin(0.02));
    CHECK(b.north == Approx(32.33).margin(0.02));
    float lo = 1e9f, hi = -1e9f;
    const TileId nw = lonLatToTile(b.west, b.north, 11), se = lonLatToTile(b.east, b.south, 11);
    for (int x = nw.x; x <= se.x; ++x)
        for (int y = nw.y; y <= se.y; ++y) {
            const TileId t{11, x, y};
            bool empty = false;
            auto g = src->loadOrFlat(t, empty);
            REQUIRE(g.ok());
            for (int j = 0; j < 256; ++j)
                for (int i = 0; i < 256; ++i) {
                    const float h = g->at(i, j);
                    if (h == 0.0f) continue;  // outside the footprint
                    double lon, lat;
                    tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
                    INFO(t.str() << " " << i << "," << j << " " << lon << "E " << lat << "N " << h << " m");
                    REQUIRE(lon > 77.36);
                    REQUIRE(lon < 77.63);
                    REQUIRE(lat > 32.12);
                    REQUIRE(lat < 32.34);
                    lo = std::min(lo, h);
                    hi = std::max(hi, h);
                }
        }
    CHECK(lo >= 3321.0f - 1.0f);
    CHECK(hi <= 6424.0f + 1.0f);
    CHECK(hi > 6000.0f);
}

TEST_CASE("GDAL source reads the 30-arc-second Himalaya raster around Qulong", "[gdal]") {
    auto src = openOrFail({kDem / "himalaya_srtm30_78-94E_24-31N.tif"});
    CHECK(src->maxZoom() == 8);  // ~0.8 km pixels; z8 pixels are 540 m
    for (int z : {7, 8}) {
        const float h = heightAt(*src, 91.58, 29.6, z);
        INFO("z" << z << " Qulong " << h << " m");
        CHECK(h > 3500.0f);
        CHECK(h < 6500.0f);
    }
    // Lhasa's valley floor (3,650 m) is much lower than the ranges around it.
    CHECK(heightAt(*src, 91.11, 29.65, 8) == Approx(3650.0f).margin(250.0f));
}

TEST_CASE("GDAL source loads the same tile identically from several threads", "[gdal]") {
    auto src = openOrFail({kDem / "srtm3/N27E086.hgt"});
    const TileId t = lonLatToTile(86.7, 27.7, 11);
    std::vector<HeightGrid> grids(3);
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < grids.size(); ++k)
        threads.emplace_back([&, k] {
            auto g = src->load(t);
            if (g) grids[k] = std::move(*g);
        });
    for (auto& th : threads) th.join();
    REQUIRE_FALSE(grids[0].empty());
    CHECK(grids[0].samples == grids[1].samples);
    CHECK(grids[0].samples == grids[2].samples);
}

TEST_CASE("GDAL source errors name the file and the problem", "[gdal]") {
    test::TempDir dir("gdal-errors");
    SECTION("missing file") {
        auto src = openGdalSource({dir.path() / "absent.tif"});
        REQUIRE_FALSE(src.ok());
        CHECK(src.error().message == (dir.path() / "absent.tif").string() + ": file not found");
    }
    SECTION("not a raster") {
        const fs::path f = dir.path() / "notes.tif";
        std::ofstream(f) << "not a raster at all\n";
        auto src = openGdalSource({f});
        REQUIRE_FALSE(src.ok());
        CHECK(src.error().message.rfind(f.string() + ": not a raster GDAL can read", 0) == 0);
    }
    SECTION("raster without georeference") {
        const fs::path f = dir.path() / "plain.tif";
        GDALAllRegister();
        GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), f.c_str(), 16, 16, 1, GDT_Int16, nullptr);
        REQUIRE(ds != nullptr);
        std::vector<std::int16_t> v(256, 1000);
        REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 16, 16, v.data(), 16, 16, GDT_Int16, 0, 0) ==
                CE_None);
        GDALClose(ds);
        auto src = openGdalSource({kDem / "srtm3/N27E086.hgt", f});
        REQUIRE_FALSE(src.ok());
        CHECK(src.error().message == f.string() + ": has no georeference (no CRS or geotransform)");
    }
    SECTION("no files") {
        auto src = openGdalSource({});
        REQUIRE_FALSE(src.ok());
        CHECK(src.error().message == "no raster files given");
    }
}
