#include "core/height_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plateau {

float HeightGrid::sample(double u, double v) const {
    if (samples.empty() || width <= 0 || height <= 0) return 0.0f;
    // Pixel centres sit at (i + 0.5) / width; outside the outer centres the edge value holds.
    const double x = std::clamp(u * width - 0.5, 0.0, double(width - 1));
    const double y = std::clamp(v * height - 0.5, 0.0, double(height - 1));
    const int i0 = int(std::floor(x)), j0 = int(std::floor(y));
    const int i1 = std::min(i0 + 1, width - 1), j1 = std::min(j0 + 1, height - 1);
    const double fx = x - i0, fy = y - j0;
    const double top = at(i0, j0) * (1.0 - fx) + at(i1, j0) * fx;
    const double bottom = at(i0, j1) * (1.0 - fx) + at(i1, j1) * fx;
    return float(top * (1.0 - fy) + bottom * fy);
}

void HeightGrid::minMax(float& lo, float& hi) const {
    if (samples.empty()) {
        lo = hi = 0.0f;
        return;
    }
    const auto [mn, mx] = std::minmax_element(samples.begin(), samples.end());
    lo = *mn;
    hi = *mx;
}

HeightGrid decodeHeightPixels(const std::uint8_t* pixels, int width, int height, int channels,
                              HeightEncoding enc) {
    HeightGrid g;
    if (!pixels || width <= 0 || height <= 0 || (channels != 3 && channels != 4)) return g;
    g.width = width;
    g.height = height;
    const std::size_t n = std::size_t(width) * std::size_t(height);
    g.samples.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint8_t* p = pixels + k * std::size_t(channels);
        g.samples[k] = float(decodeHeight(p[0], p[1], p[2], enc));
    }
    return g;
}

GridWindow gridWindow(const HeightGrid& grid, const TileId& gridTile, const TileId& tile) {
    // Web Mercator tile coordinates are linear in u and v at every level, so a descendant is an
    // axis-aligned sub-rectangle of its ancestor: offset (x - ax*2^d, y - ay*2^d) / 2^d.
    const int d = std::max(0, tile.z - gridTile.z);
    GridWindow w;
    w.grid = &grid;
    w.scale = std::ldexp(1.0, -d);
    w.ox = (double(tile.x) - std::ldexp(double(gridTile.x), d)) * w.scale;
    w.oy = (double(tile.y) - std::ldexp(double(gridTile.y), d)) * w.scale;
    return w;
}

void GridWindow::minMax(float& lo, float& hi) const {
    if (empty()) {
        lo = hi = 0.0f;
        return;
    }
    // Sample columns whose centres (i + 0.5) / width bracket the window's edges.
    const auto span = [](double a, double b, int n, int& first, int& last) {
        first = std::clamp(int(std::floor(a * n - 0.5)), 0, n - 1);
        last = std::clamp(int(std::ceil(b * n - 0.5)), 0, n - 1);
    };
    int i0 = 0, i1 = 0, j0 = 0, j1 = 0;
    span(ox, ox + scale, grid->width, i0, i1);
    span(oy, oy + scale, grid->height, j0, j1);
    lo = std::numeric_limits<float>::max();
    hi = std::numeric_limits<float>::lowest();
    for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) {
            const float h = grid->at(i, j);
            lo = std::min(lo, h);
            hi = std::max(hi, h);
        }
}

}  // namespace plateau
