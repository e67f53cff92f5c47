#pragma once
// Worker threads shared by every loader of a view: terrain tiles and each overlay layer's tiles
// are produced by the same few threads, so adding layers adds work, not threads, and the cores
// stay split between loading and drawing the way the terrain alone was tuned.
//
// Loaders are clients: a worker asks each client in turn for one job (round robin), and sleeps
// when none has any until a client calls notify().
//
// The pool also bounds the memory its results hold while they wait for the render thread (the
// clients report it: see JobQueue). Where drawing is slow (a software rasteriser draws a few
// frames a second) the workers would otherwise fill memory between two frames with more decoded
// tiles than the next frame takes, and resident memory would swing by tens of MiB with how much
// the view asks for. At the limit a worker starts nothing new until results are taken or dropped.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace plateau {

class WorkerPool {
public:
    class Client {
    public:
        virtual ~Client() = default;
        // Runs one queued job on the calling thread; false when nothing is queued.
        virtual bool runOne() = 0;
    };

    // 16 MiB: some 60 terrain tiles or overlay images, more than a frame takes on a slow device
    // (the upload budget is spent over several frames anyway) and seldom reached on a fast one.
    static constexpr std::size_t kDefaultHeldLimit = std::size_t(16) << 20;

    // threads <= 0: one per hardware thread but one, which is left to the render thread (and,
    // on a software rasteriser, to drawing). heldLimit: bytes of results waiting (0: no limit).
    explicit WorkerPool(int threads = 0, std::size_t heldLimit = kDefaultHeldLimit);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void attach(Client* c);
    // Removes the client and waits until no worker is inside its runOne().
    void detach(Client* c);
    // A client has new work.
    void notify();
    int threadCount() const { return int(threads_.size()); }

    // Results waiting for the render thread: clients add a result's bytes when it finishes and
    // release them when it is taken or dropped. A client starts no job while heldFull().
    bool heldFull() const { return heldLimit_ != 0 && held_.load(std::memory_order_relaxed) >= heldLimit_; }
    void addHeld(std::size_t bytes) { held_.fetch_add(bytes, std::memory_order_relaxed); }
    void releaseHeld(std::size_t bytes);  // wakes the workers when it brings the total under the limit
    std::size_t heldBytes() const { return held_.load(std::memory_order_relaxed); }

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::vector<Client*> clients_;
    std::unordered_map<Client*, int> running_;
    std::size_t next_ = 0;
    std::uint64_t generation_ = 0;
    bool stop_ = false;
    const std::size_t heldLimit_;
    std::atomic<std::size_t> held_{0};
    std::vector<std::thread> threads_;
};

}  // namespace plateau
