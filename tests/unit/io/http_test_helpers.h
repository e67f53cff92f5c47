#pragma once
// What the HTTP tile tests share: a tile's path on the loopback server, and options pointing at
// it with short timeouts and retry delays, which keep the failure tests fast.
#include <chrono>
#include <string>

#include "core/tile_id.h"
#include "io/http_tile_fetcher.h"
#include "io_test_helpers.h"
#include "loopback_server.h"

namespace plateau::test {

inline std::string pathOf(const TileId& t) {
    return "/tiles/" + std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y) + ".png";
}

// Options is HttpTileOptions or a type derived from it (HttpSourceOptions).
template <class Options>
Options fastOptionsFor(const LoopbackServer& server, const TempDir& cache) {
    using namespace std::chrono_literals;
    Options o;
    o.urlTemplate = server.baseUrl() + "/tiles/{z}/{x}/{y}.png";
    o.cacheDir = cache.path();
    o.connectTimeout = 1000ms;
    o.totalTimeout = 2000ms;
    o.retryBaseDelay = 10ms;
    return o;
}

}  // namespace plateau::test
