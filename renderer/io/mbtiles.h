#pragma once
// MBTiles 1.3 (SQLite) elevation tile sets: PNG tiles (Terrarium or Mapbox terrain-RGB) in
// tiles(zoom_level, tile_column, tile_row, tile_data) with TMS rows (tile_row = 2^z - 1 - y) and a
// metadata(name, value) table. One file instead of millions of small ones: easy to copy and fast
// to open.
#include <filesystem>
#include <memory>

#include "core/height_codec.h"
#include "core/result.h"
#include "core/tile_source.h"
#include "io/tile_sink.h"

namespace plateau {

// Opens the file read-only. Metadata "encoding" (or a "format" naming an encoding) must match
// `enc`. Without either (only "format": "png", as GDAL, mb-util and tippecanoe-like tools write
// it) the tiles are read as `enc`, the scene's encoding: a wrong one shows at the first tile as
// "... look like the wrong encoding (mapbox); try terrarium". Any other "format" (jpg, webp,
// pbf) is refused at open: "<path>: tiles are 'jpg', only png height tiles are supported". hasTile() uses the metadata's bounds and zoom range when both are present (no table scan,
// so large files open instantly); otherwise the (z, x, y) of every tile is read once at open and
// kept in memory, which suits files up to a few million tiles.
// load() is safe from several threads: each call borrows a read-only connection from a small pool
// (a new one is opened when all are busy), so readers never wait for each other.
// Errors: "<path>: file not found", "<path>: not a valid MBTiles file (<reason>)",
// "<path>: tiles are mapbox-encoded but terrarium was requested", "<path>: tile z/x/y not found".
Result<std::shared_ptr<TileSource>> openMbtilesSource(const std::filesystem::path& file, HeightEncoding enc);

// Writes an MBTiles file. Tiles go to "<file>.partial" (an existing one is reopened, so has()
// lets an interrupted build skip what it already stored); finish() writes the metadata, commits
// and renames the partial file to `file`, so a crashed build never leaves a half-written file under
// the final name. put() is thread-safe and batches many tiles per transaction.
// finish(json) reads "format" (the encoding), "minzoom", "maxzoom", "bounds": [w, s, e, n] (or
// the union of "extents"[].bounds), and optional "name" and "description".
Result<std::unique_ptr<TileSink>> openMbtilesSink(const std::filesystem::path& file);

}  // namespace plateau
