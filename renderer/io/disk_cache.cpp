#include "io/disk_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string_view>
#include <system_error>

#include "core/parse_number.h"
#include "core/tile_path.h"
#include "io/atomic_file.h"

namespace plateau {
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;

std::int64_t nsOf(const timespec& t) { return std::int64_t(t.tv_sec) * kNsPerSecond + t.tv_nsec; }

timespec timespecOf(std::int64_t ns) {
    timespec t{};
    t.tv_sec = time_t(ns / kNsPerSecond);
    t.tv_nsec = long(ns % kNsPerSecond);
    return t;
}

std::int64_t nowNs() {
    timespec t{};
    ::clock_gettime(CLOCK_REALTIME, &t);
    return nsOf(t);
}

std::int64_t nsOf(std::chrono::seconds s) { return std::int64_t(s.count()) * kNsPerSecond; }

// "Last used" stamps: wall-clock nanoseconds, strictly increasing within the process, so that
// uses in quick succession keep their order on disk (file systems stamp files with a clock that
// only ticks every few milliseconds).
std::int64_t useStamp() {
    static std::atomic<std::int64_t> last{0};
    const std::int64_t now = nowNs();
    std::int64_t prev = last.load(std::memory_order_relaxed);
    for (;;) {
        const std::int64_t next = std::max(now, prev + 1);
        if (last.compare_exchange_weak(prev, next, std::memory_order_relaxed)) return next;
    }
}

// Sets a file's access time (last use) and/or modification time (fetched at); -1 leaves one as is.
void setFileTimes(const fs::path& path, std::int64_t atimeNs, std::int64_t mtimeNs) {
    timespec ts[2];
    ts[0] = atimeNs < 0 ? timespec{0, UTIME_OMIT} : timespecOf(atimeNs);
    ts[1] = mtimeNs < 0 ? timespec{0, UTIME_OMIT} : timespecOf(mtimeNs);
    ::utimensat(AT_FDCWD, path.c_str(), ts, 0);  // failure only costs order or age information
}

// Space a file takes: whole 4 KiB blocks, as common file systems allocate it.
std::uint64_t onDiskBytes(std::uint64_t size) { return (size + 4095) / 4096 * 4096; }

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

struct DiskCache::Scanned {
    struct Tile {
        TileId id;
        std::uint64_t bytes = 0;
        std::int64_t lastUse = 0;
    };
    std::vector<Tile> tiles;
    std::vector<std::pair<TileId, std::int64_t>> missing;
};

DiskCache::DiskCache(fs::path root, DiskCacheOptions options) : root_(std::move(root)), opt_(options) {}

DiskCache::~DiskCache() = default;  // scanner_ (the last member) stops and joins first

fs::path DiskCache::pathFor(const TileId& id) const {
    return tileFilePath(root_, id, ".png");
}

fs::path DiskCache::missingMarkerFor(const TileId& id) const {
    return tileFilePath(root_, id, ".missing");
}

void DiskCache::startIndexing() {
    {
        std::lock_guard lock(mutex_);
        if (state_ != IndexState::NotStarted) return;
        state_ = IndexState::Scanning;
    }
    try {
        scanner_ = std::jthread([this](std::stop_token stop) { install(scan(stop)); });
    } catch (const std::system_error&) {
        // No thread to spare: the first call that needs the index scans instead.
        std::lock_guard lock(mutex_);
        state_ = IndexState::NotStarted;
    }
}

void DiskCache::waitUntilIndexed() { ensureIndexed(); }

void DiskCache::ensureIndexed() {
    std::unique_lock lock(mutex_);
    if (state_ == IndexState::Ready) return;
    if (state_ == IndexState::NotStarted) {
        state_ = IndexState::Scanning;
        lock.unlock();
        install(scan(std::stop_token{}));
        return;
    }
    indexed_.wait(lock, [this] { return state_ == IndexState::Ready; });
}

DiskCache::Scanned DiskCache::scan(std::stop_token stop) const {
    Scanned out;
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) return out;
    const std::int64_t now = nowNs();
    const std::int64_t missingMaxAge = nsOf(opt_.missingMaxAge);
    constexpr std::int64_t kAbandonedTemp = 3600 * kNsPerSecond;

    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        if (stop.stop_requested()) break;
        const fs::path& path = it->path();
        const std::string name = path.filename().string();
        if (it.depth() < 2) {
            // {z} and {x} folders; anything else is not ours to look into.
            if (!parseInt(name)) it.disable_recursion_pending();
            continue;
        }
        it.disable_recursion_pending();
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        const std::int64_t mtime = nsOf(st.st_mtim);

