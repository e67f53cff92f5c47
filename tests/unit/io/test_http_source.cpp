#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <vector>
#include <chrono>
#include <thread>

#include "io/atomic_file.h"
#include "io/disk_cache.h"
#include "io/http_client.h"
#include "io/http_source.h"
#include "io/png_codec.h"
#include "io_test_helpers.h"
#include "full_disk.h"
#include "http_test_helpers.h"
#include "loopback_server.h"

using namespace plateau;
using namespace std::chrono_literals;
using plateau::test::Behaviour;
using plateau::test::LoopbackServer;
using plateau::test::Misbehaviour;
using plateau::test::TempDir;
using plateau::test::fastOptionsFor;
using plateau::test::pathOf;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double knownHeight(double base, int i, int j) { return base + 3.0 * i - 2.0 * j; }

std::vector<std::uint8_t> tilePng(double base, HeightEncoding enc = HeightEncoding::Terrarium) {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    for (int j = 0; j < 256; ++j)
        for (int i = 0; i < 256; ++i) {
            const auto rgb = encodeHeight(knownHeight(base, i, j), enc);
            std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + (j * 256 + i) * 3);
        }
    auto png = encodePng(img, 1);
    REQUIRE(png.ok());
    return *png;
}

std::shared_ptr<TileSource> openOrFail(const HttpSourceOptions& o) {
    auto src = openHttpSource(o);
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

std::string errorOf(const Result<HeightGrid>& r) { return r.ok() ? std::string("(no error)") : r.error().message; }

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Designated initialisers would leave fields out, which -Wextra flags; these spell them out.
Behaviour behaviour(Misbehaviour kind) {
    Behaviour b;
    b.kind = kind;
    return b;
}
Behaviour status(int code, int okOnAttempt = 0) {
    Behaviour b = behaviour(okOnAttempt > 0 ? Misbehaviour::StatusThenServe : Misbehaviour::Status);
    b.status = code;
    b.okOnAttempt = okOnAttempt;
    return b;
}
Behaviour slow(std::chrono::milliseconds delay) {
    Behaviour b = behaviour(Misbehaviour::Slow);
    b.delay = delay;
    return b;
}
Behaviour streaming(Misbehaviour kind, std::size_t size) {
    Behaviour b = behaviour(kind);
    b.size = size;
    return b;
}
Behaviour redirect(std::string location) {
    Behaviour b = behaviour(Misbehaviour::Redirect);
    b.location = std::move(location);
    return b;
}

}  // namespace

TEST_CASE("HTTP source loads a tile with known heights and then serves it from the disk cache", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{7, 95, 53};
    server.setFile(pathOf(t), tilePng(4200.0));
    const auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    auto src = openOrFail(opts);
    CHECK(src->describe() == "http " + opts.urlTemplate);
    CHECK(src->minZoom() == 0);
    CHECK(src->maxZoom() == 15);
    CHECK(src->hasTile(t));
    CHECK_FALSE(src->hasTile({16, 0, 0}));

    auto grid = src->load(t);
    INFO(errorOf(grid));
    REQUIRE(grid.ok());
    REQUIRE(grid->width == 256);
    REQUIRE(grid->height == 256);
    for (const auto& [i, j] : {std::pair{0, 0}, {255, 0}, {17, 200}, {255, 255}})
        CHECK(grid->at(i, j) == Approx(knownHeight(4200.0, i, j)).margin(0.01));
    CHECK(server.requestCount(pathOf(t)) == 1);
    CHECK(fs::is_regular_file(cache.path() / "7" / "95" / "53.png"));

    auto again = src->load(t);
    REQUIRE(again.ok());
    CHECK(again->samples == grid->samples);
    CHECK(server.requestCount(pathOf(t)) == 1);

    // A later run (a new source on the same cache folder) needs no network either.
    auto later = openOrFail(opts)->load(t);
    REQUIRE(later.ok());
    CHECK(server.requestCount(pathOf(t)) == 1);
}

TEST_CASE("HTTP source refetches a damaged cache entry", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{3, 5, 3};
    server.setFile(pathOf(t), tilePng(100.0));
    REQUIRE(DiskCache(cache.path()).write(t, {'n', 'o', 'p', 'e'}).ok());
    auto grid = openOrFail(fastOptionsFor<HttpSourceOptions>(server, cache))->load(t);
    INFO(errorOf(grid));
    REQUIRE(grid.ok());
    CHECK(server.requestCount(pathOf(t)) == 1);
    CHECK(DiskCache(cache.path()).read(t)->bytes.size() > 4);
}

