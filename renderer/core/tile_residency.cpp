#include "core/tile_residency.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace plateau {

TileResidency::TileResidency(std::shared_ptr<TileSource> source, TileUploader& uploader, TileStore::Logger log,
                             MemoryBudget budget, int loaderThreads)
    : store_(source, std::move(log)),
      loader_(source, loaderThreads, 96, &store_),
      uploader_(uploader),
      budget_(budget) {}

std::uint64_t TileResidency::expectedKey(const TileId& id) const {
    return mods_.set ? mods_.set->stateKey(id, mods_.year) : 0;
}

void TileResidency::setModifiers(std::shared_ptr<const TerrainModifiers> set, double year) {
    if (set == mods_.set && (year == mods_.year || !set)) return;  // without modifiers years do not matter
    mods_ = {std::move(set), year};
    loader_.setModifiers(mods_);
    for (const TileId& id : store_.residentIds()) {
        if (store_.find(id)->modifierKey != expectedKey(id)) stale_.insert(id);
        else stale_.erase(id);
    }
}

bool TileResidency::refresh(ProducedTile&& tile) {
    const TileId id = tile.id;
    const ResidentTile* r = store_.find(id);
    // Taken even when the year has moved on while it was produced (a playing timeline moves
    // every frame): it is nearer the current state than the tile drawn, and stays stale, so it
    // is asked for again. One production per tile is in flight at a time, so none arrives out
    // of order.
    if (stale_.count(id) && uploader_.replace(tile.mesh)) {
        const bool current = tile.modifierKey == expectedKey(id);
        store_.replace(std::move(tile));
        if (current) stale_.erase(id);
        ++refreshedTotal_;
        return true;
    }
    // Kept as it is: the worker published the new tile's grid, the resident one's goes back.
    if (!r->fromAncestor) store_.publish(id, r->grid);
    else if (tile.hasOwnData()) store_.withdraw(id);
    return false;
}

bool TileResidency::insertAndUpload(ProducedTile&& tile) {
    if (tile.ok() && store_.isResident(tile.id)) return refresh(std::move(tile));
    if (!tile.ok() || store_.isResident(tile.id)) {
        store_.insert(std::move(tile));  // logs a failure once
        return false;
    }
    // The GPU and the store hold the same tiles: a tile is drawable when it is in the store.
    if (!uploader_.upload(tile.mesh)) {
        // Room for a frame's uploads or two, not more: the store holds the same tiles as the
        // GPU, and a wide swing (it was a quarter of the slots) made the decoded tiles' memory
        // swing by as much, so the heap kept reaching new high-water marks long after the pool
        // had filled. Eviction is cheap enough to run every few frames.
        evictTo(budget_.cpuBytes, uploader_.capacity() - std::max<std::size_t>(uploader_.capacity() / 16, 1));
        if (!uploader_.upload(tile.mesh)) {  // everything resident is in view
            if (tile.hasOwnData()) store_.withdraw(tile.id);
            return false;
        }
    }
    const TileId id = tile.id;
    // Produced for a year the view has left meanwhile: drawn until its replacement is ready.
    if (tile.modifierKey != expectedKey(id)) stale_.insert(id);
    store_.insert(std::move(tile));
    store_.touch(id, frame_);
    ++uploadedTotal_;
    return true;
}

void TileResidency::touchUsed() {
    // Not only drawn tiles and their ancestors: selection descends into a tile only when all its
    // visible children are resident, so a visible child with nothing drawn under it must stay too.
    for (const TileId& id : used_) store_.touch(id, frame_);
}

void TileResidency::evictTo(std::size_t targetBytes, std::size_t targetTiles) {
    touchUsed();
    if (store_.bytes() <= targetBytes && store_.size() <= targetTiles) return;
    for (const TileId& id : store_.evictionCandidates(frame_)) {
        if (store_.bytes() <= targetBytes && store_.size() <= targetTiles) break;
        uploader_.release(id);
        store_.evict(id);
        stale_.erase(id);
        ++evictedTotal_;
    }
}

