#pragma once
// Elevation tiles stored as {z}/{x}/{y}.png under a folder (Terrarium or Mapbox terrain-RGB).
#include <filesystem>
#include <memory>
#include <string>

#include "core/height_grid.h"
#include "core/result.h"
#include "core/tile_source.h"
#include "io/png_codec.h"

namespace plateau {

// Uses the folder's metadata.json for zoom range and coverage when present (its "format" must
// match `enc`); otherwise scans the z folders once and checks files on demand.
// Errors: "<dir>: tile folder not found", "<dir>: no {z}/{x}/{y}.png tiles".
Result<std::shared_ptr<TileSource>> openFolderSource(const std::filesystem::path& dir, HeightEncoding enc);

// Decodes RGB(A) pixels into heights and rejects grids whose heights cannot be real elevations,
// which is what a Terrarium/Mapbox mix-up produces: "<name>: heights -32519..-32210 m look like
// the wrong encoding (terrarium); try mapbox". Shared by every PNG-based source.
// The same from PNG bytes, converting rows as they are decoded (libdeflate for 8-bit RGB(A)
// tiles, libpng for any other PNG): the path every PNG-based source takes.
Result<HeightGrid> decodeHeightPng(const std::uint8_t* data, std::size_t size, HeightEncoding enc,
                                   const std::string& name);
Result<HeightGrid> decodeHeightImage(const Image8& image, HeightEncoding enc, const std::string& name);

}  // namespace plateau