TEST_CASE("HTTP 404 is reported once, not retried and remembered", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{5, 1, 2};
    auto src = openOrFail(fastOptionsFor<HttpSourceOptions>(server, cache));
    const auto r = src->load(t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == server.baseUrl() + pathOf(t) + ": HTTP 404 (tile not found)");
    CHECK(server.requestCount(pathOf(t)) == 1);
    CHECK_FALSE(src->hasTile(t));
    const auto r2 = src->load(t);
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().message == r.error().message);
    CHECK(server.requestCount(pathOf(t)) == 1);
}

TEST_CASE("HTTP 404 is remembered by later runs until the mark expires", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{5, 1, 2};
    const fs::path marker = cache.path() / "5" / "1" / "2.missing";
    const std::string notFound = server.baseUrl() + pathOf(t) + ": HTTP 404 (tile not found)";
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    CHECK(errorOf(openOrFail(opts)->load(t)) == notFound);
    CHECK(server.requestCount(pathOf(t)) == 1);
    CHECK(fs::is_regular_file(marker));

    // A new source on the same folder (a later run) does not ask, and hasTile knows once the
    // folder is indexed (load waits for that).
    {
        auto later = openOrFail(opts);
        CHECK(errorOf(later->load(t)) == notFound);
        CHECK(server.requestCount(pathOf(t)) == 1);
        CHECK_FALSE(later->hasTile(t));
        CHECK(later->hasTile({5, 1, 3}));
    }

    // Two days on, the default day has passed: asked again (and still missing, marked afresh).
    fs::last_write_time(marker, fs::file_time_type::clock::now() - 48h);
    {
        auto patient = opts;
        patient.missingMaxAge = std::chrono::hours(24 * 7);
        CHECK(errorOf(openOrFail(patient)->load(t)) == notFound);
        CHECK(server.requestCount(pathOf(t)) == 1);
    }
    CHECK(errorOf(openOrFail(opts)->load(t)) == notFound);
    CHECK(server.requestCount(pathOf(t)) == 2);
    CHECK(openOrFail(opts)->load(t).ok() == false);
    CHECK(server.requestCount(pathOf(t)) == 2);

    // The tile appears on the server; once the mark expires it is fetched and the mark is gone.
    server.setFile(pathOf(t), tilePng(50.0));
    fs::last_write_time(marker, fs::file_time_type::clock::now() - 48h);
    auto src = openOrFail(opts);
    const auto r = src->load(t);
    INFO(errorOf(r));
    CHECK(r.ok());
    CHECK(server.requestCount(pathOf(t)) == 3);
    CHECK(src->hasTile(t));
    CHECK_FALSE(fs::exists(marker));
}

TEST_CASE("HTTP source fetches expired tiles again and falls back on the old copy", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{7, 95, 54};
    const fs::path file = cache.path() / "7" / "95" / "54.png";
    server.setFile(pathOf(t), tilePng(1000.0));
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.retries = 3;
    auto age = [&](std::chrono::hours by) { fs::last_write_time(file, fs::file_time_type::clock::now() - by); };
    REQUIRE(openOrFail(opts)->load(t).ok());
    CHECK(server.requestCount(pathOf(t)) == 1);

    age(24h * 29);
    REQUIRE(openOrFail(opts)->load(t).ok());
    CHECK(server.requestCount(pathOf(t)) == 1);  // 29 days: still fresh

    age(24h * 31);
    server.setFile(pathOf(t), tilePng(2000.0));
    auto refreshed = openOrFail(opts)->load(t);
    REQUIRE(refreshed.ok());
    CHECK(server.requestCount(pathOf(t)) == 2);
    CHECK(refreshed->at(0, 0) == Approx(2000.0).margin(0.01));
    CHECK(fs::file_time_type::clock::now() - fs::last_write_time(file) < 1h);

    // Expired and the server fails: one attempt (no retries with a copy at hand), then the copy;
    // not asked again in this run.
    age(24h * 31);
    server.setBehaviour(pathOf(t), status(503));
    {
        auto src = openOrFail(opts);
        auto old = src->load(t);
        INFO(errorOf(old));
        REQUIRE(old.ok());
        CHECK(old->at(0, 0) == Approx(2000.0).margin(0.01));
        CHECK(server.requestCount(pathOf(t)) == 3);
        REQUIRE(src->load(t).ok());
        CHECK(server.requestCount(pathOf(t)) == 3);
    }

    // A max age of 0: never expires.
    auto keep = opts;
    keep.cacheMaxAge = std::chrono::seconds(0);
    age(24h * 3650);
    REQUIRE(openOrFail(keep)->load(t).ok());
    CHECK(server.requestCount(pathOf(t)) == 3);

    // Expired and gone from the server: the old copy goes too.
    server.setBehaviour(pathOf(t), status(404));
    auto gone = openOrFail(opts);
    CHECK(errorOf(gone->load(t)) == server.baseUrl() + pathOf(t) + ": HTTP 404 (tile not found)");
    CHECK(server.requestCount(pathOf(t)) == 4);
    CHECK_FALSE(fs::exists(file));
    CHECK_FALSE(gone->hasTile(t));
}