        if (name.find(".tmp-") != std::string::npos) {
            // Left by a writer that crashed between creating and renaming it.
            if (now - mtime > kAbandonedTemp) ::unlink(path.c_str());
            continue;
        }
        const bool tile = endsWith(name, ".png");
        const bool marker = !tile && endsWith(name, ".missing");
        if (!tile && !marker) continue;
        const auto y = parseInt(std::string_view(name).substr(0, name.size() - (tile ? 4 : 8)));
        const auto x = parseInt(path.parent_path().filename().string());
        const auto z = parseInt(path.parent_path().parent_path().filename().string());
        if (!x || !y || !z) continue;
        const TileId id{*z, *x, *y};
        if (!id.valid()) continue;

        if (tile) {
            out.tiles.push_back({id, onDiskBytes(std::uint64_t(st.st_size)), std::max(nsOf(st.st_atim), mtime)});
        } else if (missingMaxAge > 0 && now - mtime >= missingMaxAge) {
            ::unlink(path.c_str());  // expired: the tile will be asked for again
        } else {
            out.missing.emplace_back(id, mtime);
        }
    }
    return out;
}

void DiskCache::install(Scanned&& s) {
    std::stable_sort(s.tiles.begin(), s.tiles.end(),
                     [](const Scanned::Tile& a, const Scanned::Tile& b) { return a.lastUse < b.lastUse; });
    {
        // Marks first: once the index is ready, knownMissing() must know them.
        std::lock_guard lock(missingMutex_);
        for (const auto& [id, at] : s.missing) {
            const auto [it, inserted] = missing_.try_emplace(id, at);
            if (!inserted) it->second = std::max(it->second, at);
        }
    }
    {
        std::lock_guard lock(mutex_);
        for (const auto& t : s.tiles) {
            if (entries_.count(t.id)) continue;
            Entry e;
            e.bytes = t.bytes;
            e.lru = lru_.insert(lru_.end(), t.id);
            entries_.emplace(t.id, e);
            totalBytes_ += t.bytes;
        }
        state_ = IndexState::Ready;
        trimLocked();  // the budget may have been lowered since the last run
    }
    indexed_.notify_all();
}

void DiskCache::touchLocked(const TileId& id, std::uint64_t bytes) {
    const auto [it, inserted] = entries_.try_emplace(id);
    if (inserted) {
        it->second.lru = lru_.insert(lru_.end(), id);
    } else {
        totalBytes_ -= it->second.bytes;
        lru_.splice(lru_.end(), lru_, it->second.lru);
    }
    it->second.bytes = bytes;
    totalBytes_ += bytes;
}

void DiskCache::forgetLocked(const TileId& id) {
    const auto it = entries_.find(id);
    if (it == entries_.end()) return;
    totalBytes_ -= it->second.bytes;
    lru_.erase(it->second.lru);
    entries_.erase(it);
}

void DiskCache::trimLocked() {
    if (opt_.maxBytes == 0 || totalBytes_ <= opt_.maxBytes) return;
    // Down to 90 %, so that the next few writes do not each evict again.
    const std::uint64_t target = opt_.maxBytes - opt_.maxBytes / 10;
    for (auto it = lru_.begin(); it != lru_.end() && totalBytes_ > target;) {
        const TileId id = *it;
        if (pinned_.count(id)) {
            ++it;
            continue;
        }
        ::unlink(pathFor(id).c_str());
        const auto e = entries_.find(id);
        totalBytes_ -= e->second.bytes;
        entries_.erase(e);
        it = lru_.erase(it);
        ++evicted_;
    }
}

void DiskCache::pin(const TileId& id) {
    std::lock_guard lock(mutex_);
    ++pinned_[id];
}

void DiskCache::unpinLocked(const TileId& id) {
    const auto it = pinned_.find(id);
    if (it != pinned_.end() && --it->second == 0) pinned_.erase(it);
}

std::optional<CachedTile> DiskCache::read(const TileId& id) {
    ensureIndexed();
    const fs::path path = pathFor(id);
    pin(id);
    std::optional<CachedTile> out;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        if (auto bytes = readFileBytes(path)) {
            const std::int64_t use = useStamp();
            setFileTimes(path, use, -1);
            CachedTile c;
            c.bytes = std::move(*bytes);
            c.stale = opt_.maxAge.count() > 0 && use - nsOf(st.st_mtim) > nsOf(opt_.maxAge);
            out = std::move(c);
        }
    }
    std::lock_guard lock(mutex_);
    if (!out) {
        forgetLocked(id);
    } else if (const auto it = entries_.find(id); it != entries_.end()) {
        lru_.splice(lru_.end(), lru_, it->second.lru);  // its size is the last writer's business
    } else if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        // Written by another process since the scan (checked again under the lock: a concurrent
        // remove() may have deleted it since it was read).
        touchLocked(id, onDiskBytes(std::uint64_t(st.st_size)));
        trimLocked();
    }
    unpinLocked(id);
    return out;
}

