#pragma once
// A loader's queue, run by a WorkerPool: each frame the caller replaces the wanted list, most
// important first; requests no longer wanted that have not started are cancelled. Finished
// results wait, most wanted first, until the render thread takes them (within its upload
// budget); finished results the view no longer wants are dropped rather than uploaded late.
// Terrain tiles and every overlay layer use this one queue type with their own key and result.
// The bytes finished results hold count against the pool's limit (see WorkerPool): at the limit
// no request starts until the render thread takes results.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/worker_pool.h"

namespace plateau {

struct LoaderStats {
    std::uint64_t produced = 0;   // results finished by workers
    std::uint64_t cancelled = 0;  // requests dropped before they started
    std::uint64_t discarded = 0;  // finished results dropped because the view moved on
    double workerSeconds = 0;     // time workers spent producing
};

// Request and Output each have `key()`; Hash hashes Key.
template <class Key, class Request, class Output, class Hash>
class JobQueue final : public WorkerPool::Client {
public:
    // `produce` runs on worker threads and must not throw (wrap what may); `bytesOf` is the
    // memory a result holds; `onDiscard` runs under the queue's lock for finished results nobody
    // wants any more (may be empty).
    JobQueue(WorkerPool& pool, std::function<Output(Request&)> produce, std::function<std::size_t(const Output&)> bytesOf,
             std::size_t maxPending, std::function<void(Output&)> onDiscard = {})
        : pool_(pool),
          produce_(std::move(produce)),
          bytesOf_(std::move(bytesOf)),
          onDiscard_(std::move(onDiscard)),
          maxPending_(maxPending) {
        pool_.attach(this);
    }
    ~JobQueue() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
            stats_.cancelled += pending_.size();
            pending_.clear();
        }
        pool_.detach(this);
        // The pool may outlive this queue (it is shared): results never taken stop counting.
        for (const Output& t : finished_) pool_.releaseHeld(bytesOf_(t));
    }
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    void setWanted(std::vector<Request> wanted) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            std::unordered_set<Key, Hash> keep;
            std::deque<Request> next;
            for (auto& r : wanted) {
                if (next.size() >= maxPending_) break;
                const Key k = r.key();
                if (inFlight_.count(k) || finishedIds_.count(k) || !keep.insert(k).second) continue;
                next.push_back(std::move(r));
            }
            for (const auto& r : pending_)
                if (!keep.count(r.key())) ++stats_.cancelled;
            pending_ = std::move(next);

            // Finished results wait for the render thread's upload budget. When workers outpace
            // it while the view moves, results for places already flown past would fill that
            // budget frame after frame and starve what is on screen: keep only the wanted ones.
            rank_.clear();
            for (std::size_t i = 0; i < wanted.size(); ++i) rank_.emplace(wanted[i].key(), i);
            std::vector<Output> kept;
            for (auto& t : finished_) {
                if (rank_.count(t.key())) {
                    kept.push_back(std::move(t));
                } else {
                    finishedIds_.erase(t.key());
                    release(t);
                    if (onDiscard_) onDiscard_(t);
                    ++stats_.discarded;
                }
            }
            std::stable_sort(kept.begin(), kept.end(),
                             [&](const Output& a, const Output& b) { return rank_[a.key()] < rank_[b.key()]; });
            finished_ = std::move(kept);
        }
        pool_.notify();
    }

    std::vector<Output> takeFinished(std::size_t max) {
        std::lock_guard<std::mutex> lock(mutex_);
        const std::size_t n = std::min(max, finished_.size());
        std::vector<Output> out;
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            finishedIds_.erase(finished_[i].key());
            release(finished_[i]);
            out.push_back(std::move(finished_[i]));
        }
        finished_.erase(finished_.begin(), finished_.begin() + long(n));
        return out;
    }

    bool busy() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return !pending_.empty() || !inFlight_.empty() || !finished_.empty();
    }
    bool isPending(const Key& k) const {
        std::lock_guard<std::mutex> lock(mutex_);
        return inFlight_.count(k) || finishedIds_.count(k) ||
               std::any_of(pending_.begin(), pending_.end(), [&](const Request& r) { return r.key() == k; });
    }

    // Blocks until a result finishes or the timeout passes (for settling without spinning).
    void waitForProgress(double seconds) const {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!finished_.empty() || (pending_.empty() && inFlight_.empty())) return;
        progress_.wait_for(lock, std::chrono::duration<double>(seconds));
    }

    LoaderStats stats() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return stats_;
    }

    // What the pool's workers call: produces the most important queued request, unless the
    // pool's results already hold its limit. False when nothing was started.
    bool runOne() override { return produceNext(true); }
    // Produces the most important queued request on the calling thread, whatever the results
    // hold: a thread that would only wait for results (settling a view) takes them right after,
    // and a settle loop that serves only the overlay layers must not stall behind terrain tiles
    // waiting to be taken. False when nothing was queued.
    bool helpOne() { return produceNext(false); }

private:
    bool produceNext(bool withinHeldLimit) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (stop_ || pending_.empty() || (withinHeldLimit && pool_.heldFull())) return false;
        Request req = std::move(pending_.front());
        pending_.pop_front();
        const Key key = req.key();
        inFlight_.insert(key);
        lock.unlock();
        const auto t0 = std::chrono::steady_clock::now();
        Output out = produce_(req);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        pool_.addHeld(bytesOf_(out));
        lock.lock();
        inFlight_.erase(key);
        ++stats_.produced;
        stats_.workerSeconds += secs;
        finishedIds_.insert(key);
        // In wanted order (results wanted no longer go last, to be dropped by the next setWanted).
        const auto rankOf = [&](const Key& k) {
            const auto it = rank_.find(k);
            return it == rank_.end() ? SIZE_MAX : it->second;
        };
        const std::size_t r = rankOf(key);
        const auto pos = std::find_if(finished_.begin(), finished_.end(),
                                      [&](const Output& t) { return rankOf(t.key()) > r; });
        finished_.insert(pos, std::move(out));
        progress_.notify_all();
        return true;
    }

    // A result leaves the queue (taken or dropped): its bytes no longer count as held.
    void release(const Output& t) { pool_.releaseHeld(bytesOf_(t)); }

    WorkerPool& pool_;
    std::function<Output(Request&)> produce_;
    std::function<std::size_t(const Output&)> bytesOf_;
    std::function<void(Output&)> onDiscard_;
    std::size_t maxPending_;
    mutable std::mutex mutex_;
    mutable std::condition_variable progress_;
    std::deque<Request> pending_;
    std::unordered_set<Key, Hash> inFlight_;
    std::vector<Output> finished_;
    std::unordered_set<Key, Hash> finishedIds_;
    std::unordered_map<Key, std::size_t, Hash> rank_;
    LoaderStats stats_;
    bool stop_ = false;
};

}  // namespace plateau
