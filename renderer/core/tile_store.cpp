#include "core/tile_store.h"

#include <algorithm>

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

std::optional<double> TileStore::meshError(const TileId& id) const {
    const auto it = tiles_.find(id);
    if (it == tiles_.end()) return std::nullopt;
    return double(it->second.mesh.geometricError);
}

namespace {
// A produced tile's data becomes the resident tile's (its use bookkeeping stays).
void takeProduced(ResidentTile& r, ProducedTile&& t) {
    r.bytes = residentBytes(t);
    r.grid = std::move(t.grid);
    r.gridTile = t.gridTile;
    r.mesh = std::move(t.mesh);
    r.edges = t.edges;
    r.fromAncestor = t.fromAncestor;
    r.baseGrid = std::move(t.baseGrid);
    r.modifierKey = t.modifierKey;
}
}  // namespace

std::pair<std::shared_ptr<const HeightGrid>, TileId> TileStore::nearestAncestor(const TileId& id) const {
    TileId a = id;
    while (a.z > 0) {
        a = a.parent();
        if (const ResidentTile* t = find(a)) return {t->baseGrid ? t->baseGrid : t->grid, t->gridTile};
    }
    return {nullptr, id};
}

bool TileStore::load(const TileId& id) {
    if (!id.valid()) return false;
    if (isResident(id)) return true;
    auto [grid, ancestor] = nearestAncestor(id);
    return insert(produceTile(*source_, id, grid, ancestor, &directory_));
}

bool TileStore::insert(ProducedTile&& t) {
    // Once per tile: an evicted corrupt tile is loaded again and again, its message is not. And
    // once per message: a source that failed as a whole (its folder deleted) says so once, not
    // for every tile after.
    if (!t.failure.empty() && failed_.insert(t.id).second && messages_.size() < 100'000 &&
        messages_.insert(t.failure).second && log_)
        log_(t.failure + (t.gridTile == t.id ? " (drawing " + t.id.str() + " flat)"
                                             : " (drawing " + t.id.str() + " from " + t.gridTile.str() + ")"));
    if (!t.ok() || isResident(t.id)) return t.ok();
    ResidentTile r;
    if (t.hasOwnData()) directory_.add(t.id, t.grid);
    const TileId id = t.id;
    takeProduced(r, std::move(t));
    bytes_ += r.bytes;
    tiles_.emplace(id, std::move(r));
    return true;
}

void TileStore::replace(ProducedTile&& t) {
    const auto it = tiles_.find(t.id);
    if (it == tiles_.end() || !t.ok()) return;
    ResidentTile& r = it->second;
    bytes_ -= r.bytes;
    if (!r.fromAncestor && !t.hasOwnData()) directory_.remove(t.id);
    if (t.hasOwnData()) directory_.add(t.id, t.grid);
    takeProduced(r, std::move(t));
    bytes_ += r.bytes;
}

std::vector<TileId> TileStore::residentIds() const {
    std::vector<TileId> out;
    out.reserve(tiles_.size());
    for (const auto& [id, t] : tiles_) out.push_back(id);
    return out;
}

void TileStore::replaceMesh(const TileId& id, TileMesh mesh, const EdgeSources& edges) {
    const auto it = tiles_.find(id);
    if (it == tiles_.end()) return;
    it->second.mesh = std::move(mesh);  // same vertex count: the byte count stays
    it->second.edges = edges;
}

const ResidentTile* TileStore::find(const TileId& id) const {
    const auto it = tiles_.find(id);
    return it == tiles_.end() ? nullptr : &it->second;
}

void TileStore::touch(const TileId& id, std::uint64_t frame) {
    const auto it = tiles_.find(id);
    if (it != tiles_.end()) it->second.lastUsedFrame = frame;
}

void TileStore::evict(const TileId& id) {
    const auto it = tiles_.find(id);
    if (it == tiles_.end()) return;
    bytes_ -= it->second.bytes;
    if (!it->second.fromAncestor) directory_.remove(id);
    tiles_.erase(it);
}

std::vector<TileId> TileStore::evictionCandidates(std::uint64_t frame) const {
    std::vector<std::pair<std::uint64_t, TileId>> c;
    for (const auto& [id, t] : tiles_)
        if (t.lastUsedFrame < frame) c.emplace_back(t.lastUsedFrame, id);
    // Oldest first; among equally old, finer tiles first (their parents are cheaper to keep).
    std::sort(c.begin(), c.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return a.second.z > b.second.z || (a.second.z == b.second.z && a.second < b.second);
    });
    std::vector<TileId> out;
    out.reserve(c.size());
    for (auto& p : c) out.push_back(p.second);
    return out;
}

}  // namespace plateau

namespace plateau {
void TileStore::publish(const TileId& id, std::shared_ptr<const HeightGrid> grid) { directory_.add(id, std::move(grid)); }
}  // namespace plateau
