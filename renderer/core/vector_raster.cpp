#include "core/vector_raster.h"

#include <algorithm>
#include <cmath>

namespace plateau {
namespace {

constexpr int kSubRows = 4;        // vertical samples per pixel row for polygon fills
constexpr double kChunkPx = 16.0;  // long segments are stroked in pieces with small boxes

struct Px {
    double x, y;
};

// A canvas's float buffers (1.25 MiB for a 256-pixel tile), kept by each thread from one tile to
// the next: allocated per tile, each was a fresh mapping of the system's (the program serves
// large blocks by mmap, see app/process_memory.h), page-faulted in and unmapped again, for every
// overlay tile rasterised.
struct CanvasBuffers {
    std::vector<float> colour, cover, diff;
};

// Premultiplied RGBA accumulation plus one coverage plane for the feature being drawn. A
// feature's fill (or stroke) coverage is collected first and composited once, so overlapping
// parts of one feature (a line's joins, a polygon's outline segments) do not double its alpha.
class Canvas {
public:
    explicit Canvas(int size)
        : size_(size), colour_(buffers().colour), cover_(buffers().cover), diff_(buffers().diff) {
        colour_.assign(std::size_t(size) * std::size_t(size) * 4, 0.0f);  // keeps the capacity
        cover_.assign(std::size_t(size) * std::size_t(size), 0.0f);
        diff_.assign(std::size_t(size) + 2, 0.0f);
    }
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    int size() const { return size_; }

    void touch(int x0, int y0, int x1, int y1) {  // inclusive-exclusive pixel box
        dx0_ = std::min(dx0_, x0);
        dy0_ = std::min(dy0_, y0);
        dx1_ = std::max(dx1_, x1);
        dy1_ = std::max(dy1_, y1);
    }
    float& cover(int x, int y) { return cover_[std::size_t(y) * std::size_t(size_) + std::size_t(x)]; }

    // Coverage max-combined at (x, y).
    void cover(int x, int y, float c) {
        float& v = cover(x, y);
        v = std::max(v, c);
    }

    void composite(const Colour& c) {
        if (dx1_ <= dx0_ || dy1_ <= dy0_) return reset();
        for (int y = dy0_; y < dy1_; ++y)
            for (int x = dx0_; x < dx1_; ++x) {
                float& cov = cover(x, y);
                if (cov <= 0) continue;
                const float a = c[3] * std::min(cov, 1.0f);
                float* d = &colour_[(std::size_t(y) * std::size_t(size_) + std::size_t(x)) * 4];
                d[0] = c[0] * a + d[0] * (1 - a);
                d[1] = c[1] * a + d[1] * (1 - a);
                d[2] = c[2] * a + d[2] * (1 - a);
                d[3] = a + d[3] * (1 - a);
                cov = 0;
            }
        reset();
    }

    // Adds a horizontal span [a, b) of weight w to row `y` (exact fractional ends; whole pixels
    // go through a difference row resolved by endRow).
    void span(double a, double b, float w) {
        a = std::clamp(a, 0.0, double(size_));
        b = std::clamp(b, 0.0, double(size_));
        if (b <= a) return;
        const int ia = int(a), ib = int(b);
        if (ia == ib) {
            row_[ia] += float(b - a) * w;
            return;
        }
        row_[ia] += float(ia + 1 - a) * w;
        diff_[std::size_t(ia) + 1] += w;
        diff_[std::size_t(ib)] -= w;
        if (ib < size_) row_[ib] += float(b - ib) * w;
    }
    void beginRow(int y) { row_ = &cover(0, y); }
    void endRow(int y) {
        float run = 0;
        for (int x = 0; x < size_; ++x) {
            run += diff_[std::size_t(x)];
            diff_[std::size_t(x)] = 0;
            row_[x] = std::min(row_[x] + run, 1.0f);
        }
        diff_[std::size_t(size_)] = diff_[std::size_t(size_) + 1] = 0;
        touch(0, y, size_, y + 1);
    }

