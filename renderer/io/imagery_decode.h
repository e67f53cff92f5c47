#pragma once
// Imagery tiles (PNG or JPEG, told apart by their signature, whatever the URL says) decoded
// into overlay tiles: any colour type, any size up to a limit, resampled to kOverlayTileSize.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/overlay_image.h"
#include "core/result.h"
#include "core/tile_id.h"
#include "io/png_codec.h"

namespace plateau {

inline constexpr int kMaxImageryDimension = 4096;

// JPEG (baseline or progressive; grey, YCbCr or RGB) to 1- or 3-channel Image8 with
// libjpeg-turbo. Images over maxDimension are refused from the header, before any pixel memory
// is allocated. Corrupt or truncated data is an error (libjpeg would fill the rest with grey and
// only warn). Errors: "<name>: JPEG 5000x5000 exceeds the 4096x4096 limit",
// "<name>: corrupt JPEG (Premature end of JPEG file)", "<name>: CMYK JPEG not supported".
Result<Image8> decodeJpeg(const std::uint8_t* data, std::size_t size, const std::string& name,
                          int maxDimension = kMaxImageryDimension);

// PNG or JPEG bytes to an overlay tile for `id` (see toOverlayImage). Errors name `name` (the
// tile's URL or file): "<name>: not a PNG or JPEG image", "<name>: empty response", and the
// decoders' messages.
Result<OverlayImage> decodeImageryTile(const std::uint8_t* data, std::size_t size, const TileId& id,
                                       const std::string& name, int maxDimension = kMaxImageryDimension);

}  // namespace plateau
