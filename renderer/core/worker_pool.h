#pragma once
// Worker threads shared by every loader of a view: terrain tiles and each overlay layer's tiles
// are produced by the same few threads, so adding layers adds work, not threads, and the cores
// stay split between loading and drawing the way the terrain alone was tuned.
//
// Loaders are clients: a worker asks each client in turn for one job (round robin), and sleeps
// when none has any until a client calls notify().
#include <condition_variable>
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

    // threads <= 0: one per hardware thread but one, which is left to the render thread (and,
    // on a software rasteriser, to drawing).
    explicit WorkerPool(int threads = 0);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void attach(Client* c);
    // Removes the client and waits until no worker is inside its runOne().
    void detach(Client* c);
    // A client has new work.
    void notify();
    int threadCount() const { return int(threads_.size()); }

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
    std::vector<std::thread> threads_;
};

}  // namespace plateau
