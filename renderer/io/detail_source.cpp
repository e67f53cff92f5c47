#include "io/detail_source.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace plateau {

namespace {
constexpr std::size_t kBaseCacheSize = 32;     // 256 KB each: the base tiles under a view and their neighbours
constexpr double kSlopeBaselinePixels = 2.0;   // slope from heights 2 base pixels either side

TileId ancestorAt(const TileId& id, int z) {
    TileId t = id;
    while (t.z > z) t = t.parent();
    return t;
}
}  // namespace

// Base tiles as one raster in global pixel coordinates at the base zoom (pixel centres at
// integer + 0.5, like HeightGrid). Tiles that are not loaded (outside the source) read as the
// nearest pixel of the tile's own base tile.
struct DetailSource::Mosaic {
    int zoom = 0;
    int size = 256;  // pixels per tile side
    int count = 0;
    std::array<TileId, 9> ids{};
    std::array<std::shared_ptr<const HeightGrid>, 9> grids{};

    float pixel(long gx, long gy) const {
        const long world = (1L << zoom) * size;
        gy = std::clamp(gy, 0L, world - 1);
        gx = ((gx % world) + world) % world;
        const int tx = int(gx / size), ty = int(gy / size);
        for (int k = 0; k < count; ++k)
            if (ids[std::size_t(k)].x == tx && ids[std::size_t(k)].y == ty)
                return grids[std::size_t(k)]->at(int(gx % size), int(gy % size));
        const TileId& o = ids[0];
        const long lx = std::clamp(gx - long(o.x) * size, 0L, long(size - 1));
        const long ly = std::clamp(gy - long(o.y) * size, 0L, long(size - 1));
        return grids[0]->at(int(lx), int(ly));
    }
};

namespace {

// The mosaic's pixels over a small window (a tile's footprint plus the slope stencil), copied
// once so that the per-sample bilinear reads are plain array reads.
template <class M>
struct MosaicWindow {
    long x0 = 0, y0 = 0;
    int w = 0, h = 0;
    std::vector<float> px;

