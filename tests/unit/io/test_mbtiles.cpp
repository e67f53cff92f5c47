#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <random>
#include <thread>

#include "io/atomic_file.h"
#include "io/mbtiles.h"
#include "io/png_codec.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

double knownHeight(double base, int i, int j) { return base + 3.0 * i - 2.0 * j; }

// PNG of a 256 x 256 tile with height base + 3 i - 2 j, plus optional noise (to make files big).
std::vector<std::uint8_t> tilePng(double base, HeightEncoding enc = HeightEncoding::Terrarium, unsigned noiseSeed = 0) {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    std::mt19937 rng(noiseSeed);
    for (int j = 0; j < 256; ++j)
        for (int i = 0; i < 256; ++i) {
            const double noise = noiseSeed ? double(rng() % 1000) : 0.0;
            const auto rgb = encodeHeight(knownHeight(base, i, j) + noise, enc);
            std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + (j * 256 + i) * 3);
        }
    auto png = encodePng(img, 1);
    REQUIRE(png.ok());
    return *png;
}

void checkHeights(const HeightGrid& g, double base) {
    REQUIRE(g.width == 256);
    REQUIRE(g.height == 256);
    for (int j = 0; j < 256; j += 17)
        for (int i = 0; i < 256; i += 13) REQUIRE(g.at(i, j) == Approx(knownHeight(base, i, j)).margin(0.01));
}

std::unique_ptr<TileSink> sinkOrFail(const fs::path& file) {
    auto sink = openMbtilesSink(file);
    INFO((sink.ok() ? std::string() : sink.error().message));
    REQUIRE(sink.ok());
    return std::move(*sink);
}

std::shared_ptr<TileSource> sourceOrFail(const fs::path& file, HeightEncoding enc = HeightEncoding::Terrarium) {
    auto src = openMbtilesSource(file, enc);
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

// tile_row stored for (z, x) in the file, or -1.
int storedRow(const fs::path& file, int z, int x) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT tile_row FROM tiles WHERE zoom_level=? AND tile_column=?", -1, &s, nullptr) ==
            SQLITE_OK);
    sqlite3_bind_int(s, 1, z);
    sqlite3_bind_int(s, 2, x);
    const int row = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return row;
}

}  // namespace

TEST_CASE("MBTiles round trip: sink then source, TMS rows, tile list without bounds", "[mbtiles]") {
    test::TempDir dir("mbtiles");
    const fs::path file = dir.path() / "terrain.mbtiles";
    {
        auto sink = sinkOrFail(file);
        CHECK(sink->describe() == "MBTiles " + file.string());
        REQUIRE(sink->put({2, 1, 0}, tilePng(1000.0)).ok());  // top row: TMS row 3
        REQUIRE(sink->put({3, 5, 2}, tilePng(4000.0)).ok());
        REQUIRE(sink->put({4, 11, 5}, tilePng(-200.0)).ok());
        REQUIRE(sink->put({4, 11, 5}, tilePng(100.0)).ok());  // replaces the previous copy
        CHECK(sink->has({4, 11, 5}));
        CHECK_FALSE(sink->has({4, 11, 6}));
        CHECK(fs::exists(file.string() + ".partial"));
        CHECK_FALSE(fs::exists(file));
        // No bounds: the source lists the tiles at open.
        REQUIRE(sink->finish(R"({"format":"terrarium","minzoom":2,"maxzoom":4})").ok());
        CHECK_FALSE(sink->put({2, 0, 0}, tilePng(0.0)).ok());  // finished
    }
    CHECK(fs::exists(file));
    CHECK_FALSE(fs::exists(file.string() + ".partial"));
    CHECK(storedRow(file, 2, 1) == 3);  // tile_row = 2^z - 1 - y

    auto src = sourceOrFail(file);
    CHECK(src->describe() == "MBTiles " + file.string());
    CHECK(src->minZoom() == 2);
    CHECK(src->maxZoom() == 4);
    CHECK(src->hasTile({2, 1, 0}));
    CHECK_FALSE(src->hasTile({2, 1, 3}));  // the TMS mirror of the stored tile
    CHECK(src->hasTile({4, 11, 5}));
    CHECK_FALSE(src->hasTile({4, 11, 6}));
    CHECK_FALSE(src->hasTile({5, 0, 0}));

    auto top = src->load({2, 1, 0});
    REQUIRE(top.ok());
    checkHeights(*top, 1000.0);
    auto replaced = src->load({4, 11, 5});
    REQUIRE(replaced.ok());
    checkHeights(*replaced, 100.0);
    auto missing = src->load({2, 1, 3});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == file.string() + ": tile 2/1/3 not found");
}