    OverlayImage finish(const TileId& id) const {
        OverlayImage img;
        img.id = id;
        img.size = size_;
        img.rgba.assign(colour_.size(), 0);
        bool any = false;
        for (std::size_t i = 0; i < colour_.size(); i += 4) {
            const float a = colour_[i + 3];
            const auto byte = [](float v) { return std::uint8_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
            const std::uint8_t a8 = byte(a);
            if (a8 == 0) continue;
            any = true;
            img.rgba[i + 0] = byte(colour_[i + 0] / a);
            img.rgba[i + 1] = byte(colour_[i + 1] / a);
            img.rgba[i + 2] = byte(colour_[i + 2] / a);
            img.rgba[i + 3] = a8;
        }
        img.transparent = !any;
        return img;
    }

private:
    void reset() {
        dx0_ = dy0_ = size_;
        dx1_ = dy1_ = 0;
    }
    static CanvasBuffers& buffers() {
        thread_local CanvasBuffers b;  // one canvas at a time per thread: rasterizeTile does not nest
        return b;
    }

    int size_;
    std::vector<float>& colour_;
    std::vector<float>& cover_;
    std::vector<float>& diff_;
    float* row_ = nullptr;
    int dx0_ = 1 << 30, dy0_ = 1 << 30, dx1_ = 0, dy1_ = 0;
};

struct Edge {
    double ya, yb, xa, dxdy;
};

void fillPolygon(Canvas& cv, const std::vector<std::vector<Px>>& rings) {
    const double size = cv.size();
    std::vector<Edge> edges;
    for (const auto& ring : rings) {
        const std::size_t n = ring.size();
        if (n < 3) continue;
        for (std::size_t i = 0; i < n; ++i) {
            Px a = ring[i], b = ring[(i + 1) % n];
            if (a.y == b.y) continue;
            if (a.y > b.y) std::swap(a, b);
            if (b.y <= 0 || a.y >= size) continue;
            edges.push_back({a.y, b.y, a.x, (b.x - a.x) / (b.y - a.y)});
        }
    }
    if (edges.empty()) return;
    std::sort(edges.begin(), edges.end(), [](const Edge& l, const Edge& r) { return l.ya < r.ya; });
    double yMax = 0;
    for (const auto& e : edges) yMax = std::max(yMax, e.yb);
    const int row0 = std::max(0, int(std::floor(edges.front().ya)));
    const int row1 = std::min(cv.size(), int(std::ceil(yMax)));
    std::vector<const Edge*> active;
    std::vector<double> xs;
    std::size_t next = 0;
    const float w = 1.0f / kSubRows;
    for (int row = row0; row < row1; ++row) {
        cv.beginRow(row);
        for (int k = 0; k < kSubRows; ++k) {
            const double sy = row + (k + 0.5) / kSubRows;
            while (next < edges.size() && edges[next].ya <= sy) active.push_back(&edges[next++]);
            std::erase_if(active, [sy](const Edge* e) { return e->yb <= sy; });
            xs.clear();
            for (const Edge* e : active)
                if (e->ya <= sy) xs.push_back(std::clamp(e->xa + (sy - e->ya) * e->dxdy, -1.0, size + 1.0));
            std::sort(xs.begin(), xs.end());
            for (std::size_t i = 0; i + 1 < xs.size(); i += 2) cv.span(xs[i], xs[i + 1], w);
        }
        cv.endRow(row);
    }
}

// Liang-Barsky clip of segment ab to the box [lo, hi]^2; false when nothing is left.
bool clipSegment(Px& a, Px& b, double lo, double hi) {
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - lo, hi - a.x, a.y - lo, hi - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    const Px a0 = a;
    a = {a0.x + t0 * dx, a0.y + t0 * dy};
    b = {a0.x + t1 * dx, a0.y + t1 * dy};
    return true;
}

// Coverage of a stroke `width` px wide: full within the half width, a one-pixel ramp outside.
// Lines thinner than a pixel are drawn one pixel wide and fainter, so they never break up.
struct Pen {
    double half;
    float alpha;
    explicit Pen(float width) : half(std::max(double(width), 1.0) / 2.0), alpha(std::min(width, 1.0f)) {}
};

void strokeSegment(Canvas& cv, Px a, Px b, const Pen& pen) {
    const double reach = pen.half + 1.0;
    if (!clipSegment(a, b, -reach, cv.size() + reach)) return;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    const double inv = len2 > 0 ? 1.0 / len2 : 0.0;
    const double outer = pen.half + 0.5;  // beyond this distance a pixel centre gets nothing
    const double outer2 = outer * outer;
    const int pieces = std::max(1, int(std::ceil(std::sqrt(len2) / kChunkPx)));
    for (int k = 0; k < pieces; ++k) {
        const double t0 = double(k) / pieces, t1 = double(k + 1) / pieces;
        const double x0 = a.x + dx * t0, x1 = a.x + dx * t1;
        const double y0 = a.y + dy * t0, y1 = a.y + dy * t1;
        const int px0 = std::max(0, int(std::floor(std::min(x0, x1) - reach)));
        const int px1 = std::min(cv.size(), int(std::ceil(std::max(x0, x1) + reach)));
        const int py0 = std::max(0, int(std::floor(std::min(y0, y1) - reach)));
        const int py1 = std::min(cv.size(), int(std::ceil(std::max(y0, y1) + reach)));
        if (px1 <= px0 || py1 <= py0) continue;
        for (int y = py0; y < py1; ++y) {
            const double ry = y + 0.5 - a.y;
            for (int x = px0; x < px1; ++x) {
                const double rx = x + 0.5 - a.x;
                const double t = std::clamp((rx * dx + ry * dy) * inv, 0.0, 1.0);
                const double ex = rx - t * dx, ey = ry - t * dy;
                const double d2 = ex * ex + ey * ey;
                if (d2 >= outer2) continue;
                const double c = outer - std::sqrt(d2);
                cv.cover(x, y, float(std::min(c, 1.0)) * pen.alpha);
            }
        }
        cv.touch(px0, py0, px1, py1);
    }
}

void strokePath(Canvas& cv, const std::vector<Px>& path, bool closed, const Pen& pen) {
    if (path.size() == 1) strokeSegment(cv, path[0], path[0], pen);
    for (std::size_t i = 0; i + 1 < path.size(); ++i) strokeSegment(cv, path[i], path[i + 1], pen);
    if (closed && path.size() > 2) strokeSegment(cv, path.back(), path.front(), pen);
}

// A disc of radius r (fill) or a ring of width `pen` on its rim (outline).
void disc(Canvas& cv, Px c, double r, const Pen* ring) {
    const double reach = r + (ring ? ring->half : 0.0) + 1.0;
    const int px0 = std::max(0, int(std::floor(c.x - reach))), px1 = std::min(cv.size(), int(std::ceil(c.x + reach)));
    const int py0 = std::max(0, int(std::floor(c.y - reach))), py1 = std::min(cv.size(), int(std::ceil(c.y + reach)));
    if (px1 <= px0 || py1 <= py0) return;
    for (int y = py0; y < py1; ++y)
        for (int x = px0; x < px1; ++x) {
            const double d = std::hypot(x + 0.5 - c.x, y + 0.5 - c.y);
            const double cov = ring ? (ring->half + 0.5 - std::fabs(d - r)) : (r + 0.5 - d);
            if (cov > 0) cv.cover(x, y, float(std::min(cov, 1.0)) * (ring ? ring->alpha : 1.0f));
        }
    cv.touch(px0, py0, px1, py1);
}

}  // namespace

double reachPx(const FeatureStyle& style, GeometryKind kind) {
    const double stroke = std::max(double(style.strokeWidthPx), 1.0) / 2.0 + 1.0;
    return kind == GeometryKind::Point ? style.pointSizePx / 2.0 + stroke : stroke;
}

OverlayImage rasterizeTile(const TileId& id, const std::vector<DrawItem>& items, int size,
                           const std::atomic<bool>* cancel) {
    Canvas cv(size);
    const MercatorRect rect = tileRect(id);
    const double scale = std::ldexp(double(size), id.z);
    std::vector<std::vector<Px>> parts;
    for (const DrawItem& item : items) {
        if (cancel && cancel->load(std::memory_order_relaxed)) break;
        if (!item.parts || !item.style) continue;
        const FeatureStyle& st = *item.style;
        parts.resize(item.parts->size());
        for (std::size_t i = 0; i < item.parts->size(); ++i) {
            const auto& src = (*item.parts)[i];
            parts[i].resize(src.size());
            for (std::size_t k = 0; k < src.size(); ++k)
                parts[i][k] = {(src[k].x - rect.minX) * scale, (src[k].y - rect.minY) * scale};
        }
        const Pen pen(st.strokeWidthPx);
        const bool stroke = st.stroke[3] > 0 && st.strokeWidthPx > 0;
        switch (item.kind) {
            case GeometryKind::Polygon:
                if (st.fill[3] > 0) {
                    fillPolygon(cv, parts);
                    cv.composite(st.fill);
                }
                if (stroke) {
                    for (const auto& ring : parts) strokePath(cv, ring, true, pen);
                    cv.composite(st.stroke);
                }
                break;
            case GeometryKind::Line:
                if (stroke) {
                    for (const auto& line : parts) strokePath(cv, line, false, pen);
                    cv.composite(st.stroke);
                }
                break;
            case GeometryKind::Point: {
                const double r = st.pointSizePx / 2.0;
                if (st.fill[3] > 0) {
                    for (const auto& p : parts)
                        if (!p.empty()) disc(cv, p[0], r, nullptr);
                    cv.composite(st.fill);
                }
                if (stroke) {
                    for (const auto& p : parts)
                        if (!p.empty()) disc(cv, p[0], r, &pen);
                    cv.composite(st.stroke);
                }
                break;
            }
        }
    }
    return cv.finish(id);
}

}  // namespace plateau
