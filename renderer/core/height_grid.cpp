#include "core/height_grid.h"

#include <algorithm>
#include <cmath>

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

HeightGrid upsampleFromAncestor(const HeightGrid& ancestorGrid, const TileId& ancestor,
                                const TileId& descendant) {
    HeightGrid out;
    out.width = ancestorGrid.width;
    out.height = ancestorGrid.height;
    out.samples.resize(ancestorGrid.samples.size());
    if (ancestorGrid.empty()) return out;
    // Web Mercator tile coordinates are linear in u and v at every level, so the descendant is an
    // axis-aligned sub-rectangle of the ancestor: offset (x - ax*2^d, y - ay*2^d) / 2^d.
    const int d = std::max(0, descendant.z - ancestor.z);
    const double scale = std::ldexp(1.0, -d);
    const double ox = (double(descendant.x) - std::ldexp(double(ancestor.x), d)) * scale;
    const double oy = (double(descendant.y) - std::ldexp(double(ancestor.y), d)) * scale;
    for (int j = 0; j < out.height; ++j) {
        const double v = oy + (j + 0.5) / out.height * scale;
        for (int i = 0; i < out.width; ++i) {
            const double u = ox + (i + 0.5) / out.width * scale;
            out.samples[std::size_t(j) * std::size_t(out.width) + std::size_t(i)] =
                ancestorGrid.sample(u, v);
        }
    }
    return out;
}

}  // namespace plateau
