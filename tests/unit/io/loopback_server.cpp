#include "loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace plateau::test {
namespace {

// Binds a TCP socket to 127.0.0.1 on an ephemeral port; returns the fd and sets `port`.
int bindLoopback(int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const int err = errno;
        ::close(fd);
        throw std::runtime_error(std::string("bind 127.0.0.1: ") + std::strerror(err));
    }
    port = ntohs(addr.sin_port);
    return fd;
}

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 302: return "Found";
        case 400: return "Bad Request";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 410: return "Gone";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Status";
    }
}

std::string head(int status, long long contentLength, const std::string& extra = {}) {
    std::string h = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
    if (contentLength >= 0) h += "Content-Length: " + std::to_string(contentLength) + "\r\n";
    return h + extra + "Connection: close\r\n\r\n";
}

}  // namespace

LoopbackServer::LoopbackServer() {
    listenFd_ = bindLoopback(port_);
    if (::listen(listenFd_, 64) != 0) {
        ::close(listenFd_);
        throw std::runtime_error(std::string("listen: ") + std::strerror(errno));
    }
    acceptor_ = std::thread([this] { acceptLoop(); });
}

LoopbackServer::~LoopbackServer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        // Wakes accept() and any recv()/send() blocked on a connection; sleeping responders
        // wake through the condition variable.
        ::shutdown(listenFd_, SHUT_RDWR);
        for (const int fd : openFds_) ::shutdown(fd, SHUT_RDWR);
    }
    stopCv_.notify_all();
    acceptor_.join();
    // No new workers once the acceptor has stopped.
    for (auto& w : workers_) w.join();
    ::close(listenFd_);
}

std::string LoopbackServer::baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

void LoopbackServer::setFile(const std::string& path, std::vector<std::uint8_t> bytes) {
    std::lock_guard lock(mutex_);
    files_[path] = std::move(bytes);
}

void LoopbackServer::setBehaviour(const std::string& path, Behaviour b) {
    std::lock_guard lock(mutex_);
    behaviours_[path] = std::move(b);
}

void LoopbackServer::setDelayForAll(std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    delayForAll_ = delay;
}

int LoopbackServer::requestCount(const std::string& path) const {
    std::lock_guard lock(mutex_);
    const auto it = counts_.find(path);
    return it == counts_.end() ? 0 : it->second;
}

std::map<std::string, int> LoopbackServer::requestCounts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

int LoopbackServer::totalRequests() const {
    std::lock_guard lock(mutex_);
    return total_;
}

int LoopbackServer::maxConcurrent() const {
    std::lock_guard lock(mutex_);
    return maxActive_;
}

std::size_t LoopbackServer::bytesSent(const std::string& path) const {
    std::lock_guard lock(mutex_);
    const auto it = sent_.find(path);
    return it == sent_.end() ? 0 : it->second;
}

void LoopbackServer::acceptLoop() {
    for (;;) {
        const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        std::lock_guard lock(mutex_);
        if (stopping_) {
            if (fd >= 0) ::close(fd);
            return;
        }
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;  // the listening socket is gone: nothing more to serve
        }
        openFds_.insert(fd);
        workers_.emplace_back([this, fd] { handle(fd); });
    }
}

bool LoopbackServer::pause(std::chrono::milliseconds d) {
    if (d.count() <= 0) return true;
    std::unique_lock lock(mutex_);
    return !stopCv_.wait_for(lock, d, [this] { return stopping_; });
}

bool LoopbackServer::sendAll(int fd, const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= std::size_t(n);
    }
    return true;
}

void LoopbackServer::handle(int fd) {
    // A client that connects and never sends must not keep this thread (and the destructor) waiting.
    timeval tv{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        request.append(buf, std::size_t(n));
    }
    // "GET /path?query HTTP/1.1"
    const auto sp1 = request.find(' ');
    const auto sp2 = sp1 == std::string::npos ? sp1 : request.find(' ', sp1 + 1);
    if (sp2 != std::string::npos && request.find("\r\n\r\n") != std::string::npos) {
        std::string path = request.substr(sp1 + 1, sp2 - sp1 - 1);
        path = path.substr(0, path.find('?'));
        respond(fd, path);
    }
    std::lock_guard lock(mutex_);
    openFds_.erase(fd);
    ::close(fd);
}