Status DiskCache::write(const TileId& id, const std::vector<std::uint8_t>& bytes) {
    ensureIndexed();
    const fs::path path = pathFor(id);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return makeError(path.parent_path().string() + ": " + ec.message());
    pin(id);
    Status written = writeFileAtomic(path, bytes);
    if (written) {
        const std::int64_t now = useStamp();
        setFileTimes(path, now, now);
    }
    {
        std::lock_guard lock(mutex_);
        if (written) {
            // The file as it is now, under the lock: when writers of one tile race, the last one
            // here sees the last rename; when remove() deleted it meanwhile, it is forgotten.
            struct stat st {};
            if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
                touchLocked(id, onDiskBytes(std::uint64_t(st.st_size)));
                trimLocked();  // the new tile is pinned: never its own victim
            } else {
                forgetLocked(id);
            }
        }
        unpinLocked(id);
    }
    if (written) {
        bool wasMissing = false;
        {
            std::lock_guard lock(missingMutex_);
            wasMissing = missing_.erase(id) != 0;
        }
        if (wasMissing) ::unlink(missingMarkerFor(id).c_str());
    }
    return written;
}

void DiskCache::remove(const TileId& id) {
    ensureIndexed();
    std::lock_guard lock(mutex_);
    forgetLocked(id);
    ::unlink(pathFor(id).c_str());
}

void DiskCache::markMissing(const TileId& id) {
    const std::int64_t now = nowNs();
    {
        std::lock_guard lock(missingMutex_);
        // Bounded memory for long sessions; forgetting costs one more request per tile.
        if (missing_.size() > 1'000'000) missing_.clear();
        missing_[id] = now;
    }
    remove(id);
    const fs::path marker = missingMarkerFor(id);
    std::error_code ec;
    fs::create_directories(marker.parent_path(), ec);
    // An empty file: nothing to tear, so no need for the atomic write. Failing to write it only
    // costs one request in a later run.
    if (!ec && writeFileBytes(marker, nullptr, 0)) setFileTimes(marker, now, now);
}

bool DiskCache::knownMissing(const TileId& id) const {
    std::lock_guard lock(missingMutex_);
    const auto it = missing_.find(id);
    if (it == missing_.end()) return false;
    return opt_.missingMaxAge.count() <= 0 || nowNs() - it->second < nsOf(opt_.missingMaxAge);
}

DiskCache::Stats DiskCache::stats() const {
    Stats s;
    {
        std::lock_guard lock(mutex_);
        s.bytes = totalBytes_;
        s.tiles = entries_.size();
        s.evictedTiles = evicted_;
    }
    std::lock_guard lock(missingMutex_);
    s.missingMarks = missing_.size();
    return s;
}

std::vector<TileId> DiskCache::usageOrder() const {
    std::lock_guard lock(mutex_);
    return {lru_.begin(), lru_.end()};
}

std::string cacheFolderName(const std::string& urlTemplate) {
    // FNV-1a, 64 bit: stable across runs and platforms, unlike std::hash.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const char c : urlTemplate) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }

    std::string rest = urlTemplate;
    if (const auto scheme = rest.find("://"); scheme != std::string::npos) rest.erase(0, scheme + 3);
    if (const auto query = rest.find_first_of("?#"); query != std::string::npos) rest.erase(query);
    // The tile address part says nothing about the source; cut it off at the first placeholder.
    if (const auto brace = rest.find('{'); brace != std::string::npos) rest.erase(brace);
    if (const auto at = rest.find('@'); at != std::string::npos && at < rest.find('/')) rest.erase(0, at + 1);

    std::string name;
    bool lastWasSep = true;  // also drops leading separators
    for (const char c : rest) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        if (keep) {
            name += c;
            lastWasSep = false;
        } else if (!lastWasSep) {
            name += '_';
            lastWasSep = true;
        }
        if (name.size() >= 64) break;
    }
    while (!name.empty() && (name.back() == '_' || name.back() == '.')) name.pop_back();
    if (name.empty()) name = "source";

    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return name + "-" + hex;
}

}  // namespace plateau
