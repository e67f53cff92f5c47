#pragma once
// Any raster GDAL reads (GeoTIFF, COG, PNG/JPEG with a world file, VRT, ...) in any CRS GDAL can
// transform to WGS84, as draped imagery: each requested Web Mercator tile is warped from the
// raster by GDAL's warper into kOverlayTileSize RGBA.
//
// - RGB (3 or more 8-bit bands, the first three; wider types are clamped to 0..255, not stretched), RGBA (a 4th band marked as alpha), grey + alpha,
//   paletted (a colour table, applied after warping the indices) and single-band grey (any data
//   type, stretched from `stretch` or else the band's minimum..maximum to black..white; Byte
//   bands are shown as they are).
// - Resampling: bilinear where the tile's texels are finer than the raster's pixels, averaging
//   where they are coarser (no aliasing at low zooms); paletted rasters take the nearest index
//   (finer) or the most common one (coarser), since averaging indices invents colours.
// - Transparent (alpha 0) outside the raster and at its nodata value (or its alpha/mask).
// - hasTile from the raster's lon/lat bounds; maxZoom from its resolution (the first zoom whose
//   texels are finer than its pixels) plus `overzoomLevels`, so the GPU magnifies less.
// Thread safety: GDAL datasets are not thread-safe, so each calling thread opens its own handle
// (kept until the source is destroyed), as GdalSource does; render() may be called from any
// number of threads at once.
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

#include "core/overlay_source.h"
#include "core/result.h"

namespace plateau {

struct GdalOverlayOptions {
    int overzoomLevels = 2;
    // Single-band grey rasters: this value range maps to black..white (values outside clamp).
    std::optional<std::pair<double, double>> stretch;
};

// Errors (one line naming the file): "<file>: file not found", "<file>: not a raster GDAL can
// read (...)", "<file>: has no georeference (no CRS or geotransform)", "<file>: unsupported CRS
// (...)", "<file>: 2 bands that are not grey + alpha". render() errors name the file and tile.
// describe() is "imagery <file>".
Result<std::shared_ptr<OverlaySource>> openGdalOverlaySource(const std::filesystem::path& file,
                                                             const GdalOverlayOptions& options = {});

}  // namespace plateau
