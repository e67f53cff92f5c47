#include "core/tile_residency.h"

#include <chrono>

namespace plateau {

TileResidency::TileResidency(std::shared_ptr<TileSource> source, TileUploader& uploader, TileStore::Logger log,
                             MemoryBudget budget, int loaderThreads)
    : store_(source, std::move(log)), loader_(source, loaderThreads), uploader_(uploader), budget_(budget) {}

bool TileResidency::insertAndUpload(ProducedTile&& tile) {
    if (!tile.ok() || store_.isResident(tile.id)) {
        store_.insert(std::move(tile));  // logs a failure once
        return false;
    }
    // The GPU and the store hold the same tiles: a tile is drawable when it is in the store.
    if (!uploader_.upload(tile.mesh)) {
        evictTo(budget_.cpuBytes, uploader_.capacity() * 3 / 4);
        if (!uploader_.upload(tile.mesh)) return false;  // everything resident is in view
    }
    const TileId id = tile.id;
    store_.insert(std::move(tile));
    store_.touch(id, frame_);
    ++uploadedTotal_;
    return true;
}

void TileResidency::touchDrawn() {
    // Drawn tiles and all their ancestors stay: selection descends through the ancestors.
    for (const TileId& id : draw_) {
        TileId t = id;
        while (true) {
            store_.touch(t, frame_);
            if (t.z == 0) break;
            t = t.parent();
        }
    }
}

void TileResidency::evictTo(std::size_t targetBytes, std::size_t targetTiles) {
    touchDrawn();
    if (store_.bytes() <= targetBytes && store_.size() <= targetTiles) return;
    for (const TileId& id : store_.evictionCandidates(frame_)) {
        if (store_.bytes() <= targetBytes && store_.size() <= targetTiles) break;
        uploader_.release(id);
        store_.evict(id);
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
    touchDrawn();
    std::vector<TileRequest> wanted;
    wanted.reserve(sel.load.size());
    for (const TileId& id : sel.load) {
        auto [grid, ancestor] = store_.nearestAncestor(id);
        wanted.push_back(TileRequest{id, std::move(grid), ancestor});
    }
    loader_.setWanted(std::move(wanted));
    evictTo(budget_.cpuBytes, uploader_.capacity());

    out.selection = sel.stats;
    out.drawn = int(draw_.size());
    out.missing = int(sel.load.size());
    out.settled = sel.load.empty();
    return out;
}

FrameResidency TileResidency::settle(const Camera& cam, const SelectionParams& params, double timeoutSeconds) {
    const auto start = std::chrono::steady_clock::now();
    int uploaded = 0;
    while (true) {
        FrameResidency r = update(cam, params, SIZE_MAX);
        uploaded += r.uploaded;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (r.settled || elapsed > timeoutSeconds) {
            r.uploaded = uploaded;
            return r;
        }
        // Nothing to draw until settled: this thread produces tiles too instead of waiting.
        if (!loader_.helpOne()) loader_.waitForProgress(0.05);
    }
}

}  // namespace plateau
