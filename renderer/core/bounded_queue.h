#pragma once
// A first-in first-out queue between two threads with a fixed capacity: push waits while it is
// full, so a fast producer (the renderer) cannot run ahead of a slow consumer (the video encoder)
// by more than `capacity` items, which bounds the memory frames in waiting take (a 1080p frame is
// 8 MB). close() ends it: pop returns what is left, then none; push after close is refused.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace plateau {

template <class T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

    // Waits for room; false (and `item` is dropped) once the queue is closed.
    bool push(T item) {
        std::unique_lock lock(m_);
        notFull_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        items_.push_back(std::move(item));
        notEmpty_.notify_one();
        return true;
    }
    // Waits for an item; none once the queue is closed and empty.
    std::optional<T> pop() {
        std::unique_lock lock(m_);
        notEmpty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        notFull_.notify_one();
        return item;
    }
    // No more pushes; pop drains what is queued.
    void close() {
        std::lock_guard lock(m_);
        closed_ = true;
        notFull_.notify_all();
        notEmpty_.notify_all();
    }
    std::size_t size() const {
        std::lock_guard lock(m_);
        return items_.size();
    }
    std::size_t capacity() const { return capacity_; }

private:
    const std::size_t capacity_;
    mutable std::mutex m_;
    std::condition_variable notFull_, notEmpty_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace plateau