TEST_CASE("HTTP source keeps its cache folder within budget, least recently used out first", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    std::vector<TileId> tiles;
    std::uint64_t blocks = 0;
    for (int i = 0; i < 4; ++i) {
        tiles.push_back({6, 40 + i, 20});
        const auto png = tilePng(100.0 * i);
        server.setFile(pathOf(tiles.back()), png);
        if (i < 3) blocks += (png.size() + 4095) / 4096 * 4096;
    }
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.cacheMaxBytes = blocks;  // exactly the first three
    auto src = openOrFail(opts);
    for (int i = 0; i < 3; ++i) REQUIRE(src->load(tiles[i]).ok());
    REQUIRE(src->load(tiles[0]).ok());  // from the cache: now the most recently used
    CHECK(server.totalRequests() == 3);
    REQUIRE(src->load(tiles[3]).ok());

    auto cached = [&](const TileId& t) {
        return fs::exists(cache.path() / std::to_string(t.z) / std::to_string(t.x) / (std::to_string(t.y) + ".png"));
    };
    CHECK(cached(tiles[0]));
    CHECK_FALSE(cached(tiles[1]));
    CHECK(cached(tiles[3]));
    std::uint64_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(cache.path()))
        if (e.is_regular_file()) total += e.file_size();
    CHECK(total <= opts.cacheMaxBytes);

    // An evicted tile is simply fetched again.
    REQUIRE(src->load(tiles[1]).ok());
    CHECK(server.requestCount(pathOf(tiles[1])) == 2);
    CHECK(server.requestCount(pathOf(tiles[0])) == 1);
}

TEST_CASE("HTTP 5xx and 429 are retried with backoff, other 4xx are not", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.retries = 3;
    auto src = openOrFail(opts);

    SECTION("500 until the third attempt, then the tile") {
        const TileId t{4, 3, 6};
        server.setFile(pathOf(t), tilePng(10.0));
        server.setBehaviour(pathOf(t), status(500, 3));
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = src->load(t);
        const auto waited = std::chrono::steady_clock::now() - t0;
        INFO(errorOf(r));
        CHECK(r.ok());
        CHECK(server.requestCount(pathOf(t)) == 3);
        // Two waits, about base and 2 x base, each at least 75 % of that (jitter): retries that
        // did not wait would pass every other check here.
        CHECK(waited >= 0.75 * 3 * opts.retryBaseDelay);
    }
    SECTION("429 until the second attempt") {
        const TileId t{4, 3, 7};
        server.setFile(pathOf(t), tilePng(10.0));
        server.setBehaviour(pathOf(t), status(429, 2));
        CHECK(src->load(t).ok());
        CHECK(server.requestCount(pathOf(t)) == 2);
    }
    SECTION("always 500") {
        const TileId t{4, 3, 8};
        server.setBehaviour(pathOf(t), status(500));
        const auto r = src->load(t);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == server.baseUrl() + pathOf(t) + ": HTTP 500 after 4 attempts");
        CHECK(server.requestCount(pathOf(t)) == 4);
        CHECK(src->hasTile(t));  // a server error says nothing about the tile's existence
    }
    SECTION("403 and 400 fail at once") {
        for (const int code : {403, 400}) {
            const TileId t{4, 3, code == 403 ? 9 : 10};
            server.setBehaviour(pathOf(t), status(code));
            const auto r = src->load(t);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().message == server.baseUrl() + pathOf(t) + ": HTTP " + std::to_string(code));
            CHECK(server.requestCount(pathOf(t)) == 1);
        }
    }
}

