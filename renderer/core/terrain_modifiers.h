#pragma once
// The scene's terrain modifiers (pits, dumps, ponds: core/terrain_modifier.h) applied to tiles.
// Immutable once built and shared by the workers that produce tiles. Which modifiers a tile shows
// depends only on the tile and the modifier (never on what else is resident), and what it shows
// at a year is summarised by a key, so the residency can tell which resident tiles a change of
// year has made stale without looking at their heights.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/height_grid.h"
#include "core/terrain_modifier.h"
#include "core/tile_mesh.h"

namespace plateau {

class TerrainModifiers {
public:
    explicit TerrainModifiers(std::vector<TerrainModifier> list);

    const std::vector<TerrainModifier>& list() const { return list_; }
    bool empty() const { return list_.empty(); }

    // Indices of the modifiers the tile shows: those whose outline reaches into the tile and is
    // at least two pixels of a 256-px grid across (smaller ones change nothing visible, and
    // leaving coarse tiles alone spares re-producing them when the year changes).
    std::vector<std::size_t> affecting(const TileId& id) const;
    // A summary of the states of the modifiers the tile shows at `year`; 0 when none is active
    // there. Equal keys: the tile's heights are modified the same way.
    std::uint64_t stateKey(const TileId& id, double year) const;
    // Modifies a grid covering `tile` in place; false (untouched) when nothing applies.
    bool apply(HeightGrid& grid, const TileId& tile, double year) const;
    // Marks for the shader at a point of the modified surface (height h); zero outside.
    SurfaceMark markAt(double lon, double lat, double h, double year) const;
    // Writes the marks into a tile mesh built from modified heights (skirts take their edge's).
    void markMesh(TileMesh& mesh, int gridSize, double year) const;
    // Map labels of the modifiers active at `year`, at their outlines' centres.
    struct Label {
        double lon = 0, lat = 0;
        std::string text;
    };
    std::vector<Label> labels(double year) const;
    // Picking: the modifier active at `year` whose outline holds (lon, lat) (the last listed of
    // overlapping ones, as it is applied last), with its state and the card text.
    struct Pick {
        std::size_t index = 0;  // into list()
        ModifierStage state;
        std::string text;       // as the map label: name, dates, depth, height or level
    };
    std::optional<Pick> pick(double lon, double lat, double year) const;
    // Selection refines tiles under a modifier down to this level (mesh spacing about 30 m at
    // 30 N), as it does under draped data, so benches and floors are drawn at their size.
    bool wantsDetailBelow(const TileId& id) const;
    static constexpr int kDetailZoom = 15;

private:
    std::vector<TerrainModifier> list_;
    std::vector<ModifierShape> shapes_;
};

// What a worker needs to modify the tile it produces: the set (may be null) and the year.
struct ModifierContext {
    std::shared_ptr<const TerrainModifiers> set;
    double year = 0;
};

}  // namespace plateau
