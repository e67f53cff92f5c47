#include "core/flow_outline.h"

#include <algorithm>

namespace plateau {

namespace {

// A boundary edge between two cell corners, corner id = y * (width + 1) + x, directed so the
// inside is on its right in the raster's y-down frame (clockwise on screen).
struct Edge {
    std::int64_t from, to;
    bool used = false;
};

}  // namespace

std::vector<std::vector<LonLat>> maskOutline(const FlowRaster& r, const std::vector<std::uint8_t>& mask) {
    std::vector<std::vector<LonLat>> rings;
    if (r.width <= 0 || r.height <= 0 || mask.size() != r.size()) return rings;
    const std::int64_t w = r.width, h = r.height, cw = w + 1;
    const auto inside = [&](std::int64_t i, std::int64_t j) {
        return i >= 0 && j >= 0 && i < w && j < h && mask[std::size_t(j * w + i)] != 0;
    };
    std::vector<Edge> edges;
    for (std::int64_t j = 0; j < h; ++j)
        for (std::int64_t i = 0; i < w; ++i) {
            if (!inside(i, j)) continue;
            const std::int64_t tl = j * cw + i, tr = tl + 1, bl = tl + cw, br = bl + 1;
            if (!inside(i, j - 1)) edges.push_back({tl, tr});
            if (!inside(i + 1, j)) edges.push_back({tr, br});
            if (!inside(i, j + 1)) edges.push_back({br, bl});
            if (!inside(i - 1, j)) edges.push_back({bl, tl});
        }
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
    });
    const auto xOf = [&](std::int64_t c) { return c % cw; };
    const auto yOf = [&](std::int64_t c) { return c / cw; };
    const auto corner = [&](std::int64_t c) {
        return LonLat{r.west + double(xOf(c)) * r.cellLon, r.north - double(yOf(c)) * r.cellLat};
    };
    // The unused edge leaving `at`; of two (cells touching at a corner), the right turn, which
    // keeps the ring around the cells it started on.
    const auto next = [&](std::int64_t at, std::int64_t dx, std::int64_t dy) -> Edge* {
        auto lo = std::lower_bound(edges.begin(), edges.end(), at,
                                   [](const Edge& e, std::int64_t v) { return e.from < v; });
        Edge* pick = nullptr;
        for (auto it = lo; it != edges.end() && it->from == at; ++it) {
            if (it->used) continue;
            const std::int64_t ex = xOf(it->to) - xOf(at), ey = yOf(it->to) - yOf(at);
            if (ex == -dy && ey == dx) return &*it;  // right turn
            if (!pick) pick = &*it;
        }
        return pick;
    };

    for (Edge& start : edges) {
        if (start.used) continue;
        std::vector<LonLat> ring{corner(start.from)};
        Edge* e = &start;
        std::int64_t dx = 0, dy = 0;
        while (e) {
            e->used = true;
            const std::int64_t ex = xOf(e->to) - xOf(e->from), ey = yOf(e->to) - yOf(e->from);
            if ((ex != dx || ey != dy) && e != &start) ring.push_back(corner(e->from));
            dx = ex, dy = ey;
            if (e->to == start.from) break;
            e = next(e->to, dx, dy);
        }
        ring.push_back(ring.front());
        rings.push_back(std::move(ring));
    }
    return rings;
}

}  // namespace plateau