TEST_CASE("HTTP source times out on a slow server in about the configured time", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{6, 10, 20};
    server.setFile(pathOf(t), tilePng(0.0));
    server.setBehaviour(pathOf(t), slow(4000ms));
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.totalTimeout = 300ms;
    opts.retries = 1;
    const auto t0 = Clock::now();
    const auto r = openOrFail(opts)->load(t);
    const double elapsed = secondsSince(t0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == server.baseUrl() + pathOf(t) + ": timed out after 0.3 s (2 attempts)");
    CHECK(server.requestCount(pathOf(t)) == 2);
    CHECK(elapsed >= 0.5);
    CHECK(elapsed < 5.0);
}

TEST_CASE("HTTP source reports a truncated body", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{6, 10, 21};
    const auto png = tilePng(0.0);
    server.setFile(pathOf(t), png);
    server.setBehaviour(pathOf(t), behaviour(Misbehaviour::Truncated));
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.retries = 0;
    const auto r = openOrFail(opts)->load(t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == server.baseUrl() + pathOf(t) + ": truncated response (received " +
                                   std::to_string(png.size() / 2) + " of " + std::to_string(png.size()) + " bytes)");
    CHECK_FALSE(fs::exists(cache.path() / "6" / "10" / "21.png"));
}

TEST_CASE("HTTP source abandons responses over the size limit", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    auto src = openOrFail(fastOptionsFor<HttpSourceOptions>(server, cache));
    const TileId declared{6, 1, 1}, undeclared{6, 1, 2};
    server.setBehaviour(pathOf(declared), streaming(Misbehaviour::Oversized, std::size_t(10) << 20));
    // Far more than socket buffers can hold, so bytesSent shows where the client stopped reading.
    server.setBehaviour(pathOf(undeclared), streaming(Misbehaviour::OversizedNoLength, std::size_t(64) << 20));

    for (const TileId& t : {declared, undeclared}) {
        const auto t0 = Clock::now();
        const auto r = src->load(t);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == server.baseUrl() + pathOf(t) + ": response larger than 4 MiB");
        CHECK(server.requestCount(pathOf(t)) == 1);  // not retried
        CHECK(secondsSince(t0) < 5.0);
    }
    // Content-Length is rejected before the body; the stream is cut shortly after 4 MiB.
    CHECK(server.bytesSent(pathOf(declared)) < (std::size_t(10) << 20));
    CHECK(server.bytesSent(pathOf(undeclared)) < (std::size_t(16) << 20));

    // The client itself never holds more than the limit.
    HttpGetOptions get;
    get.maxResponseBytes = std::size_t(1) << 20;
    const auto resp = httpGet(server.baseUrl() + pathOf(undeclared), get);
    CHECK(resp.failure == HttpFailure::TooLarge);
    CHECK(resp.errorText == "response larger than 1 MiB");
    CHECK(resp.body.empty());
}

TEST_CASE("HTTP source reports bodies that are not PNG or in the wrong encoding, and caches neither", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    auto src = openOrFail(fastOptionsFor<HttpSourceOptions>(server, cache));
    const TileId garbage{8, 190, 106}, mapbox{8, 190, 107};
    server.setBehaviour(pathOf(garbage), behaviour(Misbehaviour::Garbage));
    server.setFile(pathOf(mapbox), tilePng(4500.0, HeightEncoding::Mapbox));

    const auto r = src->load(garbage);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == server.baseUrl() + pathOf(garbage) + ": not a PNG file");
    const auto r2 = src->load(mapbox);
    REQUIRE_FALSE(r2.ok());
    CHECK_THAT(r2.error().message, Catch::StartsWith(server.baseUrl() + pathOf(mapbox) + ": heights"));
    CHECK_THAT(r2.error().message, Catch::Contains("try mapbox"));
    CHECK(server.requestCount(pathOf(garbage)) == 1);  // not retried: asking again gives the same bytes
    CHECK_FALSE(fs::exists(cache.path() / "8"));
}