TEST_CASE("MBTiles bounds and zoom range in the metadata drive hasTile", "[mbtiles]") {
    test::TempDir dir("mbtiles");
    const fs::path file = dir.path() / "everest.mbtiles";
    const TileId inside = lonLatToTile(86.925, 27.988, 10);
    {
        auto sink = sinkOrFail(file);
        REQUIRE(sink->put(inside, tilePng(5000.0, HeightEncoding::Mapbox)).ok());
        REQUIRE(sink->finish(R"({"format":"mapbox","minzoom":8,"maxzoom":12,"bounds":[86.5,27.5,87.5,28.5],"name":"Everest"})")
                    .ok());
    }
    auto src = sourceOrFail(file, HeightEncoding::Mapbox);
    CHECK(src->minZoom() == 8);
    CHECK(src->maxZoom() == 12);
    CHECK(src->hasTile(inside));
    CHECK(src->hasTile(lonLatToTile(87.4, 28.4, 12)));  // claimed by bounds though not stored
    CHECK_FALSE(src->hasTile(lonLatToTile(90.0, 28.0, 10)));
    CHECK_FALSE(src->hasTile(lonLatToTile(86.925, 27.988, 13)));
    auto grid = src->load(inside);
    REQUIRE(grid.ok());
    checkHeights(*grid, 5000.0);
    CHECK_FALSE(src->load(lonLatToTile(87.4, 28.4, 12)).ok());
}

TEST_CASE("MBTiles sink resumes from its partial file", "[mbtiles]") {
    test::TempDir dir("mbtiles");
    const fs::path file = dir.path() / "resume.mbtiles";
    {
        auto sink = sinkOrFail(file);
        for (int x = 0; x < 8; ++x) REQUIRE(sink->put({3, x, 1}, tilePng(100.0 * x)).ok());
    }  // dropped without finish: an interrupted build
    CHECK_FALSE(fs::exists(file));
    REQUIRE(fs::exists(file.string() + ".partial"));
    auto sink = sinkOrFail(file);
    for (int x = 0; x < 8; ++x) CHECK(sink->has({3, x, 1}));
    CHECK_FALSE(sink->has({3, 0, 2}));
    REQUIRE(sink->put({3, 0, 2}, tilePng(7.0)).ok());
    REQUIRE(sink->finish(R"({"format":"terrarium"})").ok());
    auto src = sourceOrFail(file);
    CHECK(src->minZoom() == 3);
    CHECK(src->maxZoom() == 3);
    auto g = src->load({3, 6, 1});
    REQUIRE(g.ok());
    checkHeights(*g, 600.0);

    auto bad = sinkOrFail(dir.path() / "bad.mbtiles");
    CHECK_FALSE(bad->finish(R"({"format":"png"})").ok());
    CHECK_FALSE(bad->finish("not json").ok());
}

