#include "core/label_layout.h"

#include <algorithm>
#include <numeric>

namespace plateau {

namespace {

struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

}  // namespace

bool hiddenBehindSurface(const std::vector<float>& depth, int width, int height, double x, double y,
                         double distance_m, double nearM) {
    if (depth.empty() || x < 0 || y < 0 || x >= width || y >= height) return false;
    if (depth.size() < std::size_t(width) * std::size_t(height)) return false;
    const float d = depth[std::size_t(y) * std::size_t(width) + std::size_t(x)];
    // Something drawn in front of the point by more than a little (the point lies on the
    // surface, which the level of detail may draw a few metres off): hidden.
    if (d <= 0.0f) return false;
    const double surface = nearM / double(d);
    return surface < distance_m * 0.98 - 30.0;
}

std::vector<std::size_t> layoutLabels(const std::vector<LabelCandidate>& c, const std::vector<float>& depth, int width,
                                      int height, double nearM) {
    std::vector<std::size_t> order(c.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return c[a].priority > c[b].priority; });
    std::vector<Box> taken;
    std::vector<std::size_t> out;
    for (std::size_t i : order) {
        const LabelCandidate& l = c[i];
        if (l.distance_m <= 0 || l.x < 0 || l.y < 0 || l.x >= width || l.y >= height) continue;
        if (hiddenBehindSurface(depth, width, height, l.x, l.y, l.distance_m, nearM)) continue;
        const Box b{l.x - 4.0, l.y - l.height * 0.5 - 2.0, l.x + 8.0 + l.width, l.y + l.height * 0.5 + 2.0};
        if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return t.overlaps(b); })) continue;
        taken.push_back(b);
        out.push_back(i);
    }
    return out;
}

}  // namespace plateau
