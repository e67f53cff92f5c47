#include "core/tile_normals.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/geodesy.h"
#include "terrain_shared.h"

namespace plateau {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
}

int tileNormalSize() { return PLATEAU_NORMAL_SIZE; }

int normalLevels(int size) {
    int levels = 1;
    while (size > 1 && (size - 1) % (2 << (levels - 1)) == 0 && (size - 1) / (2 << (levels - 1)) + 1 >= 5) ++levels;
    return levels;
}

NormalLevel normalLevel(int size, int level) {
    const auto side = [size](int l) { return (size - 1) / (1 << l) + 1; };
    if (level == 0) return {0, 0, size};
    if (level == 1) return {size, 0, side(1)};
    int x = size;
    for (int k = 2; k < level; ++k) x += side(k);
    return {x, side(1), side(level)};
}

int normalAtlasWidth(int size) { return normalLevels(size) > 1 ? size + normalLevel(size, 1).size : size; }

glm::dvec3 tileNormalAt(const TileNormals& m, int level, int i, int j, double exaggeration) {
    const NormalLevel l = normalLevel(m.size, level);
    const std::size_t t = (std::size_t(l.y + j) * std::size_t(m.width) + std::size_t(l.x + i)) * 2;
    return decodeTileNormal(m.texels[t], m.texels[t + 1], exaggeration);
}

namespace {

// Fills levels 1.. from level 0: [1 2 1] in both directions around the texel below; edge texels
// along their edge only, corners kept, so a level's edge depends only on the edge below it.
void buildLevels(TileNormals& m) {
    const int levels = normalLevels(m.size);
    const auto W = std::size_t(m.width);
    for (int level = 1; level < levels; ++level) {
        const NormalLevel src = normalLevel(m.size, level - 1), dst = normalLevel(m.size, level);
        const auto get = [&](int i, int j, int c) {
            return decodeNormalComponent(m.texels[(std::size_t(src.y + j) * W + std::size_t(src.x + i)) * 2 + std::size_t(c)]);
        };
        const int last = dst.size - 1;
        for (int j = 0; j < dst.size; ++j) {
            for (int i = 0; i < dst.size; ++i) {
                const int si = 2 * i, sj = 2 * j;
                const bool edgeI = i == 0 || i == last, edgeJ = j == 0 || j == last;
                for (int c = 0; c < 2; ++c) {
                    double sum = 0, weight = 0;
                    for (int dj = -1; dj <= 1; ++dj) {
                        if (edgeJ && dj != 0) continue;
                        for (int di = -1; di <= 1; ++di) {
                            if (edgeI && di != 0) continue;
                            const double w = (di == 0 ? 2.0 : 1.0) * (dj == 0 ? 2.0 : 1.0);
                            sum += w * get(si + di, sj + dj, c);
                            weight += w;
                        }
                    }
                    m.texels[(std::size_t(dst.y + j) * W + std::size_t(dst.x + i)) * 2 + std::size_t(c)] =
                        encodeNormalComponent(sum / weight);
                }
            }
        }
    }
}

}  // namespace

std::int8_t encodeNormalComponent(double c) {
    c = std::clamp(c, -1.0, 1.0);
    const double s = std::copysign(std::sqrt(std::abs(c)), c);
    return std::int8_t(std::lround(s * 127.0));
}

double decodeNormalComponent(std::int8_t q) {
    const double s = std::max(double(q) / 127.0, -1.0);
    return s * std::abs(s);
}

glm::dvec3 decodeTileNormal(std::int8_t east, std::int8_t north, double exaggeration) {
    const double e = decodeNormalComponent(east), n = decodeNormalComponent(north);
    const double up = std::sqrt(std::max(0.0, 1.0 - e * e - n * n));
    return glm::normalize(glm::dvec3(e * exaggeration, n * exaggeration, up));
}

TileNormals buildTileNormals(const TileId& id, const TileHeights& heights, int size) {
    TileNormals out;
    if (size < 2) return out;
    out.size = size;
    out.width = normalAtlasWidth(size);
    out.height = size;
    const auto n = std::size_t(size);
    out.texels.assign(std::size_t(out.width) * n * 2, 0);
    if (heights.empty()) return out;

    // Texel k of a row or column sits at t = k / (size - 1); k = -1 and size are one spacing
    // outside, where neighbours' grids are read. Heights are sampled once on that lattice.
    const double step = 1.0 / double(size - 1);
    const std::size_t w = n + 2;
    std::vector<double> lon(w), lat(w);
    for (int k = -1; k <= size; ++k) {
        double dummy = 0;
        tileUVToLonLat(id, k * step, 0.0, lon[std::size_t(k + 1)], dummy);
        tileUVToLonLat(id, 0.0, k * step, dummy, lat[std::size_t(k + 1)]);
    }
    // Whether a neighbour has data depends only on the side, so one probe per side decides.
    const bool west = heights.covered(-step, 0.5), east = heights.covered(1.0 + step, 0.5);
    const bool north = heights.covered(0.5, -step), south = heights.covered(0.5, 1.0 + step);
    thread_local std::vector<double> h;  // kept from tile to tile, as in meshGeometricError
    h.assign(w * w, 0.0);
    const auto H = [&](int i, int j) -> double& { return h[std::size_t(j + 1) * w + std::size_t(i + 1)]; };
    for (int j = -1; j <= size; ++j) {
        if ((j < 0 && !north) || (j == size && !south)) continue;
        for (int i = -1; i <= size; ++i) {
            if ((i < 0 && !west) || (i == size && !east)) continue;
            if ((i < 0 || i == size) && (j < 0 || j == size)) continue;  // corners: never read
            H(i, j) = heights.at(i * step, j * step);
        }
    }

    // The east spacing is the same for every column (Mercator columns are even in longitude).
    const double dLon = (lon[2] - lon[0]) * kDeg;
    for (int j = 0; j < size; ++j) {
        const double phi = lat[std::size_t(j + 1)] * kDeg;
        const double sp = std::sin(phi);
        const double ws = std::sqrt(1.0 - wgs84::e2 * sp * sp);
        const double radiusN = wgs84::a / ws;                                // prime vertical
        const double radiusM = wgs84::a * (1.0 - wgs84::e2) / (ws * ws * ws);  // meridian
        const int jn = (j > 0 || north) ? j - 1 : j, js = (j + 1 < size || south) ? j + 1 : j;
        const double dNorth = (lat[std::size_t(jn + 1)] - lat[std::size_t(js + 1)]) * kDeg * radiusM;
        const double eastPerStep = 0.5 * dLon * radiusN * std::cos(phi);
        for (int i = 0; i < size; ++i) {
            const int iw = (i > 0 || west) ? i - 1 : i, ie = (i + 1 < size || east) ? i + 1 : i;
            const double dEast = double(ie - iw) * eastPerStep;
            const double dhdx = dEast > 0 ? (H(ie, j) - H(iw, j)) / dEast : 0.0;
            const double dhdy = dNorth > 0 ? (H(i, jn) - H(i, js)) / dNorth : 0.0;
            const glm::dvec3 nl = glm::normalize(glm::dvec3(-dhdx, -dhdy, 1.0));
            const std::size_t t = (std::size_t(j) * std::size_t(out.width) + std::size_t(i)) * 2;
            out.texels[t] = encodeNormalComponent(nl.x);
            out.texels[t + 1] = encodeNormalComponent(nl.y);
        }
    }
    buildLevels(out);
    return out;
}

}  // namespace plateau