TEST_CASE("MBTiles errors: missing, not SQLite, truncated, wrong encoding", "[mbtiles]") {
    test::TempDir dir("mbtiles");
    const fs::path missing = dir.path() / "nope.mbtiles";
    auto r = openMbtilesSource(missing, HeightEncoding::Terrarium);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == missing.string() + ": file not found");

    const fs::path text = dir.path() / "text.mbtiles";
    REQUIRE(writeFileAtomic(text, std::string(5000, 'x')).ok());
    r = openMbtilesSource(text, HeightEncoding::Terrarium);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.rfind(text.string() + ": not a valid MBTiles file (", 0) == 0);
    CHECK(r.error().message.find('\n') == std::string::npos);

    const fs::path empty = dir.path() / "empty.mbtiles";
    REQUIRE(writeFileAtomic(empty, std::string()).ok());
    r = openMbtilesSource(empty, HeightEncoding::Terrarium);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.rfind(empty.string() + ": not a valid MBTiles file (", 0) == 0);

    // Mapbox tiles opened as Terrarium: refused at open, naming both encodings.
    const fs::path mapbox = dir.path() / "mapbox.mbtiles";
    {
        auto sink = sinkOrFail(mapbox);
        REQUIRE(sink->put({1, 0, 0}, tilePng(300.0, HeightEncoding::Mapbox)).ok());
        REQUIRE(sink->finish(R"({"format":"mapbox","minzoom":1,"maxzoom":1})").ok());
    }
    r = openMbtilesSource(mapbox, HeightEncoding::Terrarium);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == mapbox.string() + ": tiles are mapbox-encoded but terrarium was requested");

    // A file cut in half (an interrupted copy): an error at open or per tile, never a crash. With
    // bounds in the metadata the tile table is not read at open, so the damage shows per tile.
    for (const char* meta : {R"({"format":"terrarium"})", R"({"format":"terrarium","minzoom":4,"maxzoom":4,"bounds":[-180,-85,180,85]})"}) {
        const fs::path full = dir.path() / "full.mbtiles";
        {
            auto sink = sinkOrFail(full);
            for (int x = 0; x < 16; ++x)
                for (int y = 0; y < 4; ++y)
                    REQUIRE(sink->put({4, x, y}, tilePng(1000.0, HeightEncoding::Terrarium, unsigned(1 + x * 4 + y))).ok());
            REQUIRE(sink->finish(meta).ok());
        }
        const fs::path half = dir.path() / "half.mbtiles";
        fs::copy_file(full, half, fs::copy_options::overwrite_existing);
        fs::resize_file(half, fs::file_size(full) / 2);
        auto cut = openMbtilesSource(half, HeightEncoding::Terrarium);
        if (!cut.ok()) {
            CHECK(cut.error().message.rfind(half.string() + ": not a valid MBTiles file (", 0) == 0);
            continue;
        }
        int failures = 0;
        for (int x = 0; x < 16; ++x)
            for (int y = 0; y < 4; ++y) {
                auto g = (*cut)->load({4, x, y});
                if (!g.ok()) {
                    ++failures;
                    CHECK(g.error().message.rfind(half.string() + ": tile 4/", 0) == 0);
                    CHECK(g.error().message.find('\n') == std::string::npos);
                }
            }
        CHECK(failures > 0);
    }
}

TEST_CASE("MBTiles loads from four threads at once", "[mbtiles]") {
    test::TempDir dir("mbtiles");
    const fs::path file = dir.path() / "threads.mbtiles";
    {
        auto sink = sinkOrFail(file);
        std::vector<std::thread> writers;
        for (int t = 0; t < 4; ++t)
            writers.emplace_back([&, t] {
                for (int y = 0; y < 2; ++y) REQUIRE(sink->put({3, t, y}, tilePng(100.0 * (t * 2 + y))).ok());
            });
        for (auto& w : writers) w.join();
        REQUIRE(sink->finish(R"({"format":"terrarium","minzoom":3,"maxzoom":3,"bounds":[-180,-85,180,85]})").ok());
    }
    auto src = sourceOrFail(file);
    std::atomic<int> good{0}, bad{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t)
        readers.emplace_back([&, t] {
            for (int k = 0; k < 24; ++k) {
                const int x = (t + k) % 4, y = k % 2;
                auto g = src->load({3, x, y});
                const bool right = g.ok() && std::abs(g->at(10, 20) - knownHeight(100.0 * (x * 2 + y), 10, 20)) < 0.01;
                (right ? good : bad)++;
            }
        });
    for (auto& r : readers) r.join();
    CHECK(good == 96);
    CHECK(bad == 0);
}

