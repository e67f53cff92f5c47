#include "core/tile_producer.h"

#include <exception>
#include <new>

namespace plateau {

namespace {

// The source's heights for the tile, or (failure set) none. Sources report errors as Result, but
// a library they call may still throw (std::bad_alloc from a huge allocation, a GDAL or JSON
// exception): on a worker thread that would end the process, so it becomes this tile's error.
std::shared_ptr<const HeightGrid> loadOwnGrid(TileSource& source, const TileId& id, std::string& failure) {
    const auto what = [&](const char* kind, const char* detail) {
        failure = source.describe() + ": tile " + id.str() + ": " + kind + " (" + detail + ")";
    };
    try {
        if (!source.hasTile(id)) return nullptr;
        Result<HeightGrid> r = source.load(id);
        if (r.ok() && !r->empty()) return std::make_shared<const HeightGrid>(std::move(r.value()));
        failure = r.ok() ? source.describe() + ": tile " + id.str() + " is empty" : r.error().message;
    } catch (const std::bad_alloc& e) {
        what("out of memory", e.what());
    } catch (const std::exception& e) {
        what("unexpected error", e.what());
    } catch (...) {
        what("unexpected error", "not a std::exception");
    }
    return nullptr;
}

// No data of its own: the nearest resident ancestor's heights stretch over it (shared, not
// copied) so the view has no hole; with no ancestor (the root of a source whose data starts
// deeper), the bare ellipsoid stands in, as a globe with no terrain would show.
void useAncestor(ProducedTile& out, const std::shared_ptr<const HeightGrid>& ancestorGrid,
                 const TileId& ancestorGridTile) {
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

// Grid size of a tile made from its ancestor's heights for a modifier: at z+1 of a 256-px
// ancestor this is every ancestor sample, deeper it is finer than the 33-vertex mesh needs.
constexpr int kResampledGrid = 128;

void modify(ProducedTile& out, const ModifierContext* mods) {
    if (!mods || !mods->set) return;
    out.modifierKey = mods->set->stateKey(out.id, mods->year);
    if (out.modifierKey == 0) return;
    HeightGrid g;
    if (out.fromAncestor) {
        const GridWindow w = gridWindow(*out.grid, out.gridTile, out.id);
        g.width = g.height = kResampledGrid;
        g.samples.resize(std::size_t(kResampledGrid) * kResampledGrid);
        for (int j = 0; j < kResampledGrid; ++j)
            for (int i = 0; i < kResampledGrid; ++i)
                g.samples[std::size_t(j * kResampledGrid + i)] =
                    w.sample((i + 0.5) / kResampledGrid, (j + 0.5) / kResampledGrid);
        out.baseGrid = std::make_shared<const HeightGrid>(g);
        out.gridTile = out.id;
        out.fromAncestor = false;
    } else {
        g = *out.grid;
        out.baseGrid = out.grid;
    }
    mods->set->apply(g, out.id, mods->year);
    out.grid = std::make_shared<const HeightGrid>(std::move(g));
}

void buildMesh(ProducedTile& out, const GridDirectory* around, const ModifierContext* mods) {
    const TileHeights heights(out.id, *out.grid, out.gridTile, around);
    out.mesh = meshProducedTile(out.id, heights, out.modifierKey, mods);
    out.edges = heights.sources();
}

}  // namespace

ProducedTile produceTile(TileSource& source, const TileId& id, const std::shared_ptr<const HeightGrid>& ancestorGrid,
                         const TileId& ancestorGridTile, const GridDirectory* around, const ModifierContext* mods) {
    ProducedTile out;
    out.id = id;
    out.gridTile = id;
    out.grid = loadOwnGrid(source, id, out.failure);
    if (!out.grid) useAncestor(out, ancestorGrid, ancestorGridTile);
    modify(out, mods);
    buildMesh(out, around, mods);
    return out;
}

TileMesh meshProducedTile(const TileId& id, const TileHeights& heights, std::uint64_t modifierKey,
                          const ModifierContext* mods) {
    TileMesh mesh = buildTileMesh(id, heights, tileGridSize(), skirtDepthForLevel(id.z));
    if (modifierKey != 0 && mods && mods->set) mods->set->markMesh(mesh, tileGridSize(), mods->year);
    return mesh;
}

ProducedTile produceFailedTile(const TileId& id, const std::shared_ptr<const HeightGrid>& ancestorGrid,
                               const TileId& ancestorGridTile, const GridDirectory* around, std::string failure,
                               const ModifierContext* mods) {
    ProducedTile out;
    out.id = id;
    out.gridTile = id;
    out.failure = std::move(failure);
    useAncestor(out, ancestorGrid, ancestorGridTile);
    modify(out, mods);
    buildMesh(out, around, mods);
    return out;
}

std::size_t residentBytes(const ProducedTile& t) {
    std::size_t n = sizeof(ProducedTile) + t.mesh.vertices.size() * sizeof(TerrainVertex) + t.mesh.normals.texels.size();
    if (t.grid && t.gridTile == t.id) n += sizeof(HeightGrid) + t.grid->samples.size() * sizeof(float);
    if (t.baseGrid && t.baseGrid != t.grid) n += sizeof(HeightGrid) + t.baseGrid->samples.size() * sizeof(float);
    return n;
}

}  // namespace plateau