TEST_CASE("HTTP source keeps at most maxConcurrent transfers in flight", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    server.setDelayForAll(100ms);
    for (int i = 0; i < 16; ++i) server.setFile(pathOf({5, i, 7}), tilePng(double(i)));
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.maxConcurrent = 4;
    auto src = openOrFail(opts);

    std::atomic<int> loaded{0};
    std::vector<std::thread> threads;
    const auto t0 = Clock::now();
    for (int i = 0; i < 16; ++i)
        threads.emplace_back([&, i] {
            if (src->load({5, i, 7}).ok()) ++loaded;
        });
    for (auto& th : threads) th.join();
    CHECK(loaded == 16);
    CHECK(server.totalRequests() == 16);
    CHECK(server.maxConcurrent() <= 4);
    CHECK(server.maxConcurrent() >= 2);  // and the limit is not one at a time
    CHECK(secondsSince(t0) < 5.0);
}

TEST_CASE("HTTP source reports a refused connection quickly", "[http]") {
    test::RefusingPort nobody;
    TempDir cache("http-cache");
    HttpSourceOptions opts;
    opts.urlTemplate = "http://127.0.0.1:" + std::to_string(nobody.port()) + "/{z}/{x}/{y}.png";
    opts.cacheDir = cache.path();
    opts.retries = 1;
    opts.retryBaseDelay = 10ms;
    const auto t0 = Clock::now();
    const auto r = openOrFail(opts)->load({1, 1, 1});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message ==
          "http://127.0.0.1:" + std::to_string(nobody.port()) + "/1/1/1.png: connection refused (2 attempts)");
    CHECK(secondsSince(t0) < 2.0);
}

TEST_CASE("HTTP source follows redirects", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{2, 1, 1};
    server.setFile("/moved/2/1/1.png", tilePng(300.0));
    server.setBehaviour(pathOf(t), redirect("/moved/2/1/1.png"));
    const auto r = openOrFail(fastOptionsFor<HttpSourceOptions>(server, cache))->load(t);
    INFO(errorOf(r));
    REQUIRE(r.ok());
    CHECK(r->at(0, 0) == Approx(300.0).margin(0.01));
}

TEST_CASE("HTTP source cancel hook aborts a slow transfer promptly", "[http]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{6, 10, 22};
    server.setFile(pathOf(t), tilePng(0.0));
    server.setBehaviour(pathOf(t), slow(5000ms));
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    opts.totalTimeout = 20000ms;
    opts.cancel = std::make_shared<std::atomic<bool>>(false);
    auto src = openOrFail(opts);

    Result<HeightGrid> result = makeError("not run");
    std::thread loader([&] { result = src->load(t); });
    while (server.requestCount(pathOf(t)) == 0) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(100ms);
    const auto t0 = Clock::now();
    opts.cancel->store(true);
    loader.join();
    CHECK(secondsSince(t0) < 0.5);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == server.baseUrl() + pathOf(t) + ": cancelled");

    // Later loads fail at once without a request.
    const TileId other{6, 10, 23};
    server.setFile(pathOf(other), tilePng(0.0));
    CHECK(errorOf(src->load(other)) == server.baseUrl() + pathOf(other) + ": cancelled");
    CHECK(server.requestCount(pathOf(other)) == 0);
}

TEST_CASE("HTTP source validates its options", "[http]") {
    auto reject = [](const std::string& tmpl, const std::string& message, int minZ = 0, int maxZ = 15) {
        HttpSourceOptions o;
        o.urlTemplate = tmpl;
        o.minZoom = minZ;
        o.maxZoom = maxZ;
        const auto r = openHttpSource(o);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == message);
    };
    reject("", "URL template is empty");
    reject("ftp://h/{z}/{x}/{y}.png", "ftp://h/{z}/{x}/{y}.png: URL template must start with http:// or https://");
    reject("tiles/{z}/{x}/{y}.png", "tiles/{z}/{x}/{y}.png: URL template must start with http:// or https://");
    reject("https://h/{z}/{x}.png", "https://h/{z}/{x}.png: URL template lacks {y}");
    reject("https://h/{x}/{y}.png", "https://h/{x}/{y}.png: URL template lacks {z}");
    reject("https:///{z}/{x}/{y}.png", "https:///{z}/{x}/{y}.png: URL template has no host");
    reject("https://h/{z}/{x}/{y} .png", "https://h/{z}/{x}/{y} .png: URL template contains a space or control character");
    reject("https://h/{z}/{x}/{y}.png", "https://h/{z}/{x}/{y}.png: bad zoom range 5..3", 5, 3);
    HttpSourceOptions negative;
    negative.urlTemplate = "https://h/{z}/{x}/{y}.png";
    negative.missingMaxAge = std::chrono::seconds(-1);
    const auto neg = openHttpSource(negative);
    REQUIRE_FALSE(neg.ok());
    CHECK(neg.error().message == "https://h/{z}/{x}/{y}.png: cache ages must not be negative");

    HttpSourceOptions ok;
    ok.urlTemplate = "HTTPS://h/{z}/{x}/{y}.png";
    ok.cacheDir = "/nonexistent-not-touched-until-a-load";
    CHECK(openHttpSource(ok).ok());
}

