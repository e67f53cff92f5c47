#pragma once
// Heights around one tile, for meshing: its grid (its own, or an ancestor's through a window)
// and, past that grid's edges, the grids of the tiles next to it when they are resident. Tiles
// then agree on heights and slopes along shared edges instead of each extrapolating its own side
// of the edge, which showed as shading seams between tiles.
#include <array>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "core/height_grid.h"
#include "core/tile_id.h"

namespace plateau {

// Grids of tiles that have data of their own, resident or just decoded, shared between the
// workers (which add what they decode and read beside the tiles they mesh) and the thread that
// owns the tile store (which removes evicted and dropped tiles).
class GridDirectory {
public:
    void add(const TileId& id, std::shared_ptr<const HeightGrid> grid);
    void remove(const TileId& id);
    // The grid of `id`, else of its nearest ancestor at most `maxLevelsUp` levels up that has
    // one, and the tile it covers; {nullptr, id} when there is none.
    std::pair<std::shared_ptr<const HeightGrid>, TileId> covering(const TileId& id, int maxLevelsUp) const;

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<TileId, std::shared_ptr<const HeightGrid>, TileIdHash> grids_;
};

// The one owner of a GridDirectory (the tile store): everyone else reads the grids and asks the
// owner to add or remove, so the directory's contents follow a single set of rules. publish and
// withdraw are called from worker threads too.
class GridRegistry {
public:
    virtual ~GridRegistry() = default;
    virtual const GridDirectory& grids() const = 0;
    // A worker decoded a tile with data of its own: tiles meshed after it may read it.
    virtual void publish(const TileId& id, std::shared_ptr<const HeightGrid> grid) = 0;
    // A decoded tile will not become resident (dropped, or no GPU slot for it).
    virtual void withdraw(const TileId& id) = 0;
};

// Which grid a tile's mesh read beyond each side of its grid (west, east, north, south): the
// tile it covers, or none. Two meshes of a tile built from the same sources are identical.
using EdgeSources = std::array<std::optional<TileId>, 4>;

class TileHeights {
public:
    // `grid` covers `gridTile` (the tile itself or an ancestor) and must outlive this object.
    // The four tiles beside `gridTile` are looked up in `around` (may be null: no neighbours), at
    // their level or one coarser: farther up, the coarse heights would do worse at an edge than
    // holding the tile's own edge value.
    TileHeights(const TileId& tile, const HeightGrid& grid, const TileId& gridTile, const GridDirectory* around);

    bool empty() const { return own_.empty(); }
    // Bilinear height at the tile's coordinates (u east, v south; [0,1] inside). Past the edge
    // of the grid it reads the neighbouring grid, or holds the edge value where there is none.
    double at(double u, double v) const;
    // Whether there are data at (u, v): inside the grid's tile, or beside it in a resident
    // neighbour (not diagonally).
    bool covered(double u, double v) const;
    // Range of the grid samples under the tile (see GridWindow::minMax).
    void minMax(float& lo, float& hi) const { own_.minMax(lo, hi); }
    EdgeSources sources() const;

private:
    enum Side { West, East, North, South };
    struct Neighbour {
        std::shared_ptr<const HeightGrid> grid;  // keeps the window's grid alive
        GridWindow window;                       // in the neighbour's tile coordinates
        TileId covers;                           // the tile the grid covers
    };
    float pixel(int i, int j) const;

    GridWindow own_;
    std::array<Neighbour, 4> side_;
};

}  // namespace plateau
