#include "core/async_loader.h"

#include <algorithm>
#include <chrono>

namespace plateau {

AsyncTileLoader::AsyncTileLoader(std::shared_ptr<TileSource> source, int threads, std::size_t maxPending,
                                 std::shared_ptr<GridDirectory> around)
    : source_(std::move(source)), around_(std::move(around)), maxPending_(maxPending) {
    if (threads <= 0) threads = int(std::max(2u, std::thread::hardware_concurrency()) - 1);
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
}

AsyncTileLoader::~AsyncTileLoader() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
        stats_.cancelled += pending_.size();
        pending_.clear();
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

void AsyncTileLoader::setWanted(std::vector<TileRequest> wanted) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        std::unordered_set<TileId, TileIdHash> keep;
        std::deque<TileRequest> next;
        for (auto& r : wanted) {
            if (next.size() >= maxPending_) break;
            if (inFlight_.count(r.id) || finishedIds_.count(r.id) || !keep.insert(r.id).second) continue;
            next.push_back(std::move(r));
        }
        for (const auto& r : pending_)
            if (!keep.count(r.id)) ++stats_.cancelled;
        pending_ = std::move(next);

        // Finished tiles wait for the render thread's upload budget. When workers outpace it
        // while the view moves, tiles for places already flown past would fill that budget frame
        // after frame and starve the tiles on screen: keep only the wanted ones, best first.
        rank_.clear();
        for (std::size_t i = 0; i < wanted.size(); ++i) rank_.emplace(wanted[i].id, i);
        std::vector<ProducedTile> kept;
        for (auto& t : finished_) {
            if (rank_.count(t.id)) {
                kept.push_back(std::move(t));
            } else {
                finishedIds_.erase(t.id);
                if (around_ && t.hasOwnData()) around_->remove(t.id);
                ++stats_.discarded;
            }
        }
        std::stable_sort(kept.begin(), kept.end(),
                         [&](const ProducedTile& a, const ProducedTile& b) { return rank_[a.id] < rank_[b.id]; });
        finished_ = std::move(kept);
    }
    wake_.notify_all();
}

std::vector<ProducedTile> AsyncTileLoader::takeFinished(std::size_t max) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::size_t n = std::min(max, finished_.size());
    std::vector<ProducedTile> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        finishedIds_.erase(finished_[i].id);
        out.push_back(std::move(finished_[i]));
    }
    finished_.erase(finished_.begin(), finished_.begin() + long(n));
    return out;
}

bool AsyncTileLoader::busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !pending_.empty() || !inFlight_.empty() || !finished_.empty();
}

void AsyncTileLoader::waitForProgress(double seconds) const {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!finished_.empty() || (pending_.empty() && inFlight_.empty())) return;
    progress_.wait_for(lock, std::chrono::duration<double>(seconds));
}

LoaderStats AsyncTileLoader::stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
}

bool AsyncTileLoader::helpOne() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stop_ || pending_.empty()) return false;
    produce(lock);
    return true;
}

void AsyncTileLoader::workerLoop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stop_ || !pending_.empty(); });
        if (stop_) return;
        produce(lock);
    }
}

void AsyncTileLoader::produce(std::unique_lock<std::mutex>& lock) {
    TileRequest req = std::move(pending_.front());
    pending_.pop_front();
    inFlight_.insert(req.id);
    lock.unlock();
    const auto t0 = std::chrono::steady_clock::now();
    ProducedTile tile = produceTile(*source_, req.id, req.ancestorGrid, req.ancestorGridTile, around_.get());
    if (around_ && tile.hasOwnData()) around_->add(tile.id, tile.grid);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    lock.lock();
    inFlight_.erase(req.id);
    ++stats_.produced;
    stats_.workerSeconds += secs;
    finishedIds_.insert(tile.id);
    // In wanted order (tiles wanted no longer go last, to be dropped by the next setWanted).
    const auto rankOf = [&](const TileId& id) {
        const auto it = rank_.find(id);
        return it == rank_.end() ? SIZE_MAX : it->second;
    };
    const std::size_t r = rankOf(tile.id);
    const auto pos = std::find_if(finished_.begin(), finished_.end(),
                                  [&](const ProducedTile& t) { return rankOf(t.id) > r; });
    finished_.insert(pos, std::move(tile));
    progress_.notify_all();
}

}  // namespace plateau
