#include "core/worker_pool.h"

#include <algorithm>

namespace plateau {

WorkerPool::WorkerPool(int threads, std::size_t heldLimit) : heldLimit_(heldLimit) {
    if (threads <= 0) threads = int(std::max(2u, std::thread::hardware_concurrency()) - 1);
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

void WorkerPool::attach(Client* c) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        clients_.push_back(c);
        ++generation_;
    }
    wake_.notify_all();
}

void WorkerPool::detach(Client* c) {
    std::unique_lock<std::mutex> lock(mutex_);
    clients_.erase(std::remove(clients_.begin(), clients_.end(), c), clients_.end());
    idle_.wait(lock, [&] { return running_[c] == 0; });
    running_.erase(c);
}

void WorkerPool::notify() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++generation_;
    }
    wake_.notify_all();
}

void WorkerPool::releaseHeld(std::size_t bytes) {
    const std::size_t before = held_.fetch_sub(bytes, std::memory_order_relaxed);
    if (heldLimit_ != 0 && before >= heldLimit_ && before - bytes < heldLimit_) notify();
}

void WorkerPool::loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
        const std::uint64_t seen = generation_;
        bool ran = false;
        // Ask each client once, starting after the one served last, so that a busy layer cannot
        // starve the terrain (or the other way round).
        for (std::size_t k = 0; k < clients_.size() && !stop_; ++k) {
            const std::size_t idx = (next_ + k) % clients_.size();
            Client* c = clients_[idx];
            ++running_[c];
            lock.unlock();
            const bool did = c->runOne();
            lock.lock();
            if (--running_[c] == 0) idle_.notify_all();
            if (did) {
                next_ = idx + 1;
                ran = true;
                break;
            }
        }
        if (!ran) wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
    }
}

}  // namespace plateau
