#pragma once
// Opening the source of an imagery layer from its scene description: XYZ/TMS tiles over HTTP
// ("http": HttpOverlaySource) or any raster GDAL reads ("gdal": GdalOverlaySource).
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/layer.h"
#include "core/overlay_source.h"
#include "core/result.h"

namespace plateau {

// `cacheDir`: the program's cache folder (cacheDirectory() when empty); HTTP tiles are kept in
// its http/ folder, one per URL template, as for HTTP terrain. `cancel` (may be null) aborts HTTP
// transfers in flight when set, e.g. at exit. The layer's attribution, or else the TileJSON
// document's, is the source's attribution(). `warn` (may be empty) hears, once per layer and from
// a loading thread, that the HTTP tile cache cannot write (disk full): tiles are still drawn.
// Errors are one line naming the layer and what failed: "layer 'sat': source type 'wms' is not
// one of http, gdal", "layer 'sat': <file>: file not found", "layer 'sat': <file>: unsupported
// CRS (...)", "layer 'sat': https://host/tiles.json: connection refused".
Result<std::shared_ptr<OverlaySource>> openImagerySource(const LayerDesc& layer, const std::filesystem::path& cacheDir,
                                                         std::shared_ptr<std::atomic<bool>> cancel = nullptr,
                                                         std::function<void(const std::string&)> warn = {});

}  // namespace plateau
