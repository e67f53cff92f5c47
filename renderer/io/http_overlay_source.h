#pragma once
// Imagery tiles from an XYZ (or TMS) tile server as an OverlaySource: PNG or JPEG, any colour
// type, 256 or 512 px (any size up to maxImageDimension), decoded to kOverlayTileSize RGBA. The
// transfers, disk cache, retries, 404 memory, zoom range and bounds are HttpTileFetcher's, as for
// HTTP terrain. Tiles are cached as {z}/{x}/{y}.png whatever their format: the decoder goes by
// the bytes, never by a name. render() may be called from several threads at once.
#include <atomic>
#include <filesystem>
#include <memory>

#include "core/layer.h"
#include "core/overlay_source.h"
#include "core/result.h"
#include "io/http_tile_fetcher.h"
#include "io/imagery_decode.h"

namespace plateau {

struct HttpOverlayOptions : HttpTileOptions {
    HttpOverlayOptions() { maxZoom = 18; }  // imagery servers go deeper than terrain ones
    // Larger images are refused from their header, before any pixel memory is allocated.
    int maxImageDimension = kMaxImageryDimension;
};

// Option errors as for openHttpSource. render() errors are one line naming the tile's URL
// ("<url>: HTTP 500 after 4 attempts", "<url>: not a PNG or JPEG image", "<url>: image is
// 8192x8192, larger than 4096x4096", "<url>: response larger than 4 MiB", "<url>: cancelled").
// describe() is "imagery <template>".
Result<std::shared_ptr<OverlaySource>> openHttpOverlaySource(const HttpOverlayOptions& options);

// An imagery layer's source fields (url, tilejson, tms, min/max zoom, bounds, cache settings) and
// its attribution as options, loading the TileJSON document if named. `cacheRoot` non-empty: the
// tiles are cached under cacheRoot/http/<folder for the template> instead of cacheDirectory().
Result<HttpOverlayOptions> httpImageryOptions(const LayerDesc& layer, const std::filesystem::path& cacheRoot = {},
                                              std::shared_ptr<std::atomic<bool>> cancel = nullptr);

}  // namespace plateau
