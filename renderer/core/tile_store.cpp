#include "core/tile_store.h"

namespace plateau {

TileStore::TileStore(std::shared_ptr<TileSource> source, Logger log)
    : source_(std::move(source)), log_(std::move(log)) {}

bool TileStore::hasData(const TileId& id) const { return source_ && source_->hasTile(id); }

bool TileStore::isResident(const TileId& id) const { return tiles_.count(id) != 0; }

std::optional<std::pair<float, float>> TileStore::heightRange(const TileId& id) const {
    const auto it = tiles_.find(id);
    if (it == tiles_.end()) return std::nullopt;
    return std::make_pair(it->second.mesh.minHeight, it->second.mesh.maxHeight);
}

bool TileStore::load(const TileId& id) {
    if (!id.valid()) return false;
    if (isResident(id)) return true;
    ResidentTile tile;
    bool haveGrid = false;
    std::string failure;
    if (hasData(id)) {
        Result<HeightGrid> r = source_->load(id);
        if (r.ok() && !r->empty()) {
            tile.grid = std::move(r.value());
            haveGrid = true;
        } else {
            failure = r.ok() ? source_->describe() + ": tile " + id.str() + " is empty" : r.error().message;
        }
    }
    const ResidentTile* ancestor = nullptr;
    TileId a = id;
    if (!haveGrid) {
        while (a.z > 0 && !ancestor) {
            a = a.parent();
            ancestor = find(a);
        }
    }
    // Once per tile: an evicted corrupt tile is loaded again and again, its message is not.
    if (!failure.empty() && failed_.insert(id).second && log_)
        log_(failure + (ancestor ? " (drawing " + id.str() + " from " + a.str() + ")" : " (nothing to draw instead)"));
    if (!haveGrid) {
        // No data of its own: stretch the nearest resident ancestor over it so the view has no hole.
        if (!ancestor) return false;
        tile.grid = upsampleFromAncestor(ancestor->grid, a, id);
        tile.fromAncestor = true;
    }
    tile.mesh = buildTileMesh(id, tile.grid, tileGridSize(), skirtDepthForLevel(id.z));
    tiles_.emplace(id, std::move(tile));
    return true;
}

const ResidentTile* TileStore::find(const TileId& id) const {
    const auto it = tiles_.find(id);
    return it == tiles_.end() ? nullptr : &it->second;
}

void TileStore::touch(const TileId& id, std::uint64_t frame) {
    const auto it = tiles_.find(id);
    if (it != tiles_.end()) it->second.lastUsedFrame = frame;
}

void TileStore::evict(const TileId& id) { tiles_.erase(id); }

}  // namespace plateau
