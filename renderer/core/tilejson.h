#pragma once
// TileJSON 2.x / 3.x documents (https://github.com/mapbox/tilejson-spec): what a tile server says
// about itself. Only the fields a raster source needs are kept; unknown fields are ignored, as
// the spec asks. Pure parsing: fetching the document is the io layer's job.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

struct TileJson {
    std::string version;              // "tilejson": "2.2.0", "3.0.0"
    std::vector<std::string> tiles;   // URL templates, at least one
    // Unset when the document does not say: the spec's defaults (0 and 30) would have a source
    // ask for tiles 15 levels past the deepest a typical server has, so the caller decides.
    std::optional<int> minZoom, maxZoom;
    std::optional<LonLatBounds> bounds;  // absent: the whole world
    std::string attribution;          // may hold HTML, shown as given
    std::string name;
    bool tms = false;                 // "scheme": "tms" (rows counted from the south)
};

// `name` (file or URL) starts every error: "<name>: not JSON (...)", "<name>: 'tiles' must be a
// non-empty array of strings", "<name>: 'minzoom' must be an integer 0..30",
// "<name>: 'bounds' must be [west, south, east, north] in degrees", "<name>: 'scheme' must be
// \"xyz\" or \"tms\"", "<name>: 'minzoom' 6 is above 'maxzoom' 4".
Result<TileJson> parseTileJson(const std::string& text, const std::string& name);

// A tile URL as written in a document fetched from `documentUrl`, made absolute: "//host/..."
// takes the document's scheme, "/path" its scheme and host, "a/{z}/{x}/{y}" its folder.
// Absolute URLs (and documents read from files) are returned as they are.
std::string resolveTileUrl(const std::string& documentUrl, const std::string& tileUrl);

}  // namespace plateau
