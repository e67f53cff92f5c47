#include "io/detail_source.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace plateau {

namespace {
constexpr std::size_t kBaseCacheSize = 32;  // 256 KB each: the base tiles under a view and their neighbours
constexpr double kSlopeBaselinePixels = 2.0;  // slope from heights 2 base pixels either side

TileId ancestorAt(const TileId& id, int z) {
    TileId t = id;
    while (t.z > z) t = t.parent();
    return t;
}

// Base tiles as one raster in global pixel coordinates at the base zoom (pixel centres at
// integer + 0.5, like HeightGrid). Tiles that failed to load read as their nearest loaded one.
struct BaseMosaic {
    int zoom = 0;
    int size = 256;  // pixels per tile side
    std::array<TileId, 9> ids{};
    std::array<const HeightGrid*, 9> grids{};
    int count = 0;

    float pixel(long gx, long gy) const {
        const long world = (1L << zoom) * size;
        gy = std::clamp(gy, 0L, world - 1);
        gx = ((gx % world) + world) % world;
        const int tx = int(gx / size), ty = int(gy / size);
        for (int k = 0; k < count; ++k)
            if (ids[std::size_t(k)].x == tx && ids[std::size_t(k)].y == ty) {
                const HeightGrid& g = *grids[std::size_t(k)];
                return g.at(int(gx % size) * g.width / size, int(gy % size) * g.height / size);
            }
        // Not loaded (outside the source): clamp into the first (the tile's own) base tile.
        const TileId& o = ids[0];
        const HeightGrid& g = *grids[0];
        const long lx = std::clamp(gx - long(o.x) * size, 0L, long(size - 1));
        const long ly = std::clamp(gy - long(o.y) * size, 0L, long(size - 1));
        return g.at(int(lx) * g.width / size, int(ly) * g.height / size);
    }
};

// The mosaic's pixels over a small window (one tile's footprint plus the slope stencil), copied
// once so that the per-sample bilinear reads are plain array reads.
struct MosaicWindow {
    long x0 = 0, y0 = 0;
    int w = 0, h = 0;
    std::vector<float> px;

    MosaicWindow(const BaseMosaic& m, double gxMin, double gyMin, double gxMax, double gyMax) {
        x0 = long(std::floor(gxMin - 0.5)) - 1;
        y0 = long(std::floor(gyMin - 0.5)) - 1;
        w = int(long(std::ceil(gxMax + 0.5)) + 2 - x0);
        h = int(long(std::ceil(gyMax + 0.5)) + 2 - y0);
        px.resize(std::size_t(w) * std::size_t(h));
        for (int j = 0; j < h; ++j)
            for (int i = 0; i < w; ++i) px[std::size_t(j) * std::size_t(w) + std::size_t(i)] = m.pixel(x0 + i, y0 + j);
    }
    // Bilinear at global pixel coordinates (pixel centres at integer + 0.5).
    double sample(double gx, double gy) const {
        const double x = gx - 0.5 - double(x0), y = gy - 0.5 - double(y0);
        const double fx0 = std::floor(x), fy0 = std::floor(y);
        const int i = std::clamp(int(fx0), 0, w - 2), j = std::clamp(int(fy0), 0, h - 2);
        const double fx = x - fx0, fy = y - fy0;
        const float* r0 = &px[std::size_t(j) * std::size_t(w) + std::size_t(i)];
        const float* r1 = r0 + w;
        const double top = r0[0] * (1.0 - fx) + r0[1] * fx;
        const double bottom = r1[0] * (1.0 - fx) + r1[1] * fx;
        return top * (1.0 - fy) + bottom * fy;
    }
};
}  // namespace

DetailSource::DetailSource(std::shared_ptr<TileSource> inner, ReliefDetailParams params, int extraLevels)
    : inner_(std::move(inner)), params_(params), extraLevels_(std::max(0, extraLevels)) {}

std::string DetailSource::describe() const {
    return inner_->describe() + " with synthetic detail below its resolution (seed " + std::to_string(params_.seed) +
           ", up to " + std::to_string(int(std::lround(params_.amplitudeM))) + " m)";
}

bool DetailSource::hasTile(const TileId& id) const {
    if (id.z > maxZoom()) return false;
    return inner_->hasTile(ancestorAt(id, inner_->maxZoom()));
}

