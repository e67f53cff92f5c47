#pragma once
// Terrarium / Mapbox terrain-RGB PNG tiles into heights: the decoder every PNG-based source
// (folder, MBTiles, HTTP) and the tile builder share.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/height_codec.h"
#include "core/height_grid.h"
#include "core/result.h"
#include "io/png_codec.h"

namespace plateau {

// From PNG bytes, converting rows as they are decoded (libdeflate for 8-bit RGB(A) tiles, libpng
// for any other PNG). Rejects grids whose heights cannot be real elevations, which is what a
// Terrarium/Mapbox mix-up produces: "<name>: heights -32519..-32210 m look like the wrong
// encoding (terrarium); try mapbox". Other errors name `name` and the PNG problem.
Result<HeightGrid> decodeHeightPng(const std::uint8_t* data, std::size_t size, HeightEncoding enc,
                                   const std::string& name);
// The same from decoded RGB(A) pixels.
Result<HeightGrid> decodeHeightImage(const Image8& image, HeightEncoding enc, const std::string& name);

}  // namespace plateau
