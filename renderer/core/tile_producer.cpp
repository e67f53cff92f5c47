#include "core/tile_producer.h"

namespace plateau {

ProducedTile produceTile(TileSource& source, const TileId& id, const std::shared_ptr<const HeightGrid>& ancestorGrid,
                         const TileId& ancestorGridTile, const GridDirectory* around) {
    ProducedTile out;
    out.id = id;
    out.gridTile = id;
    if (source.hasTile(id)) {
        Result<HeightGrid> r = source.load(id);
        if (r.ok() && !r->empty()) out.grid = std::make_shared<const HeightGrid>(std::move(r.value()));
        else out.failure = r.ok() ? source.describe() + ": tile " + id.str() + " is empty" : r.error().message;
    }
    if (!out.grid) {
        // No data of its own: the nearest resident ancestor's heights stretch over it (shared,
        // not copied) so the view has no hole; with no ancestor (the root of a source whose data
        // starts deeper), the bare ellipsoid stands in, as a globe with no terrain would show.
        if (ancestorGrid) {
            out.grid = ancestorGrid;
            out.gridTile = ancestorGridTile;
        } else {
            HeightGrid flat;
            flat.width = flat.height = 16;
            flat.samples.assign(16 * 16, 0.0f);
            out.grid = std::make_shared<const HeightGrid>(std::move(flat));
        }
        out.fromAncestor = true;
    }
    const TileHeights heights(id, *out.grid, out.gridTile, around);
    out.mesh = buildTileMesh(id, heights, tileGridSize(), skirtDepthForLevel(id.z));
    out.edges = heights.sources();
    return out;
}

std::size_t residentBytes(const ProducedTile& t) {
    std::size_t n = sizeof(ProducedTile) + t.mesh.vertices.size() * sizeof(TerrainVertex);
    if (t.grid && t.gridTile == t.id) n += sizeof(HeightGrid) + t.grid->samples.size() * sizeof(float);
    return n;
}

}  // namespace plateau
