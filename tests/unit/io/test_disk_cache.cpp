#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <unistd.h>
#include <random>
#include <thread>

#include "io/atomic_file.h"
#include "io/disk_cache.h"
#include "io_test_helpers.h"

using namespace plateau;
using plateau::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kTile = 8192;  // whole 4 KiB blocks: on-disk size == file size

std::vector<std::uint8_t> bytesOf(std::size_t n, std::uint8_t fill) { return std::vector<std::uint8_t>(n, fill); }

TileId tile(int i) { return {10, 500 + i, 300}; }

struct FolderTotals {
    std::uint64_t fileBytes = 0;    // sizes as stored
    std::uint64_t blockBytes = 0;   // rounded up to 4 KiB
    std::size_t tiles = 0;
    std::size_t temps = 0;
};

FolderTotals totalsOf(const fs::path& root) {
    FolderTotals t;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        const std::string name = e.path().filename().string();
        if (name.find(".tmp-") != std::string::npos) ++t.temps;
        if (e.path().extension() != ".png") continue;
        ++t.tiles;
        t.fileBytes += e.file_size();
        t.blockBytes += (e.file_size() + 4095) / 4096 * 4096;
    }
    return t;
}

void ageFile(const fs::path& p, std::chrono::hours by) {
    REQUIRE(fs::exists(p));
    fs::last_write_time(p, fs::file_time_type::clock::now() - by);
}

DiskCacheOptions budget(std::uint64_t bytes) {
    DiskCacheOptions o;
    o.maxBytes = bytes;
    return o;
}

}  // namespace

TEST_CASE("disk cache evicts the least recently used tiles beyond its budget", "[disk_cache][http]") {
    TempDir dir("disk-cache");
    DiskCache cache(dir.path(), budget(5 * kTile));
    for (int i = 0; i < 5; ++i) REQUIRE(cache.write(tile(i), bytesOf(kTile, std::uint8_t(i))).ok());
    CHECK(cache.stats().bytes == 5 * kTile);  // at the budget, not over: nothing evicted
    CHECK(cache.stats().evictedTiles == 0);

    REQUIRE(cache.read(tile(0)));  // now the most recently used
    REQUIRE(cache.write(tile(5), bytesOf(kTile, 5)).ok());
    // Over budget: least recently used go until at most 90 % (36,864 bytes) is left.
    CHECK(cache.stats().evictedTiles == 2);
    CHECK(cache.usageOrder() == std::vector<TileId>{tile(3), tile(4), tile(0), tile(5)});
    CHECK_FALSE(fs::exists(cache.pathFor(tile(1))));
    CHECK_FALSE(fs::exists(cache.pathFor(tile(2))));
    CHECK(fs::exists(cache.pathFor(tile(0))));
    CHECK_FALSE(cache.read(tile(1)));
    auto t0 = cache.read(tile(0));
    REQUIRE(t0);
    CHECK(t0->bytes == bytesOf(kTile, 0));

    // However many tiles come, of whatever size, the folder stays within budget.
    for (int i = 6; i < 40; ++i) {
        REQUIRE(cache.write(tile(i), bytesOf(std::size_t(1000 + 700 * i), std::uint8_t(i))).ok());
        const auto totals = totalsOf(dir.path());
        CHECK(totals.blockBytes <= 5 * kTile);
        CHECK(totals.blockBytes == cache.stats().bytes);
        CHECK(totals.tiles == cache.stats().tiles);
    }
    CHECK(fs::exists(cache.pathFor(tile(39))));
}

TEST_CASE("disk cache rebuilds its index from the folder: entries, sizes and use order", "[disk_cache][http]") {
    TempDir dir("disk-cache");
    const std::vector<TileId> written{tile(0), tile(1), tile(2), tile(3)};
    {
        DiskCache first(dir.path(), budget(0));
        for (const TileId& t : written) REQUIRE(first.write(t, bytesOf(kTile, 1)).ok());
        REQUIRE(first.read(tile(0)));
        REQUIRE(first.read(tile(2)));
        CHECK(first.usageOrder() == std::vector<TileId>{tile(1), tile(3), tile(0), tile(2)});
    }
    // Files that are not tiles are neither counted nor touched.
    fs::create_directories(dir.path() / "notes");
    { std::ofstream(dir.path() / "notes" / "1.png") << "not in a z/x folder"; }
    { std::ofstream(dir.path() / "10" / "500" / "readme.txt") << "x"; }

    {
        DiskCache later(dir.path(), budget(0));
        later.startIndexing();
        later.waitUntilIndexed();
        CHECK(later.usageOrder() == std::vector<TileId>{tile(1), tile(3), tile(0), tile(2)});
        CHECK(later.stats().bytes == 4 * kTile);
        CHECK(later.stats().tiles == 4);
    }
    {
        // With room for four, a fifth evicts from the old end of the previous run's order.
        DiskCache later(dir.path(), budget(4 * kTile));
        REQUIRE(later.write(tile(4), bytesOf(kTile, 1)).ok());
        CHECK(later.usageOrder() == std::vector<TileId>{tile(0), tile(2), tile(4)});
        CHECK_FALSE(fs::exists(later.pathFor(tile(1))));
        CHECK_FALSE(fs::exists(later.pathFor(tile(3))));
    }
    {
        // A budget lowered since the last run holds from the start.
        DiskCache smaller(dir.path(), budget(2 * kTile));
        smaller.waitUntilIndexed();
        CHECK(smaller.usageOrder() == std::vector<TileId>{tile(4)});
        CHECK(totalsOf(dir.path()).blockBytes <= 2 * kTile);
    }
    CHECK(fs::exists(dir.path() / "notes" / "1.png"));
    CHECK(fs::exists(dir.path() / "10" / "500" / "readme.txt"));
}

