#pragma once
// What every HTTP tile source shares, whatever its tiles hold (heights, imagery): the URL template
// and its rows (XYZ or TMS), the levels and area the server has data for, the disk cache,
// retries with backoff, 404 memory and the limit on transfers in flight. Sources add decoding:
// fetch() hands them the bytes and caches only what they accept.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "core/tile_id.h"
#include "io/disk_cache.h"
#include "io/http_client.h"

namespace plateau {

struct HttpTileOptions {
    // "https://host/path/{z}/{x}/{y}.png": http:// or https://, with {z}, {x} and {y} (or {-y},
    // the row counted from the south).
    std::string urlTemplate;
    // Rows counted from the south (TMS, as in MBTiles and "scheme": "tms") instead of the north.
    bool tms = false;
    // Levels the server has. None outside them is ever requested; levels above minZoom are
    // refined through (hasDataBelow) so that a pyramid starting at z5 is still found.
    int minZoom = 0;
    int maxZoom = 15;
    // When set, only tiles that intersect these bounds (degrees) are requested.
    std::optional<LonLatBounds> bounds;
    // Shown in the view while the source is (from the scene or a TileJSON document).
    std::string attribution;
    // Empty: cacheDirectory()/http/<cacheFolderName(urlTemplate)> (plus "-tms" for TMS rows).
    std::filesystem::path cacheDir;
    // Disk budget of that folder; beyond it the least recently used tiles are deleted. 0: no limit.
    std::uint64_t cacheMaxBytes = std::uint64_t(2) << 30;
    // Cached tiles fetched longer ago than this are fetched again (one attempt, no retries); when
    // that fails the old copy is used, and not refreshed again in this run. 0: never.
    std::chrono::seconds cacheMaxAge{std::chrono::hours(24 * 30)};
    // A 404 or 410 answer is remembered on disk for this long, so later runs do not ask again.
    // 0: for ever.
    std::chrono::seconds missingMaxAge{std::chrono::hours(24)};
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds totalTimeout{20000};
    // Extra attempts after connection errors, timeouts, truncated bodies, HTTP 5xx and 429 (not
    // after other 4xx: asking again will not change the answer). The k-th retry waits about
    // retryBaseDelay * 2^(k-1), +-25 % jitter so that many clients do not retry in lockstep;
    // when the answer had a Retry-After (seconds or an HTTP date, as 429 and 503 send it) it
    // waits that long instead, but at most retryAfterMax: a worker parked for an hour on a
    // server's word would hold up every other tile.
    int retries = 3;
    std::chrono::milliseconds retryBaseDelay{200};
    std::chrono::milliseconds retryAfterMax{5000};
    // Transfers in flight at once, over all threads calling fetch().
    int maxConcurrent = 4;
    std::size_t maxResponseBytes = kMaxTileBytes;
    // Set to true (e.g. when the program quits) to abort transfers in flight within about 50 ms
    // and make later fetches fail at once with "<url>: cancelled". Shared so that neither the
    // caller nor the source can outlive it; left empty, the source cannot be cancelled.
    std::shared_ptr<std::atomic<bool>> cancel;
    // Told once, in one line, when the disk cache cannot store a tile (disk full, no permission);
    // tiles are still drawn from the download, and the cache stops writing for the rest of the
    // run instead of failing on every tile. May be empty.
    std::function<void(const std::string&)> warn;
};

// Errors: "<template>: URL template must start with http:// or https://",
// "<template>: URL template lacks {y}", "<template>: bad zoom range 5..3" and the like.
std::optional<std::string> validateHttpTileOptions(const HttpTileOptions& o);

// Where tiles of `urlTemplate` are cached under a cache root (cacheDirectory() by default):
// cacheRoot/http/<cacheFolderName(urlTemplate)>, plus "-tms" for TMS rows (which are cached under
// their XYZ ids, so the same template read as XYZ holds other tiles).
std::filesystem::path httpTileCacheFolder(const std::filesystem::path& cacheRoot, const std::string& urlTemplate,
                                          bool tms);

class HttpTileFetcher {
public:
    // `options` must have passed validateHttpTileOptions. Fills in the defaults (a cancel flag,
    // the cache folder) and starts indexing the cache folder.
    explicit HttpTileFetcher(HttpTileOptions options);
    HttpTileFetcher(const HttpTileFetcher&) = delete;
    HttpTileFetcher& operator=(const HttpTileFetcher&) = delete;

    const HttpTileOptions& options() const { return opt_; }
    // The URL tile `id` (XYZ rows, as everywhere in the program) is fetched from.
    std::string urlFor(const TileId& id) const;

    // Inside the zoom range and bounds, and not answered 404/410.
    bool hasTile(const TileId& id) const;
    // Deeper levels may have data although this tile has none: it is above minZoom, or the server
    // answered 404 for it (servers without metadata answer 404 above their first level, and
    // such an answer must not hide the levels below), inside the bounds and above maxZoom. Costs
    // at most the requests the view would make anyway were the tiles there, each answered once.
    bool hasDataBelow(const TileId& id) const;

    // Checks the bytes of a tile and keeps what it decoded: returns an error (one line naming
    // `url`) for bytes that are not a usable tile. Called at most twice per fetch (a stale copy,
    // then fresh bytes).
    using Decode = std::function<Status(const std::vector<std::uint8_t>& bytes, const std::string& url)>;
    // From the disk cache when there, else from the server, with retries; bytes that decode are
    // cached. Errors are one line naming the URL: "<url>: HTTP 404 (tile not found)", "<url>: HTTP
    // 410 (tile gone)", "<url>: HTTP 500 after 4 attempts", "<url>: timed out after 20 s", "<url>: truncated
    // response (received 1234 of 5678 bytes)", "<url>: connection refused", "<url>: response
    // larger than 4 MiB", "<url>: cancelled", or the decoder's.
    Status fetch(const TileId& id, const Decode& decode);

private:
    bool inRange(const TileId& id) const;
    static bool transient(const HttpResponse& r);
    std::string explain(const HttpResponse& r, int attempts) const;
    std::chrono::milliseconds backoff(int attempt, std::chrono::milliseconds retryAfter) const;
    bool isCancelled() const;
    bool acquireSlot();
    bool sleepUnlessCancelled(std::chrono::milliseconds total) const;
    bool staleAccepted(const TileId& id) const;
    void acceptStale(const TileId& id);
    Error missing(const TileId& id, const std::string& url) const;

    HttpTileOptions opt_;
    DiskCache cache_;
    std::counting_semaphore<> slots_;
    mutable std::mutex mutex_;
    // Stale copies served after a failed refresh: not refreshed again in this run, so that an
    // offline session does not pay a failed request for every load of every old tile.
    std::unordered_set<TileId, TileIdHash> staleAccepted_;
    // Tiles answered 410 in this run, so that asking again repeats the server's word; the disk
    // mark does not say which of 404 and 410 it was, so later runs report 404.
    std::unordered_set<TileId, TileIdHash> gone_;
    std::atomic<bool> cacheWritesFailed_{false};
};

}  // namespace plateau
