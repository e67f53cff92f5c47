#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cmath>
#include <map>
#include <numbers>

#include "io/atomic_file.h"
#include "io/folder_source.h"
#include "io/mbtiles.h"
#include "io_test_helpers.h"
#include "tiles/tile_builder.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kDem = fs::path(PLATEAU_SHARED_DATA) / "dem";

TileBuildReport buildOrFail(const TileBuildOptions& o) {
    auto r = buildTiles(o);
    INFO((r.ok() ? std::string() : r.error().message));
    REQUIRE(r.ok());
    return *r;
}

// Every file under a folder (relative path -> bytes).
std::map<std::string, std::vector<std::uint8_t>> filesUnder(const fs::path& root) {
    std::map<std::string, std::vector<std::uint8_t>> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = *readFileBytes(e.path());
    return files;
}

ino_t inode(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_ino;
}

std::vector<TileId> tilesOfZoom(const fs::path& root, int z) {
    std::vector<TileId> out;
    for (const auto& e : fs::recursive_directory_iterator(root / std::to_string(z)))
        if (e.path().extension() == ".png")
            out.push_back({z, std::stoi(e.path().parent_path().filename().string()), std::stoi(e.path().stem().string())});
    return out;
}

double groundMetres(double lon1, double lat1, double lon2, double lat2) {
    const double k = std::numbers::pi / 180.0, r = 6371000.0;
    const double x = (lon2 - lon1) * k * std::cos((lat1 + lat2) / 2 * k), y = (lat2 - lat1) * k;
    return r * std::hypot(x, y);
}

}  // namespace

TEST_CASE("Tiles from SRTM3 put Everest's summit where and as high as it is", "[tile-builder][everest]") {
    test::TempDir dir("tiles-everest");
    TileBuildOptions o;
    o.rasters = {kDem / "srtm3/N27E086.hgt"};
    o.out = dir.path() / "everest";
    o.minZoom = 8;  // z8..z11, the whole 1 x 1 degree tile
    const TileBuildReport r = buildOrFail(o);
    CHECK(r.maxZoom == 11);
    CHECK(r.written == r.total);

    auto src = openFolderSource(o.out, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    CHECK((*src)->maxZoom() == 11);
    float best = -1e9f;
    double bestLon = 0, bestLat = 0;
    for (const TileId& t : tilesOfZoom(o.out, 11)) {
        auto g = (*src)->load(t);
        REQUIRE(g.ok());
        for (int j = 0; j < 256; ++j)
            for (int i = 0; i < 256; ++i)
                if (g->at(i, j) > best) {
                    best = g->at(i, j);
                    tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, bestLon, bestLat);
                }
    }
    // z11 pixels are 68 m here: the highest pixel centre is within about one pixel of the summit
    // post. Its value is interpolated between 90 m posts around the summit, so it can be tens of
    // metres below 8840 (a z11 tile's geometric error is of that order); never above it.
    INFO("highest sample " << best << " m at " << bestLat << "N " << bestLon << "E");
    CHECK(groundMetres(bestLon, bestLat, 86.925, 27.9883) < 100.0);
    CHECK(best <= 8840.0f);
    CHECK(best > 8840.0f - 150.0f);
}

TEST_CASE("A resumed build writes only the missing tiles, with the same bytes", "[tile-builder]") {
    test::TempDir dir("tiles-resume");
    TileBuildOptions o;
    o.rasters = {kDem / "srtm3/N27E086.hgt"};
    o.out = dir.path() / "t";
    o.minZoom = 6;
    o.bounds = LonLatBounds{86.8, 27.85, 87.0, 28.0};
    const TileBuildReport first = buildOrFail(o);
    const auto before = filesUnder(o.out);
    std::map<std::string, ino_t> inodes;
    for (const auto& [name, bytes] : before) inodes[name] = inode(o.out / name);

    // One tile of the max zoom, one in the middle and one near the top (parents of stored tiles).
    std::vector<std::string> removed;
    for (const char* prefix : {"11/", "10/", "8/"})
        for (const auto& [name, bytes] : before)
            if (name.rfind(prefix, 0) == 0) {
                removed.push_back(name);
                break;
            }
    REQUIRE(removed.size() == 3);
    for (const auto& f : removed) REQUIRE(fs::remove(o.out / f));
    const TileBuildReport second = buildOrFail(o);
    CHECK(second.total == first.total);
    CHECK(second.written == removed.size());
    CHECK(second.skipped == first.total - removed.size());
    CHECK(filesUnder(o.out) == before);
    for (const auto& [name, ino] : inodes) {
        const bool rewritten = std::find(removed.begin(), removed.end(), name) != removed.end() || name == "metadata.json";
        if (!rewritten) CHECK(inode(o.out / name) == ino);
    }
}

