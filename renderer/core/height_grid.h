#pragma once
// A decoded elevation tile: a square grid of heights (metres) covering one Web Mercator tile.
// Sample (i, j) is the pixel centre at u = (i + 0.5) / width, v = (j + 0.5) / height, v southward.
#include <cstdint>
#include <vector>

#include "core/height_codec.h"
#include "core/tile_id.h"

namespace plateau {

struct HeightGrid {
    int width = 0;
    int height = 0;
    std::vector<float> samples;  // row-major, row 0 = north

    float at(int i, int j) const { return samples[std::size_t(j) * std::size_t(width) + std::size_t(i)]; }
    // Bilinear sample at tile coordinates u, v in [0,1] (clamped to the outer pixel centres).
    float sample(double u, double v) const;
    void minMax(float& lo, float& hi) const;
    bool empty() const { return samples.empty(); }
};

// Decode 8-bit RGB(A) pixels (channels 3 or 4) into heights.
HeightGrid decodeHeightPixels(const std::uint8_t* pixels, int width, int height, int channels,
                              HeightEncoding enc);

// Heights for `descendant` resampled from an ancestor's grid (used when a tile has no data of its
// own, or its file is corrupt): same size as the ancestor's grid.
HeightGrid upsampleFromAncestor(const HeightGrid& ancestorGrid, const TileId& ancestor,
                                const TileId& descendant);

}  // namespace plateau
