#pragma once
// Builds a Terrarium or Mapbox terrain-RGB tile pyramid from GDAL rasters.
//
// The max zoom is warped from the rasters (io/gdal_source.h); every lower level is the 2x2
// average of its four children (a child outside the rasters counts as kGdalOutsideHeight), so
// the rasters are read once. Heights are quantised to the encoding before they are averaged,
// which makes a parent built from stored children identical to one built in the same run: output
// bytes depend only on the inputs, never on threads, shards or interruptions.
//
// Work is split at the "shard level" L: the lowest level with at least kShardLevelTiles tiles
// (or the max zoom). Each tile at L roots a subtree built depth-first by one worker, keeping only
// a quarter grid per level in memory; the few levels above L are built last from the quarters
// of the tiles at L.
//
// Resuming: tiles the output already has are not written again. A stored tile whose parent is
// missing is read back (folders) or recomputed (MBTiles) to build the parent.
//
// Sharding (--shard I/N, 1 <= I <= N): the tiles at L, in (x, y) order, are cut into N
// contiguous ranges; shard I builds the subtrees of range I, so shards never write the same
// tile. Folder output: every shard writes into the output folder itself; `finish` checks that
// all levels from L down are complete, builds the levels above L and writes metadata.json.
// MBTiles output: shard I writes "<stem>.shard-I-of-N.mbtiles" beside the output; `finish`
// merges those files into the output, builds the levels above L and removes them.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/height_codec.h"
#include "core/height_grid.h"
#include "core/result.h"
#include "core/tile_id.h"
#include "io/gdal_source.h"
#include "io/tile_metadata.h"

namespace plateau {

inline constexpr std::size_t kShardLevelTiles = 64;
inline constexpr const char* kTilesGeneratorName = "plateau-tiles";

struct TileBuildOptions {
    std::vector<std::filesystem::path> rasters;
    std::filesystem::path out;             // a folder, or a file ending in .mbtiles
    HeightEncoding encoding = HeightEncoding::Terrarium;
    int minZoom = 0;
    std::optional<int> maxZoom;            // default: the rasters' (GdalSource::maxZoom)
    std::optional<LonLatBounds> bounds;    // only tiles meeting these bounds (default: the rasters')
    int threads = 0;                       // 0: one per hardware thread
    int shardIndex = 0;                    // 1..shardCount; 0 with shardCount 0: not sharded
    int shardCount = 0;
    bool finish = false;                   // build the levels above the shard level from the shards
    // Tiles needed at a level to make it the shard level; shards and --finish must agree on it.
    std::size_t shardLevelTiles = kShardLevelTiles;
};

struct TileBuildProgress {
    std::size_t done = 0;     // tiles handled (written or found already stored)
    std::size_t total = 0;
    std::size_t written = 0;
    double seconds = 0;
};
// Called on the calling thread, a few times a second and once at the end.
using TileBuildCallback = std::function<void(const TileBuildProgress&)>;

struct TileBuildReport {
    std::size_t total = 0;    // tiles this run is responsible for
    std::size_t written = 0;
    std::size_t skipped = 0;  // already stored
    int minZoom = 0, maxZoom = 0, shardLevel = 0;
    double seconds = 0;
};

// The tiles of a build, per level (levels[z - minZoom], each sorted by x then y).
struct TilePlan {
    int minZoom = 0, maxZoom = 0, shardLevel = 0;
    std::vector<std::vector<TileId>> levels;
    std::vector<TileExtent> extents;       // for metadata.json: one per raster (clipped to bounds)
    const std::vector<TileId>& level(int z) const { return levels[std::size_t(z - minZoom)]; }
    bool contains(const TileId& t) const;
    std::size_t size() const;
};

Result<TilePlan> planTiles(const GdalSource& source, const TileBuildOptions& options);
// The half-open range [first, last) of the tiles at the shard level owned by shard `index` (1-based).
std::pair<std::size_t, std::size_t> shardRange(std::size_t count, int index, int shardCount);
// "<dir>/<stem>.shard-I-of-N.mbtiles" for an MBTiles output.
std::filesystem::path mbtilesShardPath(const std::filesystem::path& out, int index, int shardCount);
bool isMbtilesPath(const std::filesystem::path& out);

// Errors are one line naming the file or option.
Result<TileBuildReport> buildTiles(const TileBuildOptions& options, const TileBuildCallback& progress = {});

}  // namespace plateau
