#pragma once
// Elevation tiles from an HTTP(S) tile server ({z}/{x}/{y} URL template, Terrarium or Mapbox
// terrain-RGB PNG), with a disk cache, retries with backoff for transient failures and a limit on
// simultaneous transfers. load() may be called from several threads at once.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/height_codec.h"
#include "core/result.h"
#include "core/tile_id.h"
#include "core/tile_source.h"

namespace plateau {

struct HttpSourceOptions {
    // "https://host/path/{z}/{x}/{y}.png": http:// or https://, with all three placeholders.
    std::string urlTemplate;
    HeightEncoding encoding = HeightEncoding::Terrarium;
    int minZoom = 0;
    int maxZoom = 15;
    // When set, hasTile() claims only tiles that intersect these bounds (degrees).
    std::optional<LonLatBounds> bounds;
    // Empty: cacheDirectory()/http/<cacheFolderName(urlTemplate)>.
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
    // retryBaseDelay * 2^(k-1), +-25 % jitter so that many clients do not retry in lockstep.
    int retries = 3;
    std::chrono::milliseconds retryBaseDelay{200};
    // Transfers in flight at once, over all threads calling load().
    int maxConcurrent = 4;
    std::size_t maxResponseBytes = std::size_t(4) << 20;
    // Set to true (e.g. when the program quits) to abort transfers in flight within about 50 ms
    // and make later loads fail at once with "<url>: cancelled". Shared so that neither the
    // caller nor the source can outlive it; left empty, the source cannot be cancelled.
    std::shared_ptr<std::atomic<bool>> cancel;
};

// Errors: "<template>: URL template must start with http:// or https://",
// "<template>: URL template lacks {y}", "<template>: bad zoom range 5..3" and the like.
// Load errors are one line naming the URL: "<url>: HTTP 404 (tile not found)",
// "<url>: HTTP 500 after 4 attempts", "<url>: timed out after 20 s",
// "<url>: truncated response (received 1234 of 5678 bytes)", "<url>: connection refused",
// "<url>: response larger than 4 MiB", PNG and wrong-encoding errors from the decoders.
// A tile answered with 404 or 410 is remembered, in this run and (for missingMaxAge) in later
// ones: hasTile() is false for it and load() fails without asking again. The cache folder is
// indexed on a background thread at open; until that is done hasTile() knows only this run's
// answers, and load() waits for it. describe() is "http <template>".
Result<std::shared_ptr<TileSource>> openHttpSource(const HttpSourceOptions& options);

// The URL of one tile: every {z}, {x} and {y} replaced.
std::string expandUrlTemplate(const std::string& urlTemplate, const TileId& id);

}  // namespace plateau
