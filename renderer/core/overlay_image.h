#pragma once
// One overlay tile as the workers produce it: straight-alpha RGBA8 over one Web Mercator tile,
// row 0 at the north edge, the same texel grid as an imagery tile (kOverlayTileSize square).
// Imagery, rasterised vectors and later raster layers all arrive in this form, so the GPU keeps
// one kind of texture for every draped layer.
#include <cstdint>
#include <vector>

#include "core/tile_id.h"

namespace plateau {

constexpr int kOverlayTileSize = 256;

struct OverlayImage {
    TileId id;
    int size = kOverlayTileSize;      // width = height
    std::vector<std::uint8_t> rgba;   // size * size * 4, straight (not premultiplied) alpha
    bool transparent = false;         // every texel has alpha 0 (nothing to draw: no GPU slot)

    std::size_t bytes() const { return rgba.size(); }
    std::uint8_t* pixel(int x, int y) { return rgba.data() + (std::size_t(y) * std::size_t(size) + std::size_t(x)) * 4; }
    const std::uint8_t* pixel(int x, int y) const {
        return rgba.data() + (std::size_t(y) * std::size_t(size) + std::size_t(x)) * 4;
    }
};

}  // namespace plateau
