#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) for testing HTTP clients without a network:
// serves files from memory and can misbehave per path in the ways real servers do. One thread
// accepts; each connection gets its own thread and one request (Connection: close). The destructor
// stops everything promptly, also in the middle of a deliberately slow response.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace plateau::test {

enum class Misbehaviour {
    None,            // serve the file (404 when there is none)
    Status,          // answer `status` with a short text body, always
    StatusThenServe, // answer `status` until request number `okOnAttempt`, then serve the file
    Slow,            // wait `delay`, then serve the file
    Truncated,       // declare the file's length, send half of it and close
    Oversized,       // declare `size` bytes and stream them
    OversizedNoLength,  // stream `size` bytes without Content-Length, ending at close
    Garbage,         // 200 with bytes that are not a PNG
    Redirect,        // 302 to `location`
};

struct Behaviour {
    Misbehaviour kind = Misbehaviour::None;
    int status = 500;
    int okOnAttempt = 0;
    std::chrono::milliseconds delay{0};
    std::size_t size = 0;
    std::string location;
    // Extra header lines for Status answers, each ending in "\r\n" ("Retry-After: 1\r\n").
    std::string headers;
};

class LoopbackServer {
public:
    LoopbackServer();
    ~LoopbackServer();
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    int port() const { return port_; }
    std::string baseUrl() const;  // "http://127.0.0.1:<port>"

    void setFile(const std::string& path, std::vector<std::uint8_t> bytes);
    void setBehaviour(const std::string& path, Behaviour b);
    // Added before every response (on top of a path's own behaviour).
    void setDelayForAll(std::chrono::milliseconds delay);

    int requestCount(const std::string& path) const;
    int totalRequests() const;
    // Every path asked for so far, with how often.
    std::map<std::string, int> requestCounts() const;
    // Most requests being handled at the same time (from request read to response start).
    int maxConcurrent() const;
    // Body bytes the server managed to send for `path` (socket buffers included).
    std::size_t bytesSent(const std::string& path) const;

private:
    void acceptLoop();
    void handle(int fd);
    void respond(int fd, const std::string& path);
    bool sendAll(int fd, const void* data, std::size_t size);
    // Sleeps unless the server is stopping; false when it is.
    bool pause(std::chrono::milliseconds d);

    int listenFd_ = -1;
    int port_ = 0;
    std::thread acceptor_;

    mutable std::mutex mutex_;
    std::condition_variable stopCv_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
    std::set<int> openFds_;
    std::map<std::string, std::vector<std::uint8_t>> files_;
    std::map<std::string, Behaviour> behaviours_;
    std::map<std::string, int> counts_;
    std::map<std::string, std::size_t> sent_;
    std::chrono::milliseconds delayForAll_{0};
    int total_ = 0;
    int active_ = 0;
    int maxActive_ = 0;
};

// A port on 127.0.0.1 where nothing listens: bound (so nobody else takes it) but not listening,
// so connecting is refused at once.
class RefusingPort {
public:
    RefusingPort();
    ~RefusingPort();
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace plateau::test
