#include "core/tile_heights.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace plateau {

void GridDirectory::add(const TileId& id, std::shared_ptr<const HeightGrid> grid) {
    std::unique_lock lock(mutex_);
    grids_[id] = std::move(grid);
}

void GridDirectory::remove(const TileId& id) {
    std::unique_lock lock(mutex_);
    grids_.erase(id);
}

std::pair<std::shared_ptr<const HeightGrid>, TileId> GridDirectory::covering(const TileId& id, int maxLevelsUp) const {
    std::shared_lock lock(mutex_);
    TileId t = id;
    for (int up = 0; up <= maxLevelsUp; ++up, t = t.parent()) {
        if (const auto it = grids_.find(t); it != grids_.end()) return {it->second, t};
        if (t.z == 0) break;
    }
    return {nullptr, id};
}

TileHeights::TileHeights(const TileId& tile, const HeightGrid& grid, const TileId& gridTile,
                         const GridDirectory* around)
    : own_(gridWindow(grid, gridTile, tile)) {
    if (!around || grid.empty()) return;
    const int n = 1 << gridTile.z;
    const auto wrapX = [n](int x) { return ((x % n) + n) % n; };  // across the antimeridian
    const TileId beside[4] = {{gridTile.z, wrapX(gridTile.x - 1), gridTile.y},
                              {gridTile.z, wrapX(gridTile.x + 1), gridTile.y},
                              {gridTile.z, gridTile.x, gridTile.y - 1},
                              {gridTile.z, gridTile.x, gridTile.y + 1}};
    for (int s = 0; s < 4; ++s) {
        if (!beside[s].valid() || beside[s] == gridTile) continue;
        auto [g, covers] = around->covering(beside[s], 1);
        if (!g || g->empty()) continue;
        side_[std::size_t(s)].window = gridWindow(*g, covers, beside[s]);
        side_[std::size_t(s)].covers = covers;
        side_[std::size_t(s)].grid = std::move(g);
    }
}

EdgeSources TileHeights::sources() const {
    EdgeSources out;
    for (std::size_t s = 0; s < 4; ++s)
        if (side_[s].grid) out[s] = side_[s].covers;
    return out;
}

float TileHeights::pixel(int i, int j) const {
    const HeightGrid& g = *own_.grid;
    const bool west = i < 0, east = i >= g.width, north = j < 0, south = j >= g.height;
    if (!west && !east && !north && !south) return g.at(i, j);
    // No diagonal neighbours: beyond a corner, and beyond a side without a neighbour, the row or
    // column holds its edge value; what is left is read across a side. Both tiles of an edge then
    // take the same samples at its ends, too.
    if ((north || south) && ((west || east) || !side_[north ? North : South].grid)) j = std::clamp(j, 0, g.height - 1);
    if ((west || east) && !side_[west ? West : East].grid) i = std::clamp(i, 0, g.width - 1);
    if (i >= 0 && j >= 0 && i < g.width && j < g.height) return g.at(i, j);
    // The pixel centre in the grid tile's coordinates, then in the neighbour's.
    const double pu = (i + 0.5) / g.width, pv = (j + 0.5) / g.height;
    if (i < 0) return side_[West].window.sample(pu + 1.0, pv);
    if (i >= g.width) return side_[East].window.sample(pu - 1.0, pv);
    if (j < 0) return side_[North].window.sample(pu, pv + 1.0);
    return side_[South].window.sample(pu, pv - 1.0);
}

double TileHeights::at(double u, double v) const {
    if (empty()) return 0.0;
    const HeightGrid& g = *own_.grid;
    // Pixel centres sit at (i + 0.5) / width of the grid's tile.
    const double x = (own_.ox + u * own_.scale) * g.width - 0.5;
    const double y = (own_.oy + v * own_.scale) * g.height - 0.5;
    const double fi = std::floor(x), fj = std::floor(y);
    const int i0 = int(fi), j0 = int(fj);
    const double fx = x - fi, fy = y - fj;
    float h00 = 0, h10 = 0, h01 = 0, h11 = 0;
    if (i0 >= 0 && j0 >= 0 && i0 + 1 < g.width && j0 + 1 < g.height) {
        h00 = g.at(i0, j0), h10 = g.at(i0 + 1, j0), h01 = g.at(i0, j0 + 1), h11 = g.at(i0 + 1, j0 + 1);
    } else {
        h00 = pixel(i0, j0), h10 = pixel(i0 + 1, j0), h01 = pixel(i0, j0 + 1), h11 = pixel(i0 + 1, j0 + 1);
    }
    const double top = h00 * (1.0 - fx) + h10 * fx;
    const double bottom = h01 * (1.0 - fx) + h11 * fx;
    return top * (1.0 - fy) + bottom * fy;
}

bool TileHeights::covered(double u, double v) const {
    if (empty()) return false;
    const double gu = own_.ox + u * own_.scale, gv = own_.oy + v * own_.scale;
    const bool inU = gu >= 0.0 && gu <= 1.0, inV = gv >= 0.0 && gv <= 1.0;
    if (inU && inV) return true;
    if (gu < 0.0 && inV) return side_[West].grid != nullptr;
    if (gu > 1.0 && inV) return side_[East].grid != nullptr;
    if (gv < 0.0 && inU) return side_[North].grid != nullptr;
    if (gv > 1.0 && inU) return side_[South].grid != nullptr;
    return false;
}

}  // namespace plateau
