// How the HTTP tile fetcher treats a server's answers that are not tiles: 410 Gone, Retry-After
// on 429 and 503, and a cancel that arrives while it waits to ask again.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include "io/http_tile_fetcher.h"
#include "io_test_helpers.h"
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

// Any bytes are a tile here: these tests are about the answers around them.
std::string fetchError(HttpTileFetcher& f, const TileId& t) {
    const Status st = f.fetch(t, [](const std::vector<std::uint8_t>&, const std::string&) -> Status { return Ok{}; });
    return st ? std::string("(no error)") : st.error().message;
}

Behaviour answer(int code, std::string headers = {}, int okOnAttempt = 0) {
    Behaviour b;
    b.kind = okOnAttempt > 0 ? Misbehaviour::StatusThenServe : Misbehaviour::Status;
    b.status = code;
    b.okOnAttempt = okOnAttempt;
    b.headers = std::move(headers);
    return b;
}

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 IMF-fixdate).
std::string httpDate(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

}  // namespace

TEST_CASE("HTTP 410 Gone is reported once, not retried and remembered, like 404", "[http][faults]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{5, 1, 2};
    server.setFile(pathOf(t), {'o', 'l', 'd'});
    server.setBehaviour(pathOf(t), answer(410));
    auto opts = fastOptionsFor<HttpTileOptions>(server, cache);
    opts.retries = 3;
    const std::string gone = server.baseUrl() + pathOf(t) + ": HTTP 410 (tile gone)";
    {
        HttpTileFetcher f(opts);
        CHECK(f.hasTile(t));
        CHECK(fetchError(f, t) == gone);
        CHECK(server.requestCount(pathOf(t)) == 1);  // not retried: asking again changes nothing
        CHECK_FALSE(f.hasTile(t));
        // Like a 404, the levels below may still hold data.
        CHECK(f.hasDataBelow(t));
        CHECK(fetchError(f, t) == gone);
        CHECK(server.requestCount(pathOf(t)) == 1);
    }
    CHECK(fs::is_regular_file(cache.path() / "5" / "1" / "2.missing"));
    // A later run does not ask either (its mark does not say which answer it was).
    HttpTileFetcher later(opts);
    CHECK(fetchError(later, t) == server.baseUrl() + pathOf(t) + ": HTTP 404 (tile not found)");
    CHECK(server.requestCount(pathOf(t)) == 1);
}

TEST_CASE("Retry-After on 429 and 503 replaces the backoff, and a huge one is capped", "[http][faults]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    auto opts = fastOptionsFor<HttpTileOptions>(server, cache);
    const TileId t{6, 30, 20};
    server.setFile(pathOf(t), {'t', 'i', 'l', 'e'});

    SECTION("seconds, shorter than the backoff would be") {
        // The fetcher's own first wait would be 2.25..3.75 s; the server asks for 1 s.
        opts.retryBaseDelay = 3000ms;
        for (const int code : {503, 429}) {
            const TileId u{6, 30, code == 503 ? 20 : 21};
            server.setFile(pathOf(u), {'t', 'i', 'l', 'e'});
            server.setBehaviour(pathOf(u), answer(code, "Retry-After: 1\r\n", 2));
            HttpTileFetcher f(opts);
            const auto t0 = Clock::now();
            CHECK(fetchError(f, u) == "(no error)");
            const double waited = secondsSince(t0);
            INFO("HTTP " << code << ": waited " << waited << " s");
            CHECK(server.requestCount(pathOf(u)) == 2);
            CHECK(waited >= 1.0);
            CHECK(waited < 2.0);
        }
    }
    SECTION("an HTTP date") {
        // Whole seconds: a date 3 s ahead is 2 or 3 s away by the time it is read.
        server.setBehaviour(pathOf(t),
                            answer(503, "Retry-After: " + httpDate(std::chrono::system_clock::now() + 3s) + "\r\n", 2));
        HttpTileFetcher f(opts);
        const auto t0 = Clock::now();
        CHECK(fetchError(f, t) == "(no error)");
        const double waited = secondsSince(t0);
        INFO("waited " << waited << " s");
        CHECK(server.requestCount(pathOf(t)) == 2);
        CHECK(waited >= 1.9);
        CHECK(waited < 3.9);
    }
    SECTION("a date in the past is no wait asked: the fetcher's own backoff") {
        server.setBehaviour(pathOf(t),
                            answer(503, "Retry-After: " + httpDate(std::chrono::system_clock::now() - 1h) + "\r\n", 2));
        HttpTileFetcher f(opts);
        const auto t0 = Clock::now();
        CHECK(fetchError(f, t) == "(no error)");
        CHECK(secondsSince(t0) < 0.5);
    }
    SECTION("a day, or more seconds than fit in milliseconds, waits the cap") {
        opts.retryAfterMax = 300ms;
        opts.retries = 2;
        for (const char* asked : {"86400", "10000000000000000"}) {
            const TileId u{6, 31, asked[0] == '8' ? 20 : 21};
            server.setBehaviour(pathOf(u), answer(503, std::string("Retry-After: ") + asked + "\r\n"));
            HttpTileFetcher f(opts);
            const auto t0 = Clock::now();
            CHECK(fetchError(f, u) == server.baseUrl() + pathOf(u) + ": HTTP 503 after 3 attempts");
            const double waited = secondsSince(t0);
            INFO("Retry-After: " << asked << ", waited " << waited << " s");
            CHECK(server.requestCount(pathOf(u)) == 3);
            CHECK(waited >= 2 * 0.3);
            CHECK(waited < 2.0);
        }
    }
}

TEST_CASE("a fetch cancelled while it waits to retry returns at once", "[http][faults]") {
    LoopbackServer server;
    TempDir cache("http-cache");
    const TileId t{6, 10, 22};
    server.setBehaviour(pathOf(t), answer(503));
    auto opts = fastOptionsFor<HttpTileOptions>(server, cache);
    opts.retries = 3;
    opts.retryBaseDelay = 20000ms;  // the first wait alone would be 15..25 s
    opts.cancel = std::make_shared<std::atomic<bool>>(false);
    HttpTileFetcher f(opts);

    std::string error;
    std::thread loader([&] { error = fetchError(f, t); });
    while (server.requestCount(pathOf(t)) == 0) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(200ms);  // answered 503, now waiting
    const auto t0 = Clock::now();
    opts.cancel->store(true);
    loader.join();
    CHECK(secondsSince(t0) < 0.5);
    CHECK(error == server.baseUrl() + pathOf(t) + ": cancelled");
    CHECK(server.requestCount(pathOf(t)) == 1);
}