TEST_CASE("disk cache tells stale tiles by their age", "[disk_cache][http]") {
    TempDir dir("disk-cache");
    DiskCacheOptions o;
    o.maxAge = std::chrono::hours(24 * 30);
    DiskCache cache(dir.path(), o);
    REQUIRE(cache.write(tile(0), bytesOf(100, 7)).ok());
    auto fresh = cache.read(tile(0));
    REQUIRE(fresh);
    CHECK_FALSE(fresh->stale);

    ageFile(cache.pathFor(tile(0)), std::chrono::hours(24 * 29));
    CHECK_FALSE(cache.read(tile(0))->stale);
    ageFile(cache.pathFor(tile(0)), std::chrono::hours(24 * 31));
    auto old = cache.read(tile(0));
    REQUIRE(old);
    CHECK(old->stale);
    CHECK(old->bytes == bytesOf(100, 7));  // still there to fall back on

    // Reading marks use, not freshness: still stale. Writing makes it fresh.
    CHECK(cache.read(tile(0))->stale);
    REQUIRE(cache.write(tile(0), bytesOf(100, 8)).ok());
    CHECK_FALSE(cache.read(tile(0))->stale);

    DiskCacheOptions never = o;
    never.maxAge = std::chrono::seconds(0);
    DiskCache forever(dir.path(), never);
    ageFile(forever.pathFor(tile(0)), std::chrono::hours(24 * 3650));
    CHECK_FALSE(forever.read(tile(0))->stale);
}

TEST_CASE("disk cache remembers missing tiles on disk until the mark expires", "[disk_cache][http]") {
    TempDir dir("disk-cache");
    const TileId gone = tile(0), cached = tile(1);
    {
        DiskCache cache(dir.path());
        REQUIRE(cache.write(gone, bytesOf(100, 1)).ok());
        REQUIRE(cache.write(cached, bytesOf(100, 1)).ok());
        cache.markMissing(gone);
        CHECK(cache.knownMissing(gone));
        CHECK_FALSE(cache.knownMissing(cached));
        CHECK(fs::is_regular_file(cache.missingMarkerFor(gone)));
        CHECK(fs::file_size(cache.missingMarkerFor(gone)) == 0);
        CHECK_FALSE(fs::exists(cache.pathFor(gone)));  // the server's word beats an old copy
        CHECK(cache.stats().tiles == 1);
    }
    {
        DiskCache later(dir.path());
        CHECK_FALSE(later.knownMissing(gone));  // before the index: no disk access, so not known yet
        later.waitUntilIndexed();
        CHECK(later.knownMissing(gone));
        CHECK(later.stats().missingMarks == 1);
        CHECK(later.stats().tiles == 1);
    }
    ageFile(DiskCache(dir.path()).missingMarkerFor(gone), std::chrono::hours(23));
    {
        DiskCache later(dir.path());
        later.waitUntilIndexed();
        CHECK(later.knownMissing(gone));
    }
    ageFile(DiskCache(dir.path()).missingMarkerFor(gone), std::chrono::hours(25));
    {
        DiskCacheOptions longer;
        longer.missingMaxAge = std::chrono::hours(24 * 7);
        DiskCache patient(dir.path(), longer);
        patient.waitUntilIndexed();
        CHECK(patient.knownMissing(gone));

        DiskCacheOptions ever;
        ever.missingMaxAge = std::chrono::seconds(0);
        DiskCache forever(dir.path(), ever);
        forever.waitUntilIndexed();
        CHECK(forever.knownMissing(gone));
    }
    {
        DiskCache later(dir.path());  // default: one day
        later.waitUntilIndexed();
        CHECK_FALSE(later.knownMissing(gone));
        CHECK_FALSE(fs::exists(later.missingMarkerFor(gone)));  // expired marks are cleared away
    }
    {
        DiskCache cache(dir.path());
        cache.markMissing(gone);
        REQUIRE(cache.write(gone, bytesOf(100, 2)).ok());  // it exists after all
        CHECK_FALSE(cache.knownMissing(gone));
        CHECK_FALSE(fs::exists(cache.missingMarkerFor(gone)));
    }
}

