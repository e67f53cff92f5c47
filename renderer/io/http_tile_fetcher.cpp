#include "io/http_tile_fetcher.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>
#include <thread>

#include "core/scene.h"
#include "core/tile_path.h"

namespace plateau {
namespace {

using std::chrono::milliseconds;

// "20 s", "0.3 s", "1.25 s".
std::string seconds(milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", double(ms.count()) / 1000.0);
    return buf;
}

bool startsWithNoCase(const std::string& s, const std::string& prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

HttpTileOptions withDefaults(HttpTileOptions o) {
    if (!o.cancel) o.cancel = std::make_shared<std::atomic<bool>>(false);
    if (o.cacheDir.empty()) o.cacheDir = httpTileCacheFolder(cacheDirectory(), o.urlTemplate, o.tms);
    return o;
}

Error notFound(const std::string& url) { return makeError(url + ": HTTP 404 (tile not found)"); }
Error gone(const std::string& url) { return makeError(url + ": HTTP 410 (tile gone)"); }
Error cancelled(const std::string& url) { return makeError(url + ": cancelled"); }

}  // namespace

std::optional<std::string> validateHttpTileOptions(const HttpTileOptions& o) {
    const std::string& t = o.urlTemplate;
    if (t.empty()) return "URL template is empty";
    const std::string name = t + ": ";
    std::size_t hostStart = 0;
    if (startsWithNoCase(t, "http://")) hostStart = 7;
    else if (startsWithNoCase(t, "https://")) hostStart = 8;
    else return name + "URL template must start with http:// or https://";
    if (t.find("{s}") != std::string::npos)
        return name + "URL template has {s} (server letters are not supported: write one server's name)";
    if (hostStart >= t.size() || t[hostStart] == '/' || t[hostStart] == '{')
        return name + "URL template has no host";
    for (const char c : t)
        if (static_cast<unsigned char>(c) <= ' ') return name + "URL template contains a space or control character";
    if (const char* p = missingTilePlaceholder(t)) return name + "URL template lacks " + p;
    if (o.minZoom < 0 || o.maxZoom > 30 || o.minZoom > o.maxZoom)
        return name + "bad zoom range " + std::to_string(o.minZoom) + ".." + std::to_string(o.maxZoom);
    if (o.bounds && !(o.bounds->west < o.bounds->east && o.bounds->south < o.bounds->north))
        return name + "bounds must have west < east and south < north";
    if (o.retries < 0 || o.retries > 20) return name + "retries must be 0..20, not " + std::to_string(o.retries);
    if (o.maxConcurrent < 1) return name + "at least one concurrent request is needed";
    if (o.connectTimeout.count() <= 0 || o.totalTimeout.count() <= 0) return name + "timeouts must be positive";
    if (o.maxResponseBytes == 0) return name + "maximum response size must be positive";
    if (o.cacheMaxAge.count() < 0 || o.missingMaxAge.count() < 0) return name + "cache ages must not be negative";
    if (o.retryBaseDelay.count() < 0 || o.retryAfterMax.count() < 0) return name + "retry delays must not be negative";
    return std::nullopt;
}

std::filesystem::path httpTileCacheFolder(const std::filesystem::path& cacheRoot, const std::string& urlTemplate,
                                          bool tms) {
    return cacheRoot / "http" / (cacheFolderName(urlTemplate) + (tms ? "-tms" : ""));
}

HttpTileFetcher::HttpTileFetcher(HttpTileOptions options)
    : opt_(withDefaults(std::move(options))),
      cache_(opt_.cacheDir, DiskCacheOptions{opt_.cacheMaxBytes, opt_.cacheMaxAge, opt_.missingMaxAge}),
      slots_(opt_.maxConcurrent) {
    cache_.startIndexing();
}

std::string HttpTileFetcher::urlFor(const TileId& id) const {
    if (!opt_.tms || !id.valid()) return expandTileTemplate(opt_.urlTemplate, id);
    return expandTileTemplate(opt_.urlTemplate, TileId{id.z, id.x, (1 << id.z) - 1 - id.y});
}

bool HttpTileFetcher::inRange(const TileId& id) const {
    if (!id.valid() || id.z > opt_.maxZoom) return false;
    return !opt_.bounds || opt_.bounds->intersects(tileBounds(id));
}

bool HttpTileFetcher::hasTile(const TileId& id) const {
    return id.z >= opt_.minZoom && inRange(id) && !cache_.knownMissing(id);
}

bool HttpTileFetcher::hasDataBelow(const TileId& id) const {
    return id.z < opt_.maxZoom && inRange(id) && (id.z < opt_.minZoom || cache_.knownMissing(id));
}

Status HttpTileFetcher::fetch(const TileId& id, const Decode& decode) {
    const std::string url = urlFor(id);
    if (!id.valid()) return makeError(url + ": invalid tile " + id.str());
    cache_.waitUntilIndexed();  // marks from earlier runs are known after this
    if (cache_.knownMissing(id)) return missing(id, url);

    // An expired copy: fetched again, but kept as the answer should that fail.
    std::optional<std::vector<std::uint8_t>> stale;
    if (auto cached = cache_.read(id)) {
        if (!cached->stale || staleAccepted(id)) {
            if (decode(cached->bytes, url)) return Ok{};
            // Only tiles that decoded are ever cached, so this file was damaged since (or the
            // decoding options changed): fetch it again rather than failing for good.
            cache_.remove(id);
        } else {
            stale = std::move(cached->bytes);
        }
    }
    auto orStale = [&](Status failure) -> Status {
        if (!stale) return failure;
        if (!decode(*stale, url)) {
            cache_.remove(id);
            return failure;
        }
        acceptStale(id);
        return Ok{};
    };

    const HttpGetOptions get{opt_.connectTimeout, opt_.totalTimeout, opt_.maxResponseBytes, opt_.cancel.get()};
    // With a copy to fall back on, a refresh is not worth waiting through backoff for.
    const int attempts = stale ? 1 : opt_.retries + 1;
    for (int attempt = 1;; ++attempt) {
        if (!acquireSlot()) return cancelled(url);
        HttpResponse r = httpGet(url, get);
        slots_.release();

        if (r.failure == HttpFailure::None && r.status == 200) {
            Status decoded = decode(r.body, url);
            if (!decoded) return orStale(std::move(decoded));
            // A failed cache write costs a download next time, nothing more: not an error. The
            // first one is worth a warning (a full disk will not empty itself); after it the
            // cache is left alone.
            if (!cacheWritesFailed_.load())
                if (Status w = cache_.write(id, r.body); !w && !cacheWritesFailed_.exchange(true) && opt_.warn)
                    opt_.warn("tile cache: " + w.error().message +
                              "; tiles are still downloaded and drawn, the cache stops growing for this run");
            return Ok{};
        }
        if (r.failure == HttpFailure::None && (r.status == 404 || r.status == 410)) {
            // The server's word: an old copy of a tile it no longer has is dropped too.
            if (r.status == 410) {
                std::lock_guard lock(mutex_);
                if (gone_.size() > 1'000'000) gone_.clear();
                gone_.insert(id);
            }
            cache_.markMissing(id);
            return missing(id, url);
        }
        if (r.failure == HttpFailure::Cancelled) return cancelled(url);
        if (!transient(r) || attempt >= attempts) return orStale(makeError(url + ": " + explain(r, attempt)));
        if (!sleepUnlessCancelled(backoff(attempt, r.retryAfter))) return cancelled(url);
    }
}

bool HttpTileFetcher::transient(const HttpResponse& r) {
    switch (r.failure) {
        case HttpFailure::None: return r.status >= 500 || r.status == 429;
        case HttpFailure::Connect:
        case HttpFailure::Resolve:
        case HttpFailure::Timeout:
        case HttpFailure::Truncated: return true;
        default: return false;
    }
}

std::string HttpTileFetcher::explain(const HttpResponse& r, int attempts) const {
    const std::string tries = " (" + std::to_string(attempts) + " attempts)";
    switch (r.failure) {
        case HttpFailure::None:
            return "HTTP " + std::to_string(r.status) +
                   (attempts > 1 ? " after " + std::to_string(attempts) + " attempts" : "");
        case HttpFailure::Timeout:
            return (r.connected ? "timed out after " + seconds(opt_.totalTimeout)
                                : "could not connect within " + seconds(std::min(opt_.connectTimeout, opt_.totalTimeout))) +
                   (attempts > 1 ? tries : "");
        default: return r.errorText + (attempts > 1 ? tries : "");
    }
}

milliseconds HttpTileFetcher::backoff(int attempt, milliseconds retryAfter) const {
    // The server knows when it will answer again (429, 503 with Retry-After): its word replaces
    // the guess, within the cap.
    if (retryAfter.count() > 0) return std::min(retryAfter, opt_.retryAfterMax);
    thread_local std::mt19937 rng{std::random_device{}()};
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    const double base = double(opt_.retryBaseDelay.count()) * double(1u << std::min(attempt - 1, 16));
    return milliseconds(static_cast<long long>(base * jitter(rng)));
}

bool HttpTileFetcher::isCancelled() const { return opt_.cancel->load(std::memory_order_relaxed); }

// Waits for a transfer slot; false when cancelled meanwhile.
bool HttpTileFetcher::acquireSlot() {
    while (!slots_.try_acquire_for(milliseconds(50)))
        if (isCancelled()) return false;
    if (isCancelled()) {
        slots_.release();
        return false;
    }
    return true;
}

bool HttpTileFetcher::sleepUnlessCancelled(milliseconds total) const {
    const auto end = std::chrono::steady_clock::now() + total;
    while (!isCancelled()) {
        const auto left = end - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) return true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, milliseconds(20)));
    }
    return false;
}

bool HttpTileFetcher::staleAccepted(const TileId& id) const {
    std::lock_guard lock(mutex_);
    return staleAccepted_.count(id) != 0;
}

Error HttpTileFetcher::missing(const TileId& id, const std::string& url) const {
    std::lock_guard lock(mutex_);
    return gone_.count(id) ? gone(url) : notFound(url);
}

void HttpTileFetcher::acceptStale(const TileId& id) {
    std::lock_guard lock(mutex_);
    if (staleAccepted_.size() > 1'000'000) staleAccepted_.clear();
    staleAccepted_.insert(id);
}

}  // namespace plateau