TEST_CASE("HTTP source limits hasTile to its bounds and zoom range", "[http]") {
    HttpSourceOptions o;
    o.urlTemplate = "https://tiles.example.com/{z}/{x}/{y}.png";
    o.cacheDir = "/nonexistent-not-touched-until-a-load";
    o.minZoom = 2;
    o.maxZoom = 12;
    o.bounds = LonLatBounds{73.0, 26.0, 105.0, 40.0};
    auto src = openOrFail(o);
    CHECK(src->hasTile(lonLatToTile(91.1, 29.6, 8)));  // Lhasa
    CHECK_FALSE(src->hasTile(lonLatToTile(2.35, 48.85, 8)));  // Paris
    CHECK_FALSE(src->hasTile(lonLatToTile(91.1, 29.6, 1)));
    CHECK_FALSE(src->hasTile(lonLatToTile(91.1, 29.6, 13)));
}

TEST_CASE("URL templates expand and name stable cache folders", "[http]") {
    const std::string a = cacheFolderName("https://tiles.example.com/terrarium/{z}/{x}/{y}.png?key=SECRET");
    CHECK_THAT(a, Catch::StartsWith("tiles.example.com_terrarium-"));
    CHECK(a.find("SECRET") == std::string::npos);
    CHECK(a == cacheFolderName("https://tiles.example.com/terrarium/{z}/{x}/{y}.png?key=SECRET"));
    CHECK(a != cacheFolderName("https://tiles.example.com/terrarium/{z}/{x}/{y}.png?key=OTHER"));
    CHECK(cacheFolderName("http://127.0.0.1:8080/{z}/{x}/{y}.png").rfind("127.0.0.1_8080-", 0) == 0);
    CHECK(a.size() <= 64 + 17);
}

TEST_CASE("a disk cache that cannot write (full disk) warns once; tiles still load; the cache stops growing",
          "[http][faults]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    auto opts = fastOptionsFor<HttpSourceOptions>(server, cache);
    std::mutex m;
    std::vector<std::string> warnings;
    opts.warn = [&](const std::string& w) {
        std::lock_guard lock(m);
        warnings.push_back(w);
    };
    std::vector<TileId> tiles;
    for (int x = 0; x < 6; ++x) {
        tiles.push_back({5, 10 + x, 12});
        server.setFile(pathOf(tiles.back()), tilePng(100.0 * x));
    }
    auto src = openOrFail(opts);
    std::vector<bool> loaded;
    {
        const test::FullDisk full;
        REQUIRE(full.active());
        for (const TileId& t : tiles) loaded.push_back(src->load(t).ok());
    }
    for (bool ok : loaded) CHECK(ok);  // every tile drawn from its download
    REQUIRE(warnings.size() == 1);
    CHECK(warnings.front().find("tile cache: ") == 0);
    CHECK(warnings.front().find("the cache stops growing") != std::string::npos);
    int files = 0;  // neither tiles nor temporary files left by the failed writes
    for (const auto& e : std::filesystem::recursive_directory_iterator(cache.path()))
        if (e.is_regular_file() && e.path().filename().string().find(".png") != std::string::npos) ++files;
    CHECK(files == 0);
    // Asked again, the tiles come from the server (nothing was cached), with no new warning.
    for (const TileId& t : tiles) CHECK(src->load(t).ok());
    CHECK(server.requestCount(pathOf(tiles.front())) == 2);
    CHECK(warnings.size() == 1);
}
