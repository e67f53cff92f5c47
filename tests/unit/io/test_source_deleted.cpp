// A tile folder or MBTiles file deleted while the view is open: the tiles already loaded stay,
// tiles loaded after are drawn from their ancestors, the failure is named once, nothing crashes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/tile_store.h"
#include "io/folder_source.h"
#include "io/mbtiles.h"
#include "io_test_helpers.h"
#include "tiles/tile_builder.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {
const std::string kHgt = std::string(PLATEAU_SHARED_DATA) + "/dem/srtm3/N27E086.hgt";

// Tiles under Everest from z0 to z9, shallow first, as a view would ask for them.
std::vector<TileId> towardEverest() {
    std::vector<TileId> ids;
    for (int z = 0; z <= 9; ++z) ids.push_back(lonLatToTile(86.925, 27.988, z));
    return ids;
}

// Loads the shallow half, deletes `remove` (the source's folder or file), then loads deeper
// tiles and their neighbours. Returns the lines logged.
std::vector<std::string> loadAfterDeletion(const std::shared_ptr<TileSource>& source, const fs::path& remove) {
    std::vector<std::string> log;
    TileStore store(source, [&](const std::string& s) { log.push_back(s); });
    const auto ids = towardEverest();
    for (int i = 0; i <= 5; ++i) REQUIRE(store.load(ids[std::size_t(i)]));
    const std::size_t before = store.size();
    REQUIRE(log.empty());
    fs::remove_all(remove);
    REQUIRE_FALSE(fs::exists(remove));
    // Each still becomes resident (drawn from an ancestor when its own data cannot be read).
    for (std::size_t i = 6; i < ids.size(); ++i) {
        CHECK(store.load(ids[i]));
        for (const TileId& n : {TileId{ids[i].z, ids[i].x + 1, ids[i].y}, TileId{ids[i].z, ids[i].x, ids[i].y + 1}})
            CHECK(store.load(n));
    }
    CHECK(store.size() >= before + 4);
    for (int i = 0; i <= 5; ++i) CHECK(store.isResident(ids[std::size_t(i)]));  // what was loaded stays
    return log;
}

fs::path buildEverest(const fs::path& out) {
    TileBuildOptions o;
    o.rasters = {kHgt};
    o.out = out;
    o.maxZoom = 9;
    REQUIRE(buildTiles(o).ok());
    return out;
}
}  // namespace

TEST_CASE("a tile folder deleted while open: tiles stay, the loss is named once", "[faults][folder]") {
    test::TempDir dir("deleted-folder");
    const fs::path tiles = buildEverest(dir.path() / "tiles");
    auto src = openFolderSource(tiles, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    const auto log = loadAfterDeletion(*src, tiles);
    REQUIRE(log.size() == 1);
    CHECK(log.front().find("the tile folder is gone") != std::string::npos);
    CHECK(log.front().find(tiles.string()) != std::string::npos);
}

TEST_CASE("an MBTiles file deleted while open: tiles stay, at most one line, no crash", "[faults][mbtiles]") {
    test::TempDir dir("deleted-mbtiles");
    const fs::path file = buildEverest(dir.path() / "tiles.mbtiles");
    auto src = openMbtilesSource(file, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    // Open connections go on reading the deleted file (POSIX keeps it until closed); a new one
    // fails: either way at most one line.
    const auto log = loadAfterDeletion(*src, file);
    INFO(log.size() << " lines, first: " << (log.empty() ? std::string() : log.front()));
    CHECK(log.size() <= 1);
}
