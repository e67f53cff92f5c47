#pragma once
// Builds the default scene's terrain: the synthetic DEM as a {z}/{x}/{y}.png tile pyramid plus
// metadata.json, generated into a temporary sibling folder and renamed into place, so readers
// never see half a pyramid. Layout (for maxZoom 12):
//   z0-4   the whole world
//   z5-8   80-100 E, 26-35 N   (the plateau and its edges)
//   z9-11  87.5-93.5 E, 28-31 N (around the Yarlung valley)
//   z12    88-93 E, 28.5-30.5 N (the core area; also any deeper levels)
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/height_codec.h"
#include "core/result.h"
#include "core/tile_id.h"
#include "io/tile_metadata.h"

namespace plateau {

inline constexpr int kSyntheticTileSize = 256;
inline constexpr const char* kSyntheticGeneratorName = "plateau-synth";

struct SyntheticOptions {
    std::filesystem::path out;
    std::uint32_t seed = 0;
    int maxZoom = 12;  // 0..15; levels past 12 cover the core area
    HeightEncoding encoding = HeightEncoding::Terrarium;
    int threads = 0;   // 0: one per hardware thread
};

// Called on the calling thread, about ten times a second and once at the end.
using SyntheticProgress = std::function<void(int done, int total)>;

// Does nothing when `out` already holds a pyramid with the same metadata (seed, version,
// encoding, zoom range). Replaces an older synthetic pyramid; refuses to touch a folder that is
// neither empty nor synthetic.
Status generateSyntheticPyramid(const SyntheticOptions& options, const SyntheticProgress& progress = {});

// The metadata written for these options, and the tiles it lists.
TileSetMetadata syntheticMetadata(const SyntheticOptions& options);
std::vector<TileId> syntheticTiles(const SyntheticOptions& options);
// True when options.out holds a finished pyramid for these options.
bool syntheticPyramidIsCurrent(const SyntheticOptions& options);

// One tile: heights at the 256 x 256 pixel centres, row-major, row 0 north.
std::vector<double> syntheticTileHeights(const TileId& tile, std::uint32_t seed);
Result<std::vector<std::uint8_t>> syntheticTilePng(const TileId& tile, std::uint32_t seed, HeightEncoding encoding);

}  // namespace plateau
