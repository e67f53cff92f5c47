#pragma once
// Loads tiles on a pool of worker threads (fetch, decode, mesh), so the render thread never waits
// on disk or network. Each frame the caller replaces the wanted list, most important first:
// requests that are no longer wanted and have not started are cancelled. Finished tiles wait in
// a queue, most wanted first, until the render thread takes them (and uploads them within its
// budget); finished tiles the view no longer wants are dropped rather than uploaded late.
#include <memory>
#include <mutex>
#include <vector>

#include "core/job_queue.h"
#include "core/tile_producer.h"

namespace plateau {

struct TileRequest {
    TileId id;
    std::shared_ptr<const HeightGrid> ancestorGrid;  // nearest resident ancestor's heights...
    TileId ancestorGridTile;                         // ...and the tile they cover
    const TileId& key() const { return id; }
};

class AsyncTileLoader {
public:
    // With its own pool of `threads` workers (<= 0: see WorkerPool). maxPending bounds the queue
    // (lowest priority dropped). `around` (may be null): grids the workers read beside the tiles
    // they mesh; each tile decoded is added at once, so tiles produced after it in the same batch
    // see it.
    AsyncTileLoader(std::shared_ptr<TileSource> source, int threads = 0, std::size_t maxPending = 96,
                    GridRegistry* around = nullptr);
    // On a pool shared with other loaders (overlay layers).
    AsyncTileLoader(std::shared_ptr<TileSource> source, std::shared_ptr<WorkerPool> pool, std::size_t maxPending,
                    GridRegistry* around);

    // Terrain modifiers and the year for tiles produced from now on (a tile records the state it
    // was made with: ProducedTile::modifierKey, so one started before a change is recognised).
    void setModifiers(ModifierContext mods) {
        std::lock_guard lock(modsMutex_);
        mods_ = std::move(mods);
    }
    // Replaces the queue with `wanted` (most important first). Tiles already being produced or
    // waiting to be taken are not requested twice.
    void setWanted(std::vector<TileRequest> wanted) { queue_->setWanted(std::move(wanted)); }
    // Up to `max` finished tiles, most important first (by the latest wanted list).
    std::vector<ProducedTile> takeFinished(std::size_t max) { return queue_->takeFinished(max); }
    // True while anything is queued, in flight or finished but not taken.
    bool busy() const { return queue_->busy(); }
    // Produces the most important queued tile on the calling thread (a thread that would only
    // wait, e.g. while settling a view, lends its core). False when nothing was queued.
    bool helpOne() { return queue_->helpOne(); }
    // Blocks until a tile finishes or the timeout passes (for settling without spinning).
    void waitForProgress(double seconds) const { queue_->waitForProgress(seconds); }
    LoaderStats stats() const { return queue_->stats(); }
    int threadCount() const { return pool_->threadCount(); }
    const std::shared_ptr<WorkerPool>& pool() const { return pool_; }

private:
    ProducedTile produce(TileRequest& req);

    std::shared_ptr<TileSource> source_;
    GridRegistry* around_;  // may be null; outlives the loader
    mutable std::mutex modsMutex_;
    ModifierContext mods_;
    std::shared_ptr<WorkerPool> pool_;  // outlives the queue, which its workers call into
    std::unique_ptr<JobQueue<TileId, TileRequest, ProducedTile, TileIdHash>> queue_;
};

}  // namespace plateau