void LoopbackServer::respond(int fd, const std::string& path) {
    Behaviour b;
    std::vector<std::uint8_t> file;
    bool haveFile = false;
    int attempt = 0;
    std::chrono::milliseconds delayAll{0};
    {
        std::lock_guard lock(mutex_);
        attempt = ++counts_[path];
        ++total_;
        maxActive_ = std::max(maxActive_, ++active_);
        if (const auto it = behaviours_.find(path); it != behaviours_.end()) b = it->second;
        if (const auto it = files_.find(path); it != files_.end()) {
            file = it->second;
            haveFile = true;
        }
        delayAll = delayForAll_;
    }
    bool go = pause(delayAll);
    if (go && b.kind == Misbehaviour::Slow) go = pause(b.delay);
    {
        // "Active" ends before the response goes out: once the client has the response it may
        // start its next request, which must not overlap this one in the count.
        std::lock_guard lock(mutex_);
        --active_;
    }
    if (!go) return;

    auto addSent = [&](std::size_t n) {
        std::lock_guard lock(mutex_);
        sent_[path] += n;
    };
    auto serveFile = [&] {
        if (!haveFile) {
            const std::string body = "no such tile\n";
            const std::string h = head(404, long(body.size()), "Content-Type: text/plain\r\n");
            if (sendAll(fd, h.data(), h.size())) sendAll(fd, body.data(), body.size());
            return;
        }
        const std::string h = head(200, long(file.size()), "Content-Type: image/png\r\n");
        if (sendAll(fd, h.data(), h.size()) && sendAll(fd, file.data(), file.size())) addSent(file.size());
    };
    auto stream = [&](std::size_t total, bool declare) {
        // A small send buffer keeps bytesSent() close to what the client actually accepted.
        const int sndbuf = 64 * 1024;
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
        const std::string h = head(200, declare ? static_cast<long long>(total) : -1, "Content-Type: image/png\r\n");
        if (!sendAll(fd, h.data(), h.size())) return;
        const std::vector<char> chunk(64 * 1024, 'x');
        for (std::size_t done = 0; done < total;) {
            const std::size_t n = std::min(chunk.size(), total - done);
            if (!sendAll(fd, chunk.data(), n)) return;
            done += n;
            addSent(n);
        }
    };

    switch (b.kind) {
        case Misbehaviour::None:
        case Misbehaviour::Slow: serveFile(); break;
        case Misbehaviour::StatusThenServe:
            if (attempt >= b.okOnAttempt) {
                serveFile();
                break;
            }
            [[fallthrough]];
        case Misbehaviour::Status: {
            const std::string body = std::string(reason(b.status)) + "\n";
            const std::string h = head(b.status, long(body.size()), "Content-Type: text/plain\r\n" + b.headers);
            if (sendAll(fd, h.data(), h.size())) sendAll(fd, body.data(), body.size());
            break;
        }
        case Misbehaviour::Truncated: {
            const std::string h = head(200, long(file.size()), "Content-Type: image/png\r\n");
            if (sendAll(fd, h.data(), h.size()) && sendAll(fd, file.data(), file.size() / 2)) addSent(file.size() / 2);
            break;
        }
        case Misbehaviour::Oversized: stream(b.size, true); break;
        case Misbehaviour::OversizedNoLength: stream(b.size, false); break;
        case Misbehaviour::Garbage: {
            const std::string body = "<html>this is not a PNG</html>\n";
            const std::string h = head(200, long(body.size()), "Content-Type: image/png\r\n");
            if (sendAll(fd, h.data(), h.size())) sendAll(fd, body.data(), body.size());
            break;
        }
        case Misbehaviour::Redirect: {
            const std::string h = head(302, 0, "Location: " + b.location + "\r\n");
            sendAll(fd, h.data(), h.size());
            break;
        }
    }
}

RefusingPort::RefusingPort() { fd_ = bindLoopback(port_); }

RefusingPort::~RefusingPort() { ::close(fd_); }

}  // namespace plateau::test