TEST_CASE("Three shards and --finish make exactly the tiles of a single run", "[tile-builder]") {
    test::TempDir dir("tiles-shards");
    TileBuildOptions o;
    o.rasters = {kDem / "srtm3/N27E088.hgt"};  // with voids
    o.minZoom = 5;
    o.bounds = LonLatBounds{88.0, 27.5, 88.4, 27.8};
    o.shardLevelTiles = 4;  // z10 (4 tiles) becomes the shard level even for this small area
    o.out = dir.path() / "single";
    o.threads = 2;
    const TileBuildReport single = buildOrFail(o);
    CHECK(single.shardLevel < single.maxZoom);

    o.out = dir.path() / "sharded";
    o.threads = 1;
    std::size_t total = 0;
    for (int i = 1; i <= 3; ++i) {
        o.shardIndex = i;
        o.shardCount = 3;
        total += buildOrFail(o).written;
        CHECK_FALSE(fs::exists(o.out / "metadata.json"));
    }
    o.shardIndex = o.shardCount = 0;
    o.finish = true;
    total += buildOrFail(o).written;
    CHECK(total == single.total);
    const auto a = filesUnder(dir.path() / "single"), b = filesUnder(dir.path() / "sharded");
    CHECK(a.size() == single.total + 1);
    CHECK(a == b);

    SECTION("--finish refuses incomplete shard output") {
        const auto tile = std::find_if(a.begin(), a.end(), [](const auto& f) { return f.first.rfind("11/", 0) == 0; });
        REQUIRE(tile != a.end());
        const fs::path victim = dir.path() / "sharded" / tile->first;  // a max-zoom tile
        REQUIRE(fs::remove(victim));
        auto r = buildTiles(o);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("missing") != std::string::npos);
    }
}

TEST_CASE("Mapbox output decodes to the Terrarium heights", "[tile-builder]") {
    test::TempDir dir("tiles-mapbox");
    TileBuildOptions o;
    o.rasters = {kDem / "srtm3/N27E086.hgt"};
    o.minZoom = 9;
    o.bounds = LonLatBounds{86.85, 27.9, 87.0, 28.0};
    o.out = dir.path() / "terrarium";
    buildOrFail(o);
    o.out = dir.path() / "mapbox";
    o.encoding = HeightEncoding::Mapbox;
    buildOrFail(o);
    auto t = openFolderSource(dir.path() / "terrarium", HeightEncoding::Terrarium);
    auto m = openFolderSource(dir.path() / "mapbox", HeightEncoding::Mapbox);
    REQUIRE(t.ok());
    REQUIRE(m.ok());
    for (int z = 9; z <= 11; ++z)
        for (const TileId& id : tilesOfZoom(dir.path() / "terrarium", z)) {
            auto a = (*t)->load(id);
            auto b = (*m)->load(id);
            REQUIRE(a.ok());
            REQUIRE(b.ok());
            float worst = 0;
            for (std::size_t k = 0; k < a->samples.size(); ++k)
                worst = std::max(worst, std::abs(a->samples[k] - b->samples[k]));
            INFO(id.str());
            CHECK(worst <= 0.1f);
        }
}

