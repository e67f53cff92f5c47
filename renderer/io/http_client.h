#pragma once
// One HTTP(S) GET with libcurl into memory, with the failure classified so that callers can decide
// whether a retry can help. No retries, caching or decoding here: see http_source.h.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/input_limits.h"

namespace plateau {

struct HttpGetOptions {
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds totalTimeout{20000};
    // Bodies larger than this are abandoned as soon as the size is known (Content-Length) or
    // exceeded (while streaming), so a hostile or misconfigured server cannot exhaust memory.
    std::size_t maxResponseBytes = kMaxTileBytes;
    // Polled while the transfer runs (at least every 50 ms): true aborts it.
    const std::atomic<bool>* cancel = nullptr;
};

enum class HttpFailure {
    None,        // a complete response arrived; look at status
    Connect,     // no connection (refused, unreachable); errorText says which
    Resolve,     // host name not found
    Timeout,     // connect or total timeout
    Truncated,   // the connection closed before Content-Length bytes arrived
    TooLarge,    // the body exceeded maxResponseBytes
    Cancelled,   // the cancel flag was set
    Other,       // TLS, protocol and other libcurl errors; errorText has libcurl's description
};

struct HttpResponse {
    HttpFailure failure = HttpFailure::None;
    long status = 0;                  // HTTP status of the last response (after redirects)
    std::vector<std::uint8_t> body;   // complete only when failure == None
    std::string errorText;            // short lower-case description when failure != None
    bool connected = false;           // a connection was established (tells connect from read timeouts)
    std::int64_t received = 0;        // body bytes received
    std::int64_t expected = -1;       // Content-Length, -1 when the server sent none
    std::chrono::milliseconds retryAfter{0};  // the server's Retry-After (0..1 day), 0 when absent or past
};

// Thread-safe: each thread reuses its own libcurl handles (and so its connections).
HttpResponse httpGet(const std::string& url, const HttpGetOptions& options);

}  // namespace plateau
