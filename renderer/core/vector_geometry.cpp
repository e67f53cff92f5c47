#include "core/vector_geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace plateau {

MercatorPoint toMercator(const LonLat& p) { return {(p.lon + 180.0) / 360.0, latToMercatorY(p.lat)}; }

LonLat fromMercator(const MercatorPoint& p) { return {p.x * 360.0 - 180.0, mercatorYToLat(p.y)}; }

MercatorRect toMercator(const LonLatBounds& b) {
    // North has the smaller y.
    return {(b.west + 180.0) / 360.0, latToMercatorY(b.north), (b.east + 180.0) / 360.0, latToMercatorY(b.south)};
}

MercatorRect tileRect(const TileId& id) {
    const double s = std::ldexp(1.0, -id.z);
    return {id.x * s, id.y * s, (id.x + 1) * s, (id.y + 1) * s};
}

double mercatorPixel(int z, int tileSize) { return std::ldexp(1.0, -z) / tileSize; }

double mercatorPerMetre(double latDeg) {
    const double c = std::max(std::cos(latDeg * std::numbers::pi / 180.0), 1e-6);
    return 1.0 / (kWebMercatorWorldMetres * c);
}

std::vector<MercatorPart> toMercator(const std::vector<std::vector<LonLat>>& parts) {
    std::vector<MercatorPart> out;
    out.reserve(parts.size());
    for (const auto& part : parts) {
        MercatorPart m;
        m.reserve(part.size());
        for (const auto& p : part) m.push_back(toMercator(p));
        out.push_back(std::move(m));
    }
    return out;
}

double distanceToSegment(const MercatorPoint& p, const MercatorPoint& a, const MercatorPoint& b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

MercatorPart simplify(const MercatorPart& part, double tolerance) {
    if (part.size() <= 2 || tolerance <= 0) return part;
    std::vector<char> keep(part.size(), 0);
    keep.front() = keep.back() = 1;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, part.size() - 1}};
    while (!stack.empty()) {
        const auto [first, last] = stack.back();
        stack.pop_back();
        double worst = -1;
        std::size_t at = first;
        for (std::size_t i = first + 1; i < last; ++i) {
            const double d = distanceToSegment(part[i], part[first], part[last]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst > tolerance) {
            keep[at] = 1;
            if (at - first > 1) stack.emplace_back(first, at);
            if (last - at > 1) stack.emplace_back(at, last);
        }
    }
    MercatorPart out;
    for (std::size_t i = 0; i < part.size(); ++i)
        if (keep[i]) out.push_back(part[i]);
    return out;
}

bool insideEvenOdd(const std::vector<MercatorPart>& rings, const MercatorPoint& p) {
    bool inside = false;
    for (const auto& ring : rings) {
        const std::size_t n = ring.size();
        if (n < 3) continue;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const auto& a = ring[i];
            const auto& b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
        }
    }
    return inside;
}

double ringArea(const MercatorPart& ring) {
    double s = 0;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n ? n - 1 : 0; i < n; j = i++) s += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
    return std::fabs(s) * 0.5;
}

}  // namespace plateau
