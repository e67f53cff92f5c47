#pragma once
// Cesium terrain folders (quantized-mesh-1.0 tiles in EPSG:4326 geographic tiling) served as
// Web Mercator height grids, so the renderer can draw them like any PNG tile set.
#include <filesystem>
#include <memory>

#include "core/result.h"
#include "core/tile_source.h"

namespace plateau {

// Reads `dir`/layer.json: "format" quantized-mesh-1.x, "projection" EPSG:4326 (the default),
// "scheme" tms (default, rows counted from the south) or slippyMap, "tiles" path template
// ("{z}/{x}/{y}.terrain?v={version}": the query is dropped, {version} filled in) and "available"
// (per level, lists of {startX, startY, endX, endY}). Tiles saved flat as "<z>_<x>_<y>.terrain"
// beside layer.json (as cesium-native's test data is) are found too and take precedence.
//
// A Web Mercator tile is served from the geographic level whose tiles are as small as the
// Mercator tile's smaller side, or from up to 3 levels coarser when that one is missing (a TIN
// rasterised directly is sharper than a bilinear upsample of a parent's grid). hasTile() is true
// only when the available tiles of one such level cover the Mercator tile completely; otherwise
// the renderer resamples an ancestor. load() rasterises the triangles (barycentric interpolation
// in lon/lat) at the 256 x 256 pixel centres. Decoded meshes are kept in a small LRU cache, since
// neighbouring Mercator tiles share them; load() is thread-safe.
// Errors: "<dir>/layer.json: file not found", "<dir>/layer.json: <problem>",
// "<dir>: no quantized-mesh tiles", "<file>.terrain: <decoding problem>".
Result<std::shared_ptr<TileSource>> openQuantizedMeshSource(const std::filesystem::path& dir);

}  // namespace plateau
