#pragma once
// Tiles fetched from a server, kept on disk as {z}/{x}/{y}.png under one folder per source so that
// later runs (and later loads in this run) need no network. Writes are atomic: a crash or a full
// disk leaves either no file or a complete one, never a prefix that would be served as a tile.
//
// The folder has a byte budget: when a write takes it over, the least recently used tiles are
// deleted until it is at 90 % of the budget. A file's mtime is when it was fetched (for expiry),
// its atime when it was last read or written (for the LRU order; set explicitly, so mount options
// such as noatime do not matter). Sizes count whole 4 KiB blocks, close to what `du` reports.
// Tiles the server said do not exist are remembered as empty {z}/{x}/{y}.missing files whose
// mtime is when the server said so.
//
// The folder is scanned once (in the background after startIndexing(), else by the first call
// that needs it) into an in-memory index that is then kept up to date, so no call walks the tree
// again. Every member may be called from several threads at once. Another process writing the
// same folder at the same time is tolerated (files are only ever replaced atomically) but its
// writes are not counted until a read finds them or the next scan.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

struct DiskCacheOptions {
    // Budget of the whole folder; 0: no limit.
    std::uint64_t maxBytes = std::uint64_t(2) << 30;
    // A tile fetched longer ago than this is stale: still readable, but worth fetching again.
    // 0: never stale.
    std::chrono::seconds maxAge{std::chrono::hours(24 * 30)};
    // How long "the server has no such tile" is believed. 0: for ever.
    std::chrono::seconds missingMaxAge{std::chrono::hours(24)};
};

struct CachedTile {
    std::vector<std::uint8_t> bytes;
    bool stale = false;  // older than maxAge
};

class DiskCache {
public:
    explicit DiskCache(std::filesystem::path root, DiskCacheOptions options = {});
    ~DiskCache();
    DiskCache(const DiskCache&) = delete;
    DiskCache& operator=(const DiskCache&) = delete;

    const std::filesystem::path& root() const { return root_; }
    const DiskCacheOptions& options() const { return opt_; }
    std::filesystem::path pathFor(const TileId& id) const;
    std::filesystem::path missingMarkerFor(const TileId& id) const;

    // Scans the folder on a background thread; calls that need the index wait for it. Without
    // this call, the first such call scans. Creates nothing: a folder that does not exist yet is
    // an empty cache.
    void startIndexing();
    void waitUntilIndexed();

    // The cached bytes, or nullopt when the tile is not cached (or cannot be read). Marks the
    // tile as just used.
    std::optional<CachedTile> read(const TileId& id);
    // Creates the folders as needed, forgets a "missing" mark for the tile, and evicts least
    // recently used tiles (never one being read or written) when over budget.
    Status write(const TileId& id, const std::vector<std::uint8_t>& bytes);
    // Drops an entry that turned out to be unusable, so that it is fetched again.
    void remove(const TileId& id);

    // Remembers (in memory and on disk) that the server has no such tile, and drops a cached
    // copy of it.
    void markMissing(const TileId& id);
    // True while a mark for the tile is younger than missingMaxAge. Never touches the disk: before
    // the index is ready, only marks made in this run are known.
    bool knownMissing(const TileId& id) const;

    struct Stats {
        std::uint64_t bytes = 0;      // tiles, in 4 KiB blocks
        std::size_t tiles = 0;
        std::size_t missingMarks = 0;
        std::uint64_t evictedTiles = 0;  // by this instance
    };
    Stats stats() const;
    // Cached tiles from least to most recently used (for tests and diagnostics).
    std::vector<TileId> usageOrder() const;

private:
    struct Entry {
        std::uint64_t bytes = 0;
        std::list<TileId>::iterator lru;
    };
    struct Scanned;

    void ensureIndexed();
    Scanned scan(std::stop_token stop) const;
    void install(Scanned&& s);
    // Under mutex_: inserts or refreshes an entry and makes it the most recently used.
    void touchLocked(const TileId& id, std::uint64_t bytes);
    void forgetLocked(const TileId& id);
    void trimLocked();
    void pin(const TileId& id);
    void unpinLocked(const TileId& id);

    std::filesystem::path root_;
    DiskCacheOptions opt_;

    mutable std::mutex mutex_;
    std::condition_variable indexed_;
    enum class IndexState { NotStarted, Scanning, Ready } state_ = IndexState::NotStarted;
    std::unordered_map<TileId, Entry, TileIdHash> entries_;
    std::list<TileId> lru_;  // front: least recently used
    std::uint64_t totalBytes_ = 0;
    std::uint64_t evicted_ = 0;
    std::unordered_map<TileId, int, TileIdHash> pinned_;  // being read or written: never evicted

    mutable std::mutex missingMutex_;
    std::unordered_map<TileId, std::int64_t, TileIdHash> missing_;  // marked at, ns since the epoch

    std::jthread scanner_;  // last member: stopped and joined before the rest is destroyed
};

// A folder name for a URL template: its host and path with every character other than
// [A-Za-z0-9.-] replaced, shortened, plus a hash of the whole template so that different
// templates never share a folder. The query string (often an API key) shows only in the hash.
// "https://tiles.example.com/terrarium/{z}/{x}/{y}.png" -> "tiles.example.com_terrarium-1a2b3c4d5e6f7a8b"
std::string cacheFolderName(const std::string& urlTemplate);

}  // namespace plateau
