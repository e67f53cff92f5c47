#pragma once
// Turning a tile id into drawable CPU data: fetch + decode from the source, or resample the
// nearest ancestor's heights when the tile has no data of its own, then build the mesh. A pure
// function of its inputs, safe to run on worker threads (the source must be thread-safe).
#include <memory>
#include <optional>
#include <string>

#include "core/height_grid.h"
#include "core/tile_heights.h"
#include "core/tile_mesh.h"
#include "core/terrain_modifiers.h"
#include "core/tile_source.h"

namespace plateau {

struct ProducedTile {
    TileId id;
    // The tile's heights: its own grid, or (fromAncestor) the grid of the ancestor it came from,
    // shared, which covers gridTile (see gridWindow).
    std::shared_ptr<const HeightGrid> grid;
    TileId gridTile;
    TileMesh mesh;
    EdgeSources edges;  // the neighbouring grids the mesh read
    bool fromAncestor = false;  // heights from gridTile (an ancestor), or flat if gridTile == id
    std::string failure;        // the source's one-line error when its data could not be used
    // Terrain modifiers (pits, dumps, ponds) change `grid`; baseGrid keeps the heights before
    // them (null when nothing was modified), which is what descendants are made from, so a
    // tile re-produced for another year never starts from heights modified for the old one.
    std::shared_ptr<const HeightGrid> baseGrid;
    std::uint64_t modifierKey = 0;  // TerrainModifiers::stateKey of the heights (0: unmodified)
    bool ok() const { return grid != nullptr; }
    const TileId& key() const { return id; }
    // Its grid holds real data of its own: the grids neighbours may read (see GridDirectory).
    bool hasOwnData() const { return ok() && !fromAncestor; }
};

// ancestorGrid: the nearest resident ancestor's grid and the tile it covers (gridTile of that
// ancestor; may be null for z0). Always returns a drawable tile: from the source, else from the
// ancestor's grid, else flat at height 0.
// `around` (may be null) has the resident grids beside it, so its edges agree with theirs.
// An exception from the source (hasTile, load) is caught and becomes the tile's failure, like an
// error Result: "<describe()>: tile 8/190/107: out of memory (std::bad_alloc)".
// `mods` (may be null): the modifiers and the year. A tile a modifier reaches gets a modified
// copy of its grid; one without data of its own gets a grid of its own resampled from the
// ancestor's (unmodified) heights first, so the modifier is drawn at the tile's resolution.
ProducedTile produceTile(TileSource& source, const TileId& id, const std::shared_ptr<const HeightGrid>& ancestorGrid,
                         const TileId& ancestorGridTile, const GridDirectory* around = nullptr,
                         const ModifierContext* mods = nullptr);
// The stand-in for a tile whose production failed outside the source (e.g. out of memory while
// meshing): drawn from the ancestor's grid (or flat), with `failure` as its error.
ProducedTile produceFailedTile(const TileId& id, const std::shared_ptr<const HeightGrid>& ancestorGrid,
                               const TileId& ancestorGridTile, const GridDirectory* around, std::string failure,
                               const ModifierContext* mods = nullptr);
// The mesh of a tile from its heights, with the modifiers' marks when its key is not 0.
TileMesh meshProducedTile(const TileId& id, const TileHeights& heights, std::uint64_t modifierKey,
                          const ModifierContext* mods);

// Bytes a resident tile holds (its own heights plus its mesh), for memory budgets. A grid shared
// from an ancestor counts with the ancestor, which selection keeps while the tile is in view.
std::size_t residentBytes(const ProducedTile& t);

}  // namespace plateau