Result<std::shared_ptr<const HeightGrid>> DetailSource::base(const TileId& id) {
    {
        std::lock_guard lock(mutex_);
        for (auto it = cache_.begin(); it != cache_.end(); ++it)
            if (it->first == id) {
                auto g = it->second;
                cache_.splice(cache_.begin(), cache_, it);
                return g;
            }
    }
    auto grid = inner_->load(id);  // outside the lock: other threads keep going
    if (!grid) return grid.error();
    auto g = std::make_shared<const HeightGrid>(std::move(*grid));
    std::lock_guard lock(mutex_);
    cache_.emplace_front(id, g);
    if (cache_.size() > kBaseCacheSize) cache_.pop_back();
    return g;
}

Result<HeightGrid> DetailSource::load(const TileId& id) {
    const int baseZoom = inner_->maxZoom();
    if (id.z <= baseZoom) return inner_->load(id);
    if (id.z > maxZoom()) return makeError(id.str() + " from " + describe() + ": beyond the deepest level");

    // The tile's own base tile, then the neighbours its samples and slope stencil reach into.
    const TileId own = ancestorAt(id, baseZoom);
    auto ownGrid = base(own);
    if (!ownGrid) return ownGrid.error();
    if ((*ownGrid)->empty()) return makeError(id.str() + " from " + describe() + ": empty base tile");
    BaseMosaic m;
    m.zoom = baseZoom;
    m.size = (*ownGrid)->width;
    std::array<std::shared_ptr<const HeightGrid>, 9> keep{};
    keep[0] = *ownGrid;
    m.ids[0] = own;
    m.grids[0] = keep[0].get();
    m.count = 1;
    const int shift = id.z - baseZoom;
    const double scale = double(m.size) / double(1 << shift);  // base pixels per tile
    const double px0 = (id.x % (1 << shift)) * scale, py0 = (id.y % (1 << shift)) * scale;  // within `own`
    const double reach = kSlopeBaselinePixels + 1.0;
    const int n = 1 << baseZoom;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            if (!dx && !dy) continue;
            const bool nearX = dx < 0 ? px0 < reach : dx > 0 ? px0 + scale > m.size - reach : true;
            const bool nearY = dy < 0 ? py0 < reach : dy > 0 ? py0 + scale > m.size - reach : true;
            const int ny = own.y + dy;
            if (!nearX || !nearY || ny < 0 || ny >= n) continue;
            const TileId nb{baseZoom, ((own.x + dx) % n + n) % n, ny};
            if (!inner_->hasTile(nb)) continue;
            auto g = base(nb);
            if (!g || (*g)->width != m.size || (*g)->height != m.size) continue;  // read as clamped
            keep[std::size_t(m.count)] = *g;
            m.ids[std::size_t(m.count)] = nb;
            m.grids[std::size_t(m.count)] = keep[std::size_t(m.count)].get();
            ++m.count;
        }

    HeightGrid out;
    out.width = m.size;
    out.height = m.size;
    out.samples.resize(std::size_t(m.size) * std::size_t(m.size));
    const double gx0 = double(own.x) * m.size + px0, gy0 = double(own.y) * m.size + py0;
    const double step = scale / m.size;  // base pixels per output pixel
    const double b = kSlopeBaselinePixels;
    const MosaicWindow win(m, gx0 - b, gy0 - b, gx0 + scale + b, gy0 + scale + b);
    // Web Mercator: longitude depends on u alone, latitude on v alone.
    std::vector<double> lons(std::size_t(out.width));
    for (int i = 0; i < out.width; ++i) {
        double lat;
        tileUVToLonLat(id, (i + 0.5) / out.width, 0.5, lons[std::size_t(i)], lat);
    }
    for (int j = 0; j < out.height; ++j) {
        const double v = (j + 0.5) / out.height;
        double lon, lat;
        tileUVToLonLat(id, 0.5, v, lon, lat);
        const double gy = gy0 + (j + 0.5) * step;
        const double run = 2.0 * b * webMercatorPixelMetres(baseZoom, lat, m.size);
        for (int i = 0; i < out.width; ++i) {
            const double gx = gx0 + (i + 0.5) * step;
            const double h = win.sample(gx, gy);
            const double sx = (win.sample(gx + b, gy) - win.sample(gx - b, gy)) / run;
            const double sy = (win.sample(gx, gy + b) - win.sample(gx, gy - b)) / run;
            const double d = reliefDetail(lons[std::size_t(i)], lat, std::hypot(sx, sy), params_);
            out.samples[std::size_t(j) * std::size_t(out.width) + std::size_t(i)] = float(h + d);
        }
    }
    return out;
}

}  // namespace plateau
