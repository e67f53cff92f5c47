#pragma once
// Elevation tiles from an HTTP(S) tile server ({z}/{x}/{y} URL template, Terrarium or Mapbox
// terrain-RGB PNG), with a disk cache, retries with backoff for transient failures and a limit on
// simultaneous transfers (see http_tile_fetcher.h). load() may be called from several threads.
#include <atomic>
#include <memory>

#include "core/height_codec.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/tile_id.h"
#include "core/tile_source.h"
#include "io/http_tile_fetcher.h"

namespace plateau {

struct HttpSourceOptions : HttpTileOptions {
    HeightEncoding encoding = HeightEncoding::Terrarium;
};

// Errors: "<template>: URL template must start with http:// or https://",
// "<template>: URL template lacks {y}", "<template>: bad zoom range 5..3" and the like.
// Load errors are one line naming the URL (see HttpTileFetcher::fetch), PNG and wrong-encoding
// errors from the decoders. A tile answered with 404 or 410 is remembered, in this run and (for
// missingMaxAge) in later ones: hasTile() is false for it and load() fails without asking again.
// Levels above minZoom and tiles outside the bounds are never requested; hasDataBelow() is true
// above minZoom and under a 404 inside the bounds, so the selection refines into the data. The
// cache folder is indexed on a background thread at open; until that is done hasTile() knows
// only this run's answers, and load() waits for it. describe() is "http <template>".
Result<std::shared_ptr<TileSource>> openHttpSource(const HttpSourceOptions& options);

// The scene's terrain fields (url, tilejson, min_zoom, max_zoom, bounds, attribution, cache
// settings, encoding) as options; maxZoom defaults to 15. Loads the TileJSON document if named.
Result<HttpSourceOptions> httpTerrainOptions(const TerrainSourceDesc& terrain,
                                             std::shared_ptr<std::atomic<bool>> cancel = nullptr);
// httpTerrainOptions, then openHttpSource.
// `warn`: see HttpTileOptions::warn.
Result<std::shared_ptr<TileSource>> openHttpTerrainSource(const TerrainSourceDesc& terrain,
                                                          std::shared_ptr<std::atomic<bool>> cancel = nullptr,
                                                          std::function<void(const std::string&)> warn = {});

}  // namespace plateau