namespace {

// An MBTiles file as GDAL or mb-util write one: the spec's two tables (or TileMill's map and
// images tables behind a "tiles" view), "format" the image format and no "encoding" row.
void writeForeignMbtiles(const fs::path& file, const std::string& format, bool viewSchema,
                         const std::vector<std::pair<TileId, std::vector<std::uint8_t>>>& tiles) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    auto exec = [&](const std::string& sql) {
        char* err = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
        INFO(sql << ": " << (err ? err : ""));
        sqlite3_free(err);
        REQUIRE(rc == SQLITE_OK);
    };
    exec("CREATE TABLE metadata (name text, value text)");
    if (viewSchema) {
        exec("CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT)");
        exec("CREATE TABLE images (tile_data blob, tile_id text)");
        exec("CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, "
             "map.tile_row AS tile_row, images.tile_data AS tile_data FROM map JOIN images ON images.tile_id = "
             "map.tile_id");
    } else {
        exec("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)");
    }
    exec("INSERT INTO metadata VALUES ('name', 'relief'), ('type', 'baselayer'), ('version', '1.1'), "
         "('description', 'from a GeoTIFF'), ('format', '" + format + "'), ('minzoom', '3'), ('maxzoom', '3')");
    // A row of the view schema's images (bytes) or map (the tile's place) table.
    auto insert = [&](const char* sql, const TileId& id, const std::vector<std::uint8_t>* bytes, int tileId) {
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
        int p = 1;
        if (bytes) sqlite3_bind_blob(s, p++, bytes->data(), int(bytes->size()), SQLITE_TRANSIENT);
        else {
            sqlite3_bind_int(s, p++, id.z);
            sqlite3_bind_int(s, p++, id.x);
            sqlite3_bind_int(s, p++, (1 << id.z) - 1 - id.y);  // TMS rows
        }
        sqlite3_bind_int(s, p, tileId);
        REQUIRE(sqlite3_step(s) == SQLITE_DONE);
        sqlite3_finalize(s);
    };
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const auto& [id, bytes] = tiles[i];
        if (viewSchema) {
            insert("INSERT INTO images (tile_data, tile_id) VALUES (?, ?)", id, &bytes, int(i));
            insert("INSERT INTO map (zoom_level, tile_column, tile_row, tile_id) VALUES (?, ?, ?, ?)", id, nullptr, int(i));
        } else {
            sqlite3_stmt* s = nullptr;
            REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &s, nullptr) == SQLITE_OK);
            sqlite3_bind_int(s, 1, id.z);
            sqlite3_bind_int(s, 2, id.x);
            sqlite3_bind_int(s, 3, (1 << id.z) - 1 - id.y);
            sqlite3_bind_blob(s, 4, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
            REQUIRE(sqlite3_step(s) == SQLITE_DONE);
            sqlite3_finalize(s);
        }
    }
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("MBTiles from other tools: format png and no encoding row read in the scene's encoding",
          "[mbtiles][faults]") {
    test::TempDir dir("mbtiles");
    // Asymmetric north/south (height falls with the row) and two tiles a row apart: a row flip
    // or a swapped tile shows.
    const TileId north{3, 5, 2}, south{3, 5, 3};
    for (const bool view : {false, true}) {
        INFO((view ? "map + images tables behind a tiles view" : "a tiles table"));
        for (const HeightEncoding enc : {HeightEncoding::Terrarium, HeightEncoding::Mapbox}) {
            const HeightEncoding other = enc == HeightEncoding::Terrarium ? HeightEncoding::Mapbox : HeightEncoding::Terrarium;
            const fs::path file =
                dir.path() / (std::string(heightEncodingName(enc)) + (view ? "-view" : "-table") + ".mbtiles");
            writeForeignMbtiles(file, view ? "PNG" : "png", view, {{north, tilePng(3000.0, enc)}, {south, tilePng(1500.0, enc)}});

            // The scene names the tiles' encoding: the heights come out right, rows included.
            auto src = sourceOrFail(file, enc);
            CHECK(src->minZoom() == 3);
            CHECK(src->maxZoom() == 3);
            CHECK(src->hasTile(north));
            CHECK(src->hasTile(south));
            CHECK_FALSE(src->hasTile({3, 5, 4}));
            auto n = src->load(north), s = src->load(south);
            REQUIRE(n.ok());
            REQUIRE(s.ok());
            checkHeights(*n, 3000.0);
            checkHeights(*s, 1500.0);

            // The other encoding cannot be refused at open (nothing in the file says which it
            // is): the first tile says so, naming the tile and the encoding to try.
            auto wrong = sourceOrFail(file, other);
            auto w = wrong->load(north);
            REQUIRE_FALSE(w.ok());
            INFO(w.error().message);
            CHECK(w.error().message.rfind(file.string() + ": tile 3/5/2: ", 0) == 0);
            CHECK(w.error().message.find(std::string("look like the wrong encoding (") + heightEncodingName(other) +
                                         "); try " + heightEncodingName(enc)) != std::string::npos);
        }
    }
}

TEST_CASE("MBTiles with lossy or vector tiles are refused at open with one line", "[mbtiles][faults]") {
    test::TempDir dir("mbtiles");
    for (const char* format : {"jpg", "jpeg", "webp", "pbf"}) {
        const fs::path file = dir.path() / (std::string(format) + ".mbtiles");
        writeForeignMbtiles(file, format, false, {{TileId{3, 5, 2}, std::vector<std::uint8_t>{0xff, 0xd8, 0xff}}});
        for (const HeightEncoding enc : {HeightEncoding::Terrarium, HeightEncoding::Mapbox}) {
            auto r = openMbtilesSource(file, enc);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().message == file.string() + ": tiles are '" + format + "', only png height tiles are supported");
        }
    }
}
