#include "core/vector_index.h"

#include <algorithm>
#include <numeric>

namespace plateau {
namespace {

constexpr std::size_t kNodeSize = 16;

// Position along a Hilbert curve of a point in a 2^16 grid: features near each other on the
// map end up near each other in the tree's leaves, so nodes have small bounds.
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y) {
    std::uint32_t d = 0;
    for (std::uint32_t s = 1u << 15; s > 0; s >>= 1) {
        const std::uint32_t rx = (x & s) ? 1u : 0u, ry = (y & s) ? 1u : 0u;
        d += s * s * ((3u * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = s - 1 - (x & (s - 1));
                y = s - 1 - (y & (s - 1));
            }
            std::swap(x, y);
        }
        x &= s - 1;
        y &= s - 1;
    }
    return d;
}

MercatorRect unite(const MercatorRect& a, const MercatorRect& b) {
    return {std::min(a.minX, b.minX), std::min(a.minY, b.minY), std::max(a.maxX, b.maxX), std::max(a.maxY, b.maxY)};
}

MercatorRect boundsOf(const std::vector<MercatorPart>& parts) {
    MercatorRect r{1e300, 1e300, -1e300, -1e300};
    for (const auto& part : parts)
        for (const auto& p : part) r = unite(r, {p.x, p.y, p.x, p.y});
    return r;
}

}  // namespace

VectorIndex::VectorIndex(const VectorData& data) {
    const std::size_t n = data.features.size();
    kinds_.reserve(n);
    bounds_.reserve(n);
    full_.reserve(n);
    for (const auto& f : data.features) {
        kinds_.push_back(f.kind);
        full_.push_back(toMercator(f.parts));
        bounds_.push_back(boundsOf(full_.back()));
    }
    if (n == 0) return;
    extent_ = bounds_[0];
    for (const auto& b : bounds_) extent_ = unite(extent_, b);

    const double w = std::max(extent_.maxX - extent_.minX, 1e-300), h = std::max(extent_.maxY - extent_.minY, 1e-300);
    std::vector<std::uint32_t> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& b = bounds_[i];
        const auto cx = std::uint32_t(std::clamp(((b.minX + b.maxX) / 2 - extent_.minX) / w, 0.0, 1.0) * 65535.0);
        const auto cy = std::uint32_t(std::clamp(((b.minY + b.maxY) / 2 - extent_.minY) / h, 0.0, 1.0) * 65535.0);
        keys[i] = hilbert(cx, cy);
    }
    order_.resize(n);
    std::iota(order_.begin(), order_.end(), 0u);
    std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });

    std::vector<MercatorRect> level(n);
    for (std::size_t i = 0; i < n; ++i) level[i] = bounds_[order_[i]];
    levels_.push_back(std::move(level));
    while (levels_.back().size() > kNodeSize) {
        const auto& below = levels_.back();
        std::vector<MercatorRect> up((below.size() + kNodeSize - 1) / kNodeSize);
        for (std::size_t i = 0; i < up.size(); ++i) {
            up[i] = below[i * kNodeSize];
            for (std::size_t k = i * kNodeSize + 1; k < std::min(below.size(), (i + 1) * kNodeSize); ++k)
                up[i] = unite(up[i], below[k]);
        }
        levels_.push_back(std::move(up));
    }
}

std::vector<std::uint32_t> VectorIndex::query(const MercatorRect& rect) const {
    std::vector<std::uint32_t> out;
    if (levels_.empty()) return out;
    struct Entry {
        std::size_t level, index;
    };
    std::vector<Entry> stack;
    const std::size_t top = levels_.size() - 1;
    for (std::size_t i = 0; i < levels_[top].size(); ++i) stack.push_back({top, i});
    while (!stack.empty()) {
        const Entry e = stack.back();
        stack.pop_back();
        if (!levels_[e.level][e.index].intersects(rect)) continue;
        if (e.level == 0) {
            out.push_back(order_[e.index]);
            continue;
        }
        const std::size_t end = std::min(levels_[e.level - 1].size(), (e.index + 1) * kNodeSize);
        for (std::size_t k = e.index * kNodeSize; k < end; ++k) stack.push_back({e.level - 1, k});
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::uint32_t> VectorIndex::query(const TileId& id, double marginPx, int tileSize) const {
    return query(tileRect(id).expanded(marginPx * mercatorPixel(id.z, tileSize)));
}

const VectorIndex::Band& VectorIndex::band(int z) const {
    const auto b = std::size_t(std::clamp(z, 0, kMaxSimplifiedZoom));
    std::call_once(once_[b], [&] {
        const double tolerance = kTolerancePx * mercatorPixel(int(b));
        Band& band = bands_[b];  // nobody reads it before call_once returns
        band.features.resize(full_.size());
        for (std::size_t f = 0; f < full_.size(); ++f) {
            band.features[f] = &full_[f];
            if (kinds_[f] == GeometryKind::Point) continue;
            std::vector<MercatorPart> parts;
            std::size_t before = 0, after = 0;
            for (const auto& part : full_[f]) {
                before += part.size();
                MercatorPart s = simplify(part, tolerance);
                // A ring smaller than the tolerance collapses: it would cover under a sixteenth
                // of a pixel, so it is left out rather than drawn as a sliver.
                if (kinds_[f] == GeometryKind::Polygon && s.size() < 3) continue;
                after += s.size();
                parts.push_back(std::move(s));
            }
            if (after * 10 < before * 9) {
                band.owned.push_back(std::move(parts));
                band.features[f] = &band.owned.back();
            }
        }
    });
    return bands_[b];
}

const std::vector<MercatorPart>& VectorIndex::geometry(std::size_t feature, int z) const {
    if (z > kMaxSimplifiedZoom) return full_[feature];
    return *band(z).features[feature];
}

std::size_t VectorIndex::vertexCount(int z) const {
    std::size_t n = 0;
    for (std::size_t f = 0; f < full_.size(); ++f)
        for (const auto& p : geometry(f, z)) n += p.size();
    return n;
}

}  // namespace plateau