TEST_CASE("Tiles from the 1 km Himalaya raster and a Transverse Mercator DEM", "[tile-builder]") {
    test::TempDir dir("tiles-other");
    SECTION("SRTM30 around Qulong, z7-8") {
        TileBuildOptions o;
        o.rasters = {kDem / "himalaya_srtm30_78-94E_24-31N.tif"};
        o.out = dir.path() / "qulong";
        o.minZoom = 7;
        o.bounds = LonLatBounds{91.4, 29.4, 91.8, 29.8};
        const TileBuildReport r = buildOrFail(o);
        CHECK(r.maxZoom == 8);
        auto src = openFolderSource(o.out, HeightEncoding::Terrarium);
        REQUIRE(src.ok());
        for (int z : {7, 8}) {
            const TileId id = lonLatToTile(91.58, 29.6, z);
            auto g = (*src)->load(id);
            REQUIRE(g.ok());
            double u, v;
            lonLatToTileUV(id, 91.58, 29.6, u, v);
            const float h = g->sample(u, v);
            INFO("z" << z << " Qulong " << h << " m");
            CHECK(h > 3500.0f);
            CHECK(h < 6500.0f);
        }
    }
    SECTION("Chhota Shigri (local TM) lands at 77.37-77.62 E, 32.13-32.33 N") {
        TileBuildOptions o;
        o.rasters = {kDem / "oggm/dem_chhota_shigri.tif"};
        o.out = dir.path() / "shigri";
        o.minZoom = 10;
        buildOrFail(o);
        auto src = openFolderSource(o.out, HeightEncoding::Terrarium);
        REQUIRE(src.ok());
        float hi = 0;
        for (const TileId& id : tilesOfZoom(o.out, 11)) {
            auto g = (*src)->load(id);
            REQUIRE(g.ok());
            for (int j = 0; j < 256; ++j)
                for (int i = 0; i < 256; ++i) {
                    if (g->at(i, j) < 3000.0f) continue;
                    double lon, lat;
                    tileUVToLonLat(id, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
                    REQUIRE(lon > 77.36);
                    REQUIRE(lon < 77.63);
                    REQUIRE(lat > 32.12);
                    REQUIRE(lat < 32.34);
                    hi = std::max(hi, g->at(i, j));
                }
        }
        CHECK(hi > 6000.0f);
        CHECK(hi <= 6425.0f);
    }
}

TEST_CASE("MBTiles output holds the same tiles as a folder, sharded or not", "[tile-builder]") {
    test::TempDir dir("tiles-mbtiles");
    TileBuildOptions o;
    o.rasters = {kDem / "srtm3/N27E086.hgt"};
    o.minZoom = 8;
    o.bounds = LonLatBounds{86.85, 27.9, 87.0, 28.0};
    o.shardLevelTiles = 4;
    o.out = dir.path() / "folder";
    const TileBuildReport r = buildOrFail(o);
    o.out = dir.path() / "single.mbtiles";
    buildOrFail(o);
    o.out = dir.path() / "sharded.mbtiles";
    for (int i = 1; i <= 2; ++i) {
        o.shardIndex = i;
        o.shardCount = 2;
        buildOrFail(o);
    }
    o.shardIndex = o.shardCount = 0;
    o.finish = true;
    buildOrFail(o);
    CHECK_FALSE(fs::exists(mbtilesShardPath(o.out, 1, 2)));

    auto folder = openFolderSource(dir.path() / "folder", HeightEncoding::Terrarium);
    REQUIRE(folder.ok());
    std::size_t compared = 0;
    for (const char* name : {"single.mbtiles", "sharded.mbtiles"}) {
        auto mb = openMbtilesSource(dir.path() / name, HeightEncoding::Terrarium);
        INFO(name << ": " << (mb.ok() ? std::string() : mb.error().message));
        REQUIRE(mb.ok());
        for (int z = r.minZoom; z <= r.maxZoom; ++z)
            for (const TileId& id : tilesOfZoom(dir.path() / "folder", z)) {
                auto a = (*folder)->load(id);
                auto b = (*mb)->load(id);
                INFO(id.str());
                REQUIRE(a.ok());
                REQUIRE(b.ok());
                CHECK(a->samples == b->samples);
                ++compared;
            }
    }
    CHECK(compared == 2 * r.total);
}

TEST_CASE("Tile builder errors name the file or option", "[tile-builder]") {
    test::TempDir dir("tiles-errors");
    TileBuildOptions o;
    o.out = dir.path() / "out";
    o.rasters = {dir.path() / "absent.hgt"};
    auto r = buildTiles(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == (dir.path() / "absent.hgt").string() + ": file not found");

    o.rasters = {kDem / "srtm3/N27E086.hgt"};
    o.shardIndex = 4;
    o.shardCount = 3;
    r = buildTiles(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "--shard 4/3: expected I/N with 1 <= I <= N");

    o.shardIndex = o.shardCount = 0;
    o.bounds = LonLatBounds{10, 10, 11, 11};
    r = buildTiles(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "no tiles: the bounds do not meet any raster");
}