FrameResidency TileResidency::update(const Camera& cam, const SelectionParams& params, std::size_t uploadLimit) {
    ++frame_;
    FrameResidency out;
    for (ProducedTile& t : loader_.takeFinished(uploadLimit))
        if (insertAndUpload(std::move(t))) ++out.uploaded;

    Selection sel = selectTiles(cam, params, store_);
    draw_ = std::move(sel.draw);
    used_ = std::move(sel.used);  // touched by evictTo below
    // Stale tiles: drawn ones are produced again first (the view shows them), other used ones
    // (ancestors the selection walks through) after the missing tiles, unused ones are dropped.
    std::vector<TileId> staleDrawn, staleUsed;
    if (!stale_.empty()) {
        const std::unordered_set<TileId, TileIdHash> drawn(draw_.begin(), draw_.end());
        const std::unordered_set<TileId, TileIdHash> used(used_.begin(), used_.end());
        for (const TileId& id : std::vector<TileId>(stale_.begin(), stale_.end())) {
            if (drawn.count(id)) staleDrawn.push_back(id);
            else if (used.count(id)) staleUsed.push_back(id);
            else {
                uploader_.release(id);
                store_.evict(id);
                stale_.erase(id);
                ++evictedTotal_;
            }
        }
        std::sort(staleDrawn.begin(), staleDrawn.end());  // a stable order: the same view, the same requests
        std::sort(staleUsed.begin(), staleUsed.end());
    }
    std::vector<TileRequest> wanted;
    wanted.reserve(staleDrawn.size() + sel.load.size() + staleUsed.size() + sel.prefetch.size());
    for (const auto* list : {&staleDrawn, &sel.load, &staleUsed, &sel.prefetch}) {
        for (const TileId& id : *list) {
            auto [grid, ancestor] = store_.nearestAncestor(id);
            wanted.push_back(TileRequest{id, std::move(grid), ancestor});
        }
    }
    loader_.setWanted(std::move(wanted));
    evictTo(budget_.cpuBytes, uploader_.capacity());

    out.selection = sel.stats;
    out.drawn = int(draw_.size());
    out.missing = int(sel.load.size() + staleDrawn.size());
    // Stale ancestors count too: their grids give drawn tiles their edges (and, with measured
    // mesh errors, decide how deep the selection goes), so a view is settled only when no grid
    // it reads is of another year.
    out.settled = sel.load.empty() && staleDrawn.empty() && staleUsed.empty();
    return out;
}

int TileResidency::makeEdgesDeterministic() {
    GridDirectory settledGrids;
    for (const TileId& d : draw_) {
        for (TileId t = d;; t = t.parent()) {
            const ResidentTile* r = store_.find(t);
            if (r && !r->fromAncestor) settledGrids.add(t, r->grid);
            if (t.z == 0) break;
        }
    }
    struct Rebuild {
        TileId id;
        EdgeSources edges;
        TileMesh mesh;
    };
    std::vector<Rebuild> todo;
    for (const TileId& d : draw_) {
        const ResidentTile* r = store_.find(d);
        if (!r) continue;
        const EdgeSources edges = TileHeights(d, *r->grid, r->gridTile, &settledGrids).sources();
        // Where a modifier reaches, a neighbour's grid may have been of another year when the
        // tile was meshed: rebuild it from the settled grids whatever sources it read.
        const bool reached = mods_.set && !mods_.set->affecting(d).empty();
        if (edges != r->edges || reached) todo.push_back({d, edges, {}});
    }
    // Meshing is the cost: split it with a second thread (the store is only read meanwhile).
    const auto build = [&](std::size_t begin, std::size_t step) {
        for (std::size_t k = begin; k < todo.size(); k += step) {
            const ResidentTile* r = store_.find(todo[k].id);
            todo[k].mesh = meshProducedTile(todo[k].id, TileHeights(todo[k].id, *r->grid, r->gridTile, &settledGrids),
                                            r->modifierKey, &mods_);
        }
    };
    if (todo.size() > 8) {
        std::thread other(build, 1, 2);
        build(0, 2);
        other.join();
    } else {
        build(0, 1);
    }
    int rebuilt = 0;
    for (Rebuild& b : todo) {
        if (!uploader_.replace(b.mesh)) continue;  // no free GPU slot: keep the mesh it has
        store_.replaceMesh(b.id, std::move(b.mesh), b.edges);
        ++rebuilt;
    }
    return rebuilt;
}

FrameResidency TileResidency::settle(const Camera& cam, const SelectionParams& params, double timeoutSeconds,
                                     const std::function<void()>& onFirstDrawable) {
    const auto start = std::chrono::steady_clock::now();
    int uploaded = 0;
    bool drewPartial = !onFirstDrawable;
    while (true) {
        FrameResidency r = update(cam, params, SIZE_MAX);
        uploaded += r.uploaded;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (r.settled || elapsed > timeoutSeconds) {
            if (r.settled && stableEdges_) r.edgesRebuilt = makeEdgesDeterministic();
            r.uploaded = uploaded;
            return r;
        }
        if (!drewPartial && !draw_.empty()) {
            drewPartial = true;
            onFirstDrawable();
            continue;  // tiles finished meanwhile
        }
        // Nothing to draw until settled: this thread produces tiles too instead of waiting.
        if (!loader_.helpOne()) loader_.waitForProgress(0.05);
    }
}

}  // namespace plateau
