#pragma once
// Where draped overlay tiles come from: imagery over HTTP, any GDAL raster, rasterised vector
// layers. Implementations live in the io layer; residency and the renderer only see this
// interface. Must be thread-safe: several workers call render() at once.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/overlay_image.h"
#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

class OverlaySource {
public:
    virtual ~OverlaySource() = default;
    // For messages: "imagery https://host/{z}/{x}/{y}.png", "vector glaciers.geojson".
    virtual std::string describe() const = 0;
    virtual int minZoom() const = 0;
    virtual int maxZoom() const = 0;
    // The source has (or may have) data for this tile: inside its bounds and zoom range. Tiles
    // it has none for are drawn from the nearest ancestor that it has, through a UV window.
    virtual bool hasTile(const TileId& id) const = 0;
    // Attribution to show in the view (from the scene or a TileJSON document); may be empty.
    virtual std::string attribution() const { return {}; }

    // Sources whose picture depends on time (time-aware vector layers) map a time to a state:
    // tiles rendered for the same state are identical, so the state is part of the cache key.
    // Sources that do not vary return 0 for every time.
    virtual std::int64_t stateAt(double /*year*/) const { return 0; }
    // The dates (decimal years) where the picture changes, ascending: the time slider marks them.
    virtual std::vector<double> timeStamps() const { return {}; }

    // Produces the tile for `state` (see stateAt). Errors are one line naming the tile's URL or
    // file and the problem. `cancel` turns true when nobody wants the tile any more: long work
    // may stop early and return any error.
    virtual Result<OverlayImage> render(const TileId& id, std::int64_t state, const std::atomic<bool>& cancel) = 0;
};

}  // namespace plateau
