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

// A tile's view of a grid that may cover a larger ancestor tile. A tile with no data of its own
// (beyond the source's deepest level, or a corrupt file) reads its ancestor's heights through a
// window instead of keeping a resampled copy: no extra memory, no resampling pass, and exactly
// the ancestor's surface. Tile coordinates (u, v) map to (ox + u * scale, oy + v * scale).
struct GridWindow {
    const HeightGrid* grid = nullptr;
    double ox = 0, oy = 0, scale = 1;

    bool empty() const { return !grid || grid->empty(); }
    float sample(double u, double v) const { return grid->sample(ox + u * scale, oy + v * scale); }
    // Range of the samples the window interpolates between (those under it and the next ones out).
    void minMax(float& lo, float& hi) const;
};

// The window of `tile` in `grid`, which covers `gridTile` (the tile itself or an ancestor).
GridWindow gridWindow(const HeightGrid& grid, const TileId& gridTile, const TileId& tile);

}  // namespace plateau
