#pragma once
// What a scene says about an HTTP tile server (terrain or imagery alike) turned into fetcher
// options: the URL template, rows, zoom range, bounds and attribution, from the scene's own
// fields and from a TileJSON document when the scene names one. Explicit scene values win over
// the document's; the document fills the rest.
#include <optional>
#include <string>

#include "core/layer.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/tilejson.h"
#include "io/http_client.h"
#include "io/http_tile_fetcher.h"

namespace plateau {

// The HTTP fields shared by TerrainSourceDesc and an imagery layer's LayerSourceDesc.
struct HttpTileDesc {
    std::string url;        // empty: the document's tiles[0]
    std::string tilejson;   // http(s) URL or file path of a TileJSON document; empty: none
    std::string attribution;
    bool tms = false;       // or the document's "scheme": "tms"
    int minZoom = 0;        // 0: the document's, else 0
    int maxZoom = -1;       // -1: the document's, else the source's default
    std::optional<LonLatBounds> bounds;  // unset: the document's, else the whole world
    std::optional<double> cacheMiB, cacheDays, missingDays;
};
HttpTileDesc httpTileDesc(const TerrainSourceDesc& terrain);
HttpTileDesc httpTileDesc(const LayerDesc& layer);

// Fetched with httpGet when `where` starts with http:// or https:// (one attempt, the given
// timeouts, 1 MiB at most), else read from the file. Errors are one line naming `where`:
// "<url>: HTTP 404", "<url>: connection refused", "<path>: file not found", parse errors.
Result<TileJson> loadTileJson(const std::string& where, const HttpGetOptions& get = {});

// Fills `o` (whose maxZoom holds the source's default beforehand) from `d`, loading the TileJSON
// document it names with o's timeouts and cancel flag.
Status applyHttpTileDesc(const HttpTileDesc& d, HttpTileOptions& o);

}  // namespace plateau
