#pragma once
// Loads tiles on a pool of worker threads (fetch, decode, mesh), so the render thread never waits
// on disk or network. Each frame the caller replaces the wanted list, most important first:
// requests that are no longer wanted and have not started are cancelled. Finished tiles wait in
// a queue, most wanted first, until the render thread takes them (and uploads them within its
// budget); finished tiles the view no longer wants are dropped rather than uploaded late.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/tile_producer.h"

namespace plateau {

struct TileRequest {
    TileId id;
    std::shared_ptr<const HeightGrid> ancestorGrid;  // nearest resident ancestor's heights...
    TileId ancestorGridTile;                         // ...and the tile they cover
};

struct LoaderStats {
    std::uint64_t produced = 0;   // tiles finished by workers
    std::uint64_t cancelled = 0;  // requests dropped before they started
    std::uint64_t discarded = 0;  // finished tiles dropped because the view moved on
    double workerSeconds = 0;     // time workers spent producing
};

class AsyncTileLoader {
public:
    // threads <= 0: one per hardware thread but one, which is left to the render thread (and, on
    // a software rasteriser, to drawing). maxPending bounds the queue (lowest priority dropped).
    // `around` (may be null): grids the workers read beside the tiles they mesh; each tile
    // decoded is added at once, so tiles produced after it in the same batch see it.
    AsyncTileLoader(std::shared_ptr<TileSource> source, int threads = 0, std::size_t maxPending = 96,
                    std::shared_ptr<GridDirectory> around = nullptr);
    ~AsyncTileLoader();
    AsyncTileLoader(const AsyncTileLoader&) = delete;
    AsyncTileLoader& operator=(const AsyncTileLoader&) = delete;

    // Replaces the queue with `wanted` (most important first). Tiles already being produced or
    // waiting to be taken are not requested twice.
    void setWanted(std::vector<TileRequest> wanted);
    // Up to `max` finished tiles, most important first (by the latest wanted list).
    std::vector<ProducedTile> takeFinished(std::size_t max);
    // True while anything is queued, in flight or finished but not taken.
    bool busy() const;
    // Produces the most important queued tile on the calling thread (a thread that would only
    // wait, e.g. while settling a view, lends its core). False when nothing was queued.
    bool helpOne();
    // Blocks until a tile finishes or the timeout passes (for settling without spinning).
    void waitForProgress(double seconds) const;
    LoaderStats stats() const;
    int threadCount() const { return int(workers_.size()); }

private:
    void workerLoop();
    // Runs one request popped under the lock; returns with the lock held again.
    void produce(std::unique_lock<std::mutex>& lock);

    std::shared_ptr<TileSource> source_;
    std::shared_ptr<GridDirectory> around_;
    std::size_t maxPending_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable progress_;
    std::deque<TileRequest> pending_;
    std::unordered_set<TileId, TileIdHash> inFlight_;
    std::vector<ProducedTile> finished_;
    std::unordered_set<TileId, TileIdHash> finishedIds_;
    std::unordered_map<TileId, std::size_t, TileIdHash> rank_;  // position in the wanted list
    LoaderStats stats_;
    bool stop_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace plateau