    MosaicWindow(const M& m, double gxMin, double gyMin, double gxMax, double gyMax) {
        x0 = long(std::floor(gxMin - 0.5)) - 2;
        y0 = long(std::floor(gyMin - 0.5)) - 2;
        w = int(long(std::ceil(gxMax + 0.5)) + 3 - x0);
        h = int(long(std::ceil(gyMax + 0.5)) + 3 - y0);
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
    // Catmull-Rom bicubic at global pixel coordinates: passes through every base sample like
    // bilinear, but with a continuous gradient, so the 1 km DEM cells do not show as facets in
    // the shading of close views.
    double cubic(double gx, double gy) const {
        const double x = gx - 0.5 - double(x0), y = gy - 0.5 - double(y0);
        const double fx0 = std::floor(x), fy0 = std::floor(y);
        const int i = std::clamp(int(fx0), 1, w - 3), j = std::clamp(int(fy0), 1, h - 3);
        const double tx = x - fx0, ty = y - fy0;
        auto weights = [](double t, double* c) {
            const double t2 = t * t, t3 = t2 * t;
            c[0] = 0.5 * (-t3 + 2.0 * t2 - t);
            c[1] = 0.5 * (3.0 * t3 - 5.0 * t2 + 2.0);
            c[2] = 0.5 * (-3.0 * t3 + 4.0 * t2 + t);
            c[3] = 0.5 * (t3 - t2);
        };
        double cx[4], cy[4];
        weights(tx, cx);
        weights(ty, cy);
        double sum = 0.0;
        for (int r = 0; r < 4; ++r) {
            const float* row = &px[std::size_t(j - 1 + r) * std::size_t(w) + std::size_t(i - 1)];
            sum += cy[r] * (cx[0] * row[0] + cx[1] * row[1] + cx[2] * row[2] + cx[3] * row[3]);
        }
        return sum;
    }
    // The detailed height at global base pixel (gx, gy), which is at (lon, lat); `run` is the
    // ground length of the slope stencil (m), `spacing` the asking level's sample spacing (m).
    double height(double gx, double gy, double lon, double lat, double run, double spacing,
                  const ReliefDetailParams& p) const {
        const double b = kSlopeBaselinePixels;
        const double sx = (sample(gx + b, gy) - sample(gx - b, gy)) / run;
        const double sy = (sample(gx, gy + b) - sample(gx, gy - b)) / run;
        return cubic(gx, gy) + reliefDetail(lon, lat, std::hypot(sx, sy), spacing, p);
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
    if (grid->empty() || grid->width != grid->height)
        return makeError(id.str() + " from " + inner_->describe() + ": base tile is not a square grid");
    auto g = std::make_shared<const HeightGrid>(std::move(*grid));
    std::lock_guard lock(mutex_);
    cache_.emplace_front(id, g);
    if (cache_.size() > kBaseCacheSize) cache_.pop_back();
    return g;
}

Result<std::shared_ptr<DetailSource::Mosaic>> DetailSource::gather(const TileId& own, double px0, double py0,
                                                                   double span) {
    auto ownGrid = base(own);
    if (!ownGrid) return ownGrid.error();
    auto m = std::make_shared<Mosaic>();
    m->zoom = own.z;
    m->size = (*ownGrid)->width;
    m->ids[0] = own;
    m->grids[0] = *ownGrid;
    m->count = 1;
    const double reach = kSlopeBaselinePixels + 2.0;
    const int n = 1 << own.z;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            if (!dx && !dy) continue;
            const bool nearX = dx < 0 ? px0 < reach : dx > 0 ? px0 + span > m->size - reach : true;
            const bool nearY = dy < 0 ? py0 < reach : dy > 0 ? py0 + span > m->size - reach : true;
            const int ny = own.y + dy;
            if (!nearX || !nearY || ny < 0 || ny >= n) continue;
            const TileId nb{own.z, ((own.x + dx) % n + n) % n, ny};
            if (!inner_->hasTile(nb)) continue;
            auto g = base(nb);
            if (!g || (*g)->width != m->size) continue;  // read as the nearest pixel of `own`
            m->ids[std::size_t(m->count)] = nb;
            m->grids[std::size_t(m->count)] = *g;
            ++m->count;
        }
    return m;
}

Result<HeightGrid> DetailSource::load(const TileId& id) {
    const int baseZoom = inner_->maxZoom();
    if (id.z <= baseZoom) return inner_->load(id);
    if (id.z > maxZoom()) return makeError(id.str() + " from " + describe() + ": beyond the deepest level");

    const TileId own = ancestorAt(id, baseZoom);
    const int shift = id.z - baseZoom;
    // Base pixels per tile side comes from the base grid; the position within `own` in tiles.
    auto probe = base(own);
    if (!probe) return probe.error();
    const int size = (*probe)->width;
    const double scale = double(size) / double(1 << shift);
    const double px0 = (id.x % (1 << shift)) * scale, py0 = (id.y % (1 << shift)) * scale;
    auto m = gather(own, px0, py0, scale);
    if (!m) return m.error();
    const double b = kSlopeBaselinePixels;
    const double gx0 = double(own.x) * size + px0, gy0 = double(own.y) * size + py0;
    const MosaicWindow<Mosaic> win(**m, gx0 - b, gy0 - b, gx0 + scale + b, gy0 + scale + b);

    HeightGrid out;
    out.width = size;
    out.height = size;
    out.samples.resize(std::size_t(size) * std::size_t(size));
    const double step = scale / size;  // base pixels per output pixel
    // Web Mercator: longitude depends on u alone, latitude on v alone.
    std::vector<double> lons(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
        double lat;
        tileUVToLonLat(id, (i + 0.5) / size, 0.5, lons[std::size_t(i)], lat);
    }
    for (int j = 0; j < size; ++j) {
        double lon, lat;
        tileUVToLonLat(id, 0.5, (j + 0.5) / size, lon, lat);
        const double gy = gy0 + (j + 0.5) * step;
        const double run = 2.0 * b * webMercatorPixelMetres(baseZoom, lat, size);
        const double spacing = webMercatorPixelMetres(id.z, lat, size);
        for (int i = 0; i < size; ++i) {
            const double gx = gx0 + (i + 0.5) * step;
            out.samples[std::size_t(j) * std::size_t(size) + std::size_t(i)] =
                float(win.height(gx, gy, lons[std::size_t(i)], lat, run, spacing, params_));
        }
    }
    return out;
}

Result<double> DetailSource::heightAt(double lonDeg, double latDeg, int z) {
    const int baseZoom = inner_->maxZoom();
    z = std::clamp(z, baseZoom + 1, maxZoom());
    const TileId own = lonLatToTile(lonDeg, latDeg, baseZoom);
    auto probe = base(own);
    if (!probe) return probe.error();
    const int size = (*probe)->width;
    double u, v;
    lonLatToTileUV(own, lonDeg, latDeg, u, v);
    auto m = gather(own, u * size, v * size, 0.0);
    if (!m) return m.error();
    const double b = kSlopeBaselinePixels;
    const double gx = (own.x + u) * size, gy = (own.y + v) * size;
    const MosaicWindow<Mosaic> win(**m, gx - b, gy - b, gx + b, gy + b);
    const double run = 2.0 * b * webMercatorPixelMetres(baseZoom, latDeg, size);
    return win.height(gx, gy, lonDeg, latDeg, run, webMercatorPixelMetres(z, latDeg, size), params_);
}

}  // namespace plateau
