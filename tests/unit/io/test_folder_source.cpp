#include <catch2/catch.hpp>

#include "io/atomic_file.h"
#include "io/folder_source.h"
#include "io/png_codec.h"
#include "io/tile_metadata.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

// A 256 x 256 tile whose height at pixel (i, j) is base + 3 i - 2 j metres.
double knownHeight(double base, int i, int j) { return base + 3.0 * i - 2.0 * j; }

void writeTile(const fs::path& root, const TileId& t, HeightEncoding enc, double base) {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    for (int j = 0; j < 256; ++j)
        for (int i = 0; i < 256; ++i) {
            const auto rgb = encodeHeight(knownHeight(base, i, j), enc);
            std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + (j * 256 + i) * 3);
        }
    const fs::path dir = root / std::to_string(t.z) / std::to_string(t.x);
    fs::create_directories(dir);
    auto png = encodePng(img, 1);
    REQUIRE(png.ok());
    REQUIRE(writeFileAtomic(dir / (std::to_string(t.y) + ".png"), *png).ok());
}

std::shared_ptr<TileSource> openOrFail(const fs::path& dir, HeightEncoding enc) {
    auto src = openFolderSource(dir, enc);
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

}  // namespace

TEST_CASE("Folder source without metadata scans zooms and loads known heights", "[folder]") {
    test::TempDir dir("folder");
    writeTile(dir.path(), {3, 5, 2}, HeightEncoding::Terrarium, 4000.0);
    writeTile(dir.path(), {4, 11, 5}, HeightEncoding::Terrarium, 100.0);
    writeTile(dir.path(), {5, 23, 12}, HeightEncoding::Terrarium, -200.0);
    fs::create_directories(dir.path() / "notes");  // ignored: not a zoom level
    fs::create_directories(dir.path() / "9" / "1");  // ignored: holds no tiles

    auto src = openOrFail(dir.path(), HeightEncoding::Terrarium);
    CHECK(src->minZoom() == 3);
    CHECK(src->maxZoom() == 5);
    CHECK(src->describe() == "folder " + dir.path().string());
    CHECK(src->hasTile({4, 11, 5}));
    CHECK_FALSE(src->hasTile({4, 11, 6}));
    CHECK_FALSE(src->hasTile({2, 1, 1}));  // outside the zoom range
    CHECK_FALSE(src->hasTile({4, 99, 5}));  // not a valid tile

    auto grid = src->load({3, 5, 2});
    REQUIRE(grid.ok());
    REQUIRE(grid->width == 256);
    REQUIRE(grid->height == 256);
    for (const auto& [i, j] : {std::pair{0, 0}, std::pair{255, 0}, std::pair{17, 200}, std::pair{255, 255}})
        CHECK(grid->at(i, j) == Approx(knownHeight(4000.0, i, j)).margin(1.0 / 256));
    auto low = src->load({5, 23, 12});
    REQUIRE(low.ok());
    CHECK(low->at(0, 0) == Approx(-200.0).margin(1.0 / 256));
}

TEST_CASE("Folder source errors name the folder or the tile file", "[folder]") {
    test::TempDir dir("folder-errors");
    SECTION("missing folder") {
        auto src = openFolderSource(dir.path() / "absent", HeightEncoding::Terrarium);
        REQUIRE_FALSE(src.ok());
        CHECK(src.error().message == (dir.path() / "absent").string() + ": tile folder not found");
    }
    SECTION("folder without tiles") {
        fs::create_directories(dir.path() / "3" / "1");
        auto src = openFolderSource(dir.path(), HeightEncoding::Terrarium);
        REQUIRE_FALSE(src.ok());
        CHECK(src.error().message == dir.path().string() + ": no {z}/{x}/{y}.png tiles");
    }
    SECTION("missing and corrupt tiles") {
        writeTile(dir.path(), {2, 1, 1}, HeightEncoding::Terrarium, 500.0);
        REQUIRE(writeFileAtomic(dir.path() / "2" / "1" / "2.png", std::string("garbage")).ok());
        auto src = openOrFail(dir.path(), HeightEncoding::Terrarium);
        auto missing = src->load({2, 1, 3});
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().message == (dir.path() / "2" / "1" / "3.png").string() + ": file not found");
        auto corrupt = src->load({2, 1, 2});
        REQUIRE_FALSE(corrupt.ok());
        CHECK(corrupt.error().message == (dir.path() / "2" / "1" / "2.png").string() + ": not a PNG file");
    }
}

TEST_CASE("Folder source detects the wrong height encoding", "[folder]") {
    test::TempDir dir("folder-encoding");
    SECTION("Mapbox tiles opened as Terrarium") {
        writeTile(dir.path(), {5, 23, 12}, HeightEncoding::Mapbox, 4500.0);
        auto src = openOrFail(dir.path(), HeightEncoding::Terrarium);
        auto r = src->load({5, 23, 12});
        REQUIRE_FALSE(r.ok());
        const std::string& msg = r.error().message;
        CHECK(msg.rfind((dir.path() / "5" / "23" / "12.png").string() + ": heights -", 0) == 0);
        CHECK(msg.find("look like the wrong encoding (terrarium); try mapbox") != std::string::npos);
        auto right = openOrFail(dir.path(), HeightEncoding::Mapbox)->load({5, 23, 12});
        REQUIRE(right.ok());
        CHECK(right->at(10, 10) == Approx(knownHeight(4500.0, 10, 10)).margin(0.1));
    }
    SECTION("Terrarium tiles opened as Mapbox") {
        writeTile(dir.path(), {5, 23, 12}, HeightEncoding::Terrarium, 0.0);
        auto r = openOrFail(dir.path(), HeightEncoding::Mapbox)->load({5, 23, 12});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("look like the wrong encoding (mapbox); try terrarium") != std::string::npos);
    }
    SECTION("deep ocean is still a valid tile") {
        writeTile(dir.path(), {5, 23, 12}, HeightEncoding::Terrarium, -9000.0);
        CHECK(openOrFail(dir.path(), HeightEncoding::Terrarium)->load({5, 23, 12}).ok());
    }
}

