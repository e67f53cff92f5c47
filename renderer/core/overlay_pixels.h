#pragma once
// Decoded imagery of any layout into the one form the GPU keeps for draped layers: a
// kOverlayTileSize-square straight-alpha RGBA8 OverlayImage. Pure pixel work, no decoding.
#include <cstddef>
#include <cstdint>

#include "core/overlay_image.h"
#include "core/tile_id.h"

namespace plateau {

// `pixels`: width x height, row 0 at the top, `channels` bytes per texel: 1 grey, 2 grey+alpha,
// 3 RGB, 4 RGBA (straight alpha). Channels outside 1..4 or empty sizes give a transparent tile.
// Other sizes than kOverlayTileSize are resampled: larger images (512-px "retina" tiles) by
// averaging each output texel's footprint, smaller ones bilinearly; both weight colours by alpha,
// so transparent texels (black or not) never darken the edge of what is drawn.
// `transparent` is set when every output texel has alpha 0.
OverlayImage toOverlayImage(const TileId& id, int width, int height, int channels, const std::uint8_t* pixels);

}  // namespace plateau