namespace {
// A payload that shows a torn or mixed read: its length and its writer's id in the first five
// bytes, then the id repeated.
std::vector<std::uint8_t> signedPayload(std::size_t size, std::uint8_t writer) {
    std::vector<std::uint8_t> b(std::max<std::size_t>(size, 5), writer);
    const auto n = std::uint32_t(b.size());
    for (int i = 0; i < 4; ++i) b[std::size_t(i)] = std::uint8_t(n >> (8 * i));
    return b;
}
bool intact(const std::vector<std::uint8_t>& b) {
    if (b.size() < 5) return false;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= std::uint32_t(b[std::size_t(i)]) << (8 * i);
    if (n != b.size() || b[4] > 3) return false;
    for (std::size_t i = 5; i < b.size(); ++i)
        if (b[i] != b[4]) return false;
    return true;
}
}  // namespace

TEST_CASE("disk cache stays consistent under concurrent reads and writes", "[disk_cache][http]") {
    TempDir dir("disk-cache");
    const std::uint64_t limit = 20 * kTile;
    DiskCache cache(dir.path(), budget(limit));
    cache.startIndexing();
    std::atomic<int> failures{0}, torn{0}, hits{0};
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            std::mt19937 rng{static_cast<unsigned>(k)};
            for (int i = 0; i < 150; ++i) {
                const TileId t = tile(int(rng() % 60));
                if (rng() % 3 == 0) {
                    // Whatever a read returns is one writer's whole payload, never a mix.
                    if (auto c = cache.read(t)) {
                        ++hits;
                        if (!intact(c->bytes)) ++torn;
                    }
                } else if (!cache.write(t, signedPayload(std::size_t(1 + rng() % (2 * kTile)), std::uint8_t(k))).ok()) {
                    ++failures;
                }
                if (rng() % 10 == 0) cache.markMissing(tile(60 + int(rng() % 5)));
            }
        });
    for (auto& th : threads) th.join();
    CHECK(failures == 0);
    CHECK(torn == 0);
    CHECK(hits > 10);  // reads did find tiles, so the check above saw payloads

    const auto stats = cache.stats();
    const auto totals = totalsOf(dir.path());
    CHECK(stats.bytes <= limit);
    CHECK(totals.blockBytes == stats.bytes);
    CHECK(totals.tiles == stats.tiles);
    CHECK(totals.temps == 0);
    CHECK(stats.evictedTiles > 0);

    DiskCache later(dir.path(), budget(limit));
    later.waitUntilIndexed();
    CHECK(later.stats().bytes == stats.bytes);
    CHECK(later.stats().tiles == stats.tiles);
}

TEST_CASE("indexing removes temporary files abandoned by a crashed writer, not ones being written", "[disk_cache][http]") {
    TempDir dir("disk-cache");
    {
        DiskCache first(dir.path(), budget(0));
        REQUIRE(first.write(tile(0), bytesOf(kTile, 1)).ok());
    }
    const fs::path folder = DiskCache(dir.path(), budget(0)).pathFor(tile(0)).parent_path();
    // What atomic writes leave when the process dies between writing and renaming.
    const fs::path old = folder / "7.png.tmp-4242-0", fresh = folder / "8.png.tmp-4243-0";
    for (const fs::path& p : {old, fresh}) {
        std::ofstream(p) << std::string(100, 'x');
    }
    ageFile(old, std::chrono::hours(2));  // older than any write takes
    DiskCache cache(dir.path(), budget(0));
    cache.waitUntilIndexed();
    CHECK_FALSE(fs::exists(old));
    CHECK(fs::exists(fresh));  // perhaps another process's write in progress: kept
    CHECK(cache.stats().tiles == 1);  // neither counted as a tile
    CHECK(cache.read(tile(0)).has_value());
}

TEST_CASE("temporary files of a dead writer are abandoned, a live one's never", "[atomic]") {
    TempDir dir("atomic");
    const fs::path mine = dir.path() / ("a.png.tmp-" + std::to_string(::getpid()) + "-3");
    // Process ids wrap below /proc/sys/kernel/pid_max (at most 4194304): this one cannot run.
    const fs::path dead = dir.path() / "sub/b.png.tmp-999999999-0";
    fs::create_directories(dead.parent_path());
    for (const fs::path& p : {mine, dead}) std::ofstream(p) << "x";
    std::ofstream(dir.path() / "c.png") << "tile";
    std::ofstream(dir.path() / "d.tmp-12x-1") << "not a temp name";
    CHECK_FALSE(isAbandonedTemp(mine));
    CHECK(isAbandonedTemp(dead));
    CHECK_FALSE(isAbandonedTemp(dir.path() / "c.png"));
    CHECK_FALSE(isAbandonedTemp(dir.path() / "d.tmp-12x-1"));
    CHECK(removeAbandonedTemps(dir.path()) == 1);
    CHECK(fs::exists(mine));
    CHECK_FALSE(fs::exists(dead));
    CHECK(fs::exists(dir.path() / "c.png"));
}