TEST_CASE("Folder source uses metadata.json for zoom range and coverage", "[folder]") {
    test::TempDir dir("folder-meta");
    TileSetMetadata meta;
    meta.minZoom = 0;
    meta.maxZoom = 10;
    // 87.890625 E is a z10 tile edge (x = 762).
    meta.extents = {{0, 4, {-180, -85.05, 180, 85.05}}, {5, 10, {87.890625, 28.5, 93.0, 30.5}}};
    REQUIRE(writeFileAtomic(dir.path() / "metadata.json", tileMetadataToJson(meta)).ok());
    writeTile(dir.path(), {0, 0, 0}, HeightEncoding::Terrarium, 0.0);

    auto src = openOrFail(dir.path(), HeightEncoding::Terrarium);
    CHECK(src->minZoom() == 0);
    CHECK(src->maxZoom() == 10);
    CHECK(src->hasTile({3, 0, 7}));                         // world extent at z0-4
    CHECK(src->hasTile(lonLatToTile(90.5, 29.5, 10)));      // inside the detailed extent
    CHECK_FALSE(src->hasTile(lonLatToTile(10.0, 45.0, 8))); // outside it
    CHECK_FALSE(src->hasTile(lonLatToTile(90.5, 29.5, 11))); // past maxzoom
    // A tile that only touches the extent's edge is not claimed.
    const int y = lonLatToTile(90.0, 29.5, 10).y;
    CHECK(tileBounds({10, 761, y}).east == 87.890625);
    CHECK_FALSE(src->hasTile({10, 761, y}));
    CHECK(src->hasTile({10, 762, y}));

    SECTION("format mismatch is an error at open") {
        auto r = openFolderSource(dir.path(), HeightEncoding::Mapbox);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("metadata.json: tiles are terrarium-encoded but mapbox was requested") !=
              std::string::npos);
    }
    SECTION("broken metadata is reported with the field") {
        REQUIRE(writeFileAtomic(dir.path() / "metadata.json", std::string(R"({"minzoom": 0, "maxzoom": "x"})")).ok());
        auto r = openFolderSource(dir.path(), HeightEncoding::Terrarium);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == (dir.path() / "metadata.json").string() + ": 'maxzoom' must be an integer 0..30");
        REQUIRE(writeFileAtomic(dir.path() / "metadata.json", std::string("{not json")).ok());
        auto r2 = openFolderSource(dir.path(), HeightEncoding::Terrarium);
        REQUIRE_FALSE(r2.ok());
        CHECK(r2.error().message.find("not a JSON object") != std::string::npos);
    }
}

TEST_CASE("Tile metadata round-trips and lists covered tiles", "[folder]") {
    TileSetMetadata meta;
    meta.encoding = HeightEncoding::Mapbox;
    meta.minZoom = 0;
    meta.maxZoom = 6;
    meta.extents = {{0, 2, {-180, -85.0511, 180, 85.0511}}, {3, 6, {80.0, 26.0, 100.0, 35.0}}};
    meta.generator = GeneratorInfo{"test", 3, 4000000000u};
    auto back = parseTileMetadata(tileMetadataToJson(meta), "m.json");
    REQUIRE(back.ok());
    CHECK(back->encoding == HeightEncoding::Mapbox);
    CHECK(back->maxZoom == 6);
    REQUIRE(back->extents.size() == 2);
    CHECK(back->extents[1].bounds.east == 100.0);
    REQUIRE(back->generator.has_value());
    CHECK(back->generator->seed == 4000000000u);

    const auto tiles = tilesCoveredBy(meta);
    int perZoom[7] = {};
    for (const TileId& t : tiles) {
        CHECK(meta.covers(t));
        ++perZoom[t.z];
    }
    CHECK(perZoom[0] == 1);
    CHECK(perZoom[2] == 16);
    // Brute force at z6: every covered tile is listed.
    int expected = 0;
    for (int x = 0; x < 64; ++x)
        for (int y = 0; y < 64; ++y) expected += meta.covers({6, x, y}) ? 1 : 0;
    CHECK(perZoom[6] == expected);
    CHECK(expected > 0);
}

TEST_CASE("Tile metadata: a generator name that is not a string is ignored, not thrown", "[folder]") {
    const auto meta = parseTileMetadata(R"({"minzoom": 0, "maxzoom": 1, "generator": {"name": 7}})", "metadata.json");
    INFO((meta ? std::string() : meta.error().message));
    REQUIRE(meta.ok());
    REQUIRE(meta->generator.has_value());
    CHECK(meta->generator->name.empty());
}
