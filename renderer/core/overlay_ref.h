#pragma once
// How one drawn terrain tile shows one draped layer: which GPU overlay slot holds the image and
// the window of it that covers the tile (an ancestor's image until the tile's own arrives, the
// way heights work for tiles past the data), with the layer's opacity.
#include <array>
#include <cstdint>

#include "terrain_shared.h"

namespace plateau {

constexpr int kMaxTileOverlays = PLATEAU_MAX_OVERLAYS;

struct OverlayRef {
    std::uint32_t slot = 0;
    float offsetU = 0, offsetV = 0, scale = 1;  // overlay uv = offset + tile uv * scale
    float opacity = 1;
};

struct TileOverlays {
    std::uint32_t count = 0;  // bottom layer first
    std::array<OverlayRef, kMaxTileOverlays> refs{};
    void push(const OverlayRef& r) {
        if (count < refs.size()) refs[count++] = r;
    }
};

}  // namespace plateau
