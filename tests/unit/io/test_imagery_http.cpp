// Imagery tiles over HTTP from the loopback server, laid out like a real XYZ service
// (/tiles/{z}/{x}/{y}.png or .jpg): PNG and JPEG, TMS rows, 512-px tiles, TileJSON metadata and
// every way a tile can be broken.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <mutex>

#include "imagery_test_helpers.h"
#include "io/http_overlay_source.h"
#include "io/imagery_source.h"
#include "io_test_helpers.h"
#include "full_disk.h"
#include "loopback_server.h"

using namespace plateau;
using namespace std::chrono_literals;
using plateau::test::Behaviour;
using plateau::test::LoopbackServer;
using plateau::test::Misbehaviour;
using plateau::test::TempDir;
namespace fs = std::filesystem;

namespace {

using Rgba = std::array<std::uint8_t, 4>;

std::string pathOf(const TileId& t, const char* ext = "png", const char* root = "/tiles") {
    return std::string(root) + "/" + std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y) + "." +
           ext;
}

// Quadrants: NW red, NE green, SW blue, SE white; `size` pixels square.
Image8 quadrants(int size, int channels = 3) {
    return plateau::test::makeImage(size, size, channels, [size](int x, int y) -> Rgba {
        const bool east = x >= size / 2, south = y >= size / 2;
        if (!south) return east ? Rgba{0, 200, 0, 255} : Rgba{200, 0, 0, 255};
        return east ? Rgba{255, 255, 255, 255} : Rgba{0, 0, 200, 255};
    });
}

LayerDesc httpLayer(const std::string& url) {
    LayerDesc l;
    l.id = "sat";
    l.title = "Satellite";
    l.source.type = "http";
    l.source.url = url;
    return l;
}

std::shared_ptr<OverlaySource> openOrFail(const LayerDesc& layer, const TempDir& cache) {
    auto src = openImagerySource(layer, cache.path());
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

Result<OverlayImage> render(OverlaySource& src, const TileId& id) {
    std::atomic<bool> cancel{false};
    return src.render(id, 0, cancel);
}

OverlayImage renderOrFail(OverlaySource& src, const TileId& id) {
    auto img = render(src, id);
    INFO(id.str() << ": " << (img.ok() ? std::string() : img.error().message));
    REQUIRE(img.ok());
    REQUIRE(img->size == kOverlayTileSize);
    REQUIRE(img->rgba.size() == std::size_t(kOverlayTileSize) * kOverlayTileSize * 4);
    CHECK(img->id == id);
    return std::move(*img);
}

void checkQuadrants(const OverlayImage& img, int tolerance) {
    const std::pair<std::pair<int, int>, Rgba> probes[] = {
        {{40, 40}, {200, 0, 0, 255}}, {{216, 40}, {0, 200, 0, 255}},
        {{40, 216}, {0, 0, 200, 255}}, {{216, 216}, {255, 255, 255, 255}}};
    for (const auto& [at, expected] : probes) {
        const std::uint8_t* p = img.pixel(at.first, at.second);
        INFO("texel " << at.first << "," << at.second);
        for (std::size_t k = 0; k < 4; ++k) CHECK(std::abs(int(p[k]) - int(expected[k])) <= tolerance);
    }
}

std::string errorOf(const Result<OverlayImage>& r) { return r.ok() ? std::string("(no error)") : r.error().message; }

Behaviour behaviour(Misbehaviour kind, int status = 500) {
    Behaviour b;
    b.kind = kind;
    b.status = status;
    return b;
}

}  // namespace

TEST_CASE("imagery PNG and JPEG tiles from an XYZ server, then from the disk cache", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    const TileId t{7, 95, 53};
    server.setFile(pathOf(t, "png"), plateau::test::pngOf(quadrants(256)));
    server.setFile(pathOf(t, "jpg"), plateau::test::encodeJpeg(quadrants(256)));

    for (const char* ext : {"png", "jpg"}) {
        LayerDesc layer = httpLayer(server.baseUrl() + "/tiles/{z}/{x}/{y}." + ext);
        layer.attribution = "Imagery (c) loopback";
        auto src = openOrFail(layer, cache);
        INFO(ext);
        CHECK(src->describe() == "imagery " + layer.source.url);
        CHECK(src->attribution() == "Imagery (c) loopback");
        CHECK(src->minZoom() == 0);
        CHECK(src->maxZoom() == 18);
        CHECK(src->hasTile(t));
        CHECK_FALSE(src->hasTile({19, 0, 0}));
        const OverlayImage img = renderOrFail(*src, t);
        CHECK_FALSE(img.transparent);
        checkQuadrants(img, ext[0] == 'p' ? 0 : 8);
        CHECK(server.requestCount(pathOf(t, ext)) == 1);
        // The cache folder is the program's: <cache>/http/<folder per template>.
        bool cached = false;
        for (const auto& e : fs::recursive_directory_iterator(cache.path() / "http"))
            cached |= e.path().filename() == "53.png" && e.path().parent_path().filename() == "95";
        CHECK(cached);
        const OverlayImage again = renderOrFail(*src, t);
        CHECK(again.rgba == img.rgba);
        CHECK(server.requestCount(pathOf(t, ext)) == 1);
    }
}

TEST_CASE("imagery in grey, grey + alpha and palette PNGs becomes RGBA", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    auto src = openOrFail(httpLayer(server.baseUrl() + "/tiles/{z}/{x}/{y}.png"), cache);

    const TileId grey{5, 1, 1}, greyAlpha{5, 1, 2}, palette{5, 1, 3}, clear{5, 1, 4};
    server.setFile(pathOf(grey), plateau::test::pngOf(plateau::test::makeImage(256, 256, 1, [](int x, int) {
                       return Rgba{std::uint8_t(x), 0, 0, 0};
                   })));
    server.setFile(pathOf(greyAlpha), plateau::test::pngOf(plateau::test::makeImage(256, 256, 2, [](int, int y) {
                       return Rgba{90, std::uint8_t(y < 128 ? 255 : 0), 0, 0};
                   })));
    std::vector<std::vector<std::uint8_t>> rows(256, std::vector<std::uint8_t>(256));
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) rows[std::size_t(y)][std::size_t(x)] = std::uint8_t(x < 128 ? 0 : 1);
    server.setFile(pathOf(palette), plateau::test::buildPng(256, 256, 8, 3, rows, {10, 20, 30, 250, 240, 230}));
    server.setFile(pathOf(clear), plateau::test::pngOf(plateau::test::makeImage(256, 256, 4, [](int, int) {
                       return Rgba{0, 0, 0, 0};
                   })));

    const OverlayImage g = renderOrFail(*src, grey);
    CHECK((g.pixel(77, 9)[0] == 77 && g.pixel(77, 9)[1] == 77 && g.pixel(77, 9)[2] == 77 && g.pixel(77, 9)[3] == 255));
    const OverlayImage ga = renderOrFail(*src, greyAlpha);
    CHECK((ga.pixel(3, 3)[0] == 90 && ga.pixel(3, 3)[3] == 255));
    CHECK(ga.pixel(3, 200)[3] == 0);
    CHECK_FALSE(ga.transparent);
    const OverlayImage p = renderOrFail(*src, palette);
    CHECK((p.pixel(5, 5)[0] == 10 && p.pixel(5, 5)[1] == 20 && p.pixel(5, 5)[2] == 30 && p.pixel(5, 5)[3] == 255));
    CHECK((p.pixel(200, 5)[0] == 250 && p.pixel(200, 5)[1] == 240 && p.pixel(200, 5)[2] == 230));
    CHECK(renderOrFail(*src, clear).transparent);
}

TEST_CASE("512-px imagery tiles are averaged to 256, weighting colour by alpha", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    auto src = openOrFail(httpLayer(server.baseUrl() + "/tiles/{z}/{x}/{y}.png"), cache);
    const TileId quads{6, 2, 2}, stripes{6, 2, 3};
    server.setFile(pathOf(quads), plateau::test::pngOf(quadrants(512)));
    // Odd columns red, even columns blue; the bottom half has only its odd columns opaque.
    server.setFile(pathOf(stripes), plateau::test::pngOf(plateau::test::makeImage(512, 512, 4, [](int x, int y) {
                       if (x % 2) return Rgba{255, 0, 0, 255};
                       return y < 256 ? Rgba{0, 0, 255, 255} : Rgba{0, 0, 0, 0};
                   })));
    checkQuadrants(renderOrFail(*src, quads), 0);
    const OverlayImage s = renderOrFail(*src, stripes);
    const std::uint8_t* top = s.pixel(100, 60);
    CHECK((top[0] == 128 && top[1] == 0 && top[2] == 128 && top[3] == 255));
    // Half covered by opaque red: red at half opacity, not a darker red.
    const std::uint8_t* bottom = s.pixel(100, 200);
    CHECK((bottom[0] == 255 && bottom[1] == 0 && bottom[2] == 0 && bottom[3] == 128));
}

TEST_CASE("TMS imagery rows are counted from the south", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    const TileId t{3, 5, 2};  // XYZ row 2 of 8 is TMS row 5
    server.setFile("/tms/3/5/5.png", plateau::test::pngOf(quadrants(256)));
    LayerDesc layer = httpLayer(server.baseUrl() + "/tms/{z}/{x}/{y}.png");
    layer.source.tms = true;
    auto src = openOrFail(layer, cache);
    checkQuadrants(renderOrFail(*src, t), 0);
    CHECK(server.requestCount("/tms/3/5/5.png") == 1);
    CHECK(server.requestCount("/tms/3/5/2.png") == 0);

    // The same with a {-y} template and XYZ rows; cached in another folder than the TMS reading.
    auto flipped = openOrFail(httpLayer(server.baseUrl() + "/tms/{z}/{x}/{-y}.png"), cache);
    checkQuadrants(renderOrFail(*flipped, t), 0);
    CHECK(server.requestCount("/tms/3/5/5.png") == 2);
    CHECK(httpTileCacheFolder("/c", "https://h/{z}/{x}/{y}.png", true) !=
          httpTileCacheFolder("/c", "https://h/{z}/{x}/{y}.png", false));
}

TEST_CASE("imagery TileJSON gives template, min zoom, bounds and attribution", "[imagery][http][tilejson]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    const std::string doc = R"({"tilejson": "2.2.0", "name": "loopback imagery", "tiles": ["img/{z}/{x}/{y}.jpg"],
        "minzoom": 4, "maxzoom": 12, "bounds": [88, 27, 94, 31], "attribution": "Loopback imagery CC-BY"})";
    server.setFile("/meta/imagery.json", std::vector<std::uint8_t>(doc.begin(), doc.end()));
    const TileId lhasa = lonLatToTile(91.1, 29.65, 8);
    server.setFile("/meta/img/8/" + std::to_string(lhasa.x) + "/" + std::to_string(lhasa.y) + ".jpg",
                   plateau::test::encodeJpeg(quadrants(256)));

    LayerDesc layer = httpLayer("");
    layer.source.tilejson = server.baseUrl() + "/meta/imagery.json";
    auto src = openOrFail(layer, cache);
    CHECK(src->describe() == "imagery " + server.baseUrl() + "/meta/img/{z}/{x}/{y}.jpg");
    CHECK(src->minZoom() == 4);
    CHECK(src->maxZoom() == 12);
    CHECK(src->attribution() == "Loopback imagery CC-BY");
    CHECK(src->hasTile(lhasa));
    CHECK_FALSE(src->hasTile(lonLatToTile(91.1, 29.65, 3)));   // above the first level
    CHECK_FALSE(src->hasTile(lonLatToTile(91.1, 29.65, 13)));  // below the last
    CHECK_FALSE(src->hasTile(lonLatToTile(80.0, 29.65, 8)));   // outside the bounds
    checkQuadrants(renderOrFail(*src, lhasa), 8);

    // The layer's own values win.
    layer.attribution = "mine";
    layer.source.minZoom = 6;
    auto own = openOrFail(layer, cache);
    CHECK(own->attribution() == "mine");
    CHECK(own->minZoom() == 6);

    // An unreachable document: one line naming the layer and the document.
    plateau::test::RefusingPort refusing;
    layer.source.tilejson = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/imagery.json";
    auto bad = openImagerySource(layer, cache.path());
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().message, Catch::StartsWith("layer 'sat': " + layer.source.tilejson + ": "));
    CHECK(bad.error().message.find('\n') == std::string::npos);
}

TEST_CASE("broken imagery tiles give one clear error naming the URL and are not cached", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    LayerDesc layer = httpLayer(server.baseUrl() + "/tiles/{z}/{x}/{y}.png");
    auto o = httpImageryOptions(layer, cache.path());
    REQUIRE(o.ok());
    o->retries = 1;
    o->retryBaseDelay = 5ms;
    auto opened = openHttpOverlaySource(*o);
    REQUIRE(opened.ok());
    OverlaySource& src = **opened;
    auto url = [&](const TileId& t) { return server.baseUrl() + pathOf(t); };

    const TileId garbage{8, 1, 1}, truncatedPng{8, 1, 2}, error500{8, 1, 3}, truncatedJpeg{8, 1, 4}, transfer{8, 1, 5};
    server.setBehaviour(pathOf(garbage), behaviour(Misbehaviour::Garbage));
    auto png = plateau::test::pngOf(quadrants(256));
    png.resize(png.size() / 2);
    server.setFile(pathOf(truncatedPng), png);
    server.setBehaviour(pathOf(error500), behaviour(Misbehaviour::Status, 500));
    auto jpg = plateau::test::encodeJpeg(quadrants(256));
    jpg.resize(jpg.size() / 2);
    server.setFile(pathOf(truncatedJpeg), jpg);
    server.setFile(pathOf(transfer), plateau::test::pngOf(quadrants(256)));
    server.setBehaviour(pathOf(transfer), behaviour(Misbehaviour::Truncated));

    CHECK(errorOf(render(src, garbage)) == url(garbage) + ": not a PNG or JPEG image");
    CHECK_THAT(errorOf(render(src, truncatedPng)), Catch::StartsWith(url(truncatedPng) + ": "));
    CHECK(errorOf(render(src, error500)) == url(error500) + ": HTTP 500 after 2 attempts");
    CHECK_THAT(errorOf(render(src, truncatedJpeg)), Catch::StartsWith(url(truncatedJpeg) + ": corrupt JPEG ("));
    CHECK_THAT(errorOf(render(src, transfer)), Catch::StartsWith(url(transfer) + ": truncated response"));
    for (const TileId& t : {garbage, truncatedPng, error500, truncatedJpeg, transfer})
        CHECK(errorOf(render(src, t)).find('\n') == std::string::npos);
    CHECK(server.requestCount(pathOf(error500)) == 4);  // twice per render, retried once each
    CHECK_FALSE(fs::exists(o->cacheDir / "8"));          // nothing broken was cached
}

TEST_CASE("imagery over 4096 px or over the response limit is refused", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    auto o = httpImageryOptions(httpLayer(server.baseUrl() + "/tiles/{z}/{x}/{y}.png"), cache.path());
    REQUIRE(o.ok());
    o->retries = 0;
    o->maxResponseBytes = std::size_t(1) << 20;
    auto opened = openHttpOverlaySource(*o);
    REQUIRE(opened.ok());
    OverlaySource& src = **opened;
    auto url = [&](const TileId& t) { return server.baseUrl() + pathOf(t); };

    const TileId hugePng{9, 1, 1}, hugeJpeg{9, 1, 2}, oversized{9, 1, 3};
    // A header claiming 8192 x 8192 (no pixel data needed: it is refused from the header).
    server.setFile(pathOf(hugePng), plateau::test::buildPng(8192, 8192, 8, 2, {}));
    server.setFile(pathOf(hugeJpeg), plateau::test::encodeJpeg(plateau::test::makeImage(4100, 8, 1, [](int, int) {
                       return Rgba{128, 0, 0, 0};
                   })));
    Behaviour big = behaviour(Misbehaviour::Oversized);
    big.size = std::size_t(3) << 20;
    server.setBehaviour(pathOf(oversized), big);

    const std::string png = errorOf(render(src, hugePng));
    CHECK_THAT(png, Catch::StartsWith(url(hugePng) + ": "));
    CHECK_THAT(png, Catch::Contains("8192x8192"));
    CHECK(errorOf(render(src, hugeJpeg)) == url(hugeJpeg) + ": JPEG 4100x8 exceeds the 4096x4096 limit");
    CHECK(errorOf(render(src, oversized)) == url(oversized) + ": response larger than 1 MiB");
}

TEST_CASE("imagery layers with bad source settings fail at open with one line", "[imagery][http]") {
    TempDir cache("imagery-http");
    auto message = [&](const LayerDesc& l) {
        auto r = openImagerySource(l, cache.path());
        return r.ok() ? std::string("(opened)") : r.error().message;
    };
    CHECK(message(httpLayer("https://{s}.tile.example.org/{z}/{x}/{y}.png")) ==
          "layer 'sat': https://{s}.tile.example.org/{z}/{x}/{y}.png: URL template has {s} (server letters are not "
          "supported: write one server's name)");
    CHECK(message(httpLayer("tiles/{z}/{x}/{y}.png")) ==
          "layer 'sat': tiles/{z}/{x}/{y}.png: URL template must start with http:// or https://");
    CHECK(message(httpLayer("")) == "layer 'sat': HTTP source has neither \"url\" nor \"tilejson\"");
    LayerDesc zoom = httpLayer("https://h/{z}/{x}/{y}.png");
    zoom.source.minZoom = 9;
    zoom.source.maxZoom = 4;
    CHECK(message(zoom) == "layer 'sat': https://h/{z}/{x}/{y}.png: bad zoom range 9..4");
    LayerDesc vector = httpLayer("https://h/{z}/{x}/{y}.png");
    vector.type = LayerType::Vector;
    CHECK(message(vector) == "layer 'sat': not an imagery layer");
}

TEST_CASE("a tile nobody wants any more is not fetched", "[imagery][http]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    auto src = openOrFail(httpLayer(server.baseUrl() + "/tiles/{z}/{x}/{y}.png"), cache);
    const TileId t{4, 1, 1};
    server.setFile(pathOf(t), plateau::test::pngOf(quadrants(256)));
    std::atomic<bool> cancel{true};
    const auto r = src->render(t, 0, cancel);
    CHECK(errorOf(r) == server.baseUrl() + pathOf(t) + ": cancelled");
    CHECK(server.requestCount(pathOf(t)) == 0);
}

TEST_CASE("an imagery cache that cannot write (full disk) warns once, naming the layer; tiles still draw; "
          "the cache stops growing",
          "[imagery][http][faults]") {
    LoopbackServer server;
    TempDir cache("imagery-http");
    std::vector<TileId> tiles;
    for (int x = 0; x < 4; ++x) {
        tiles.push_back({5, 20 + x, 12});
        for (const char* date : {"/2019", "/2020"}) server.setFile(pathOf(tiles.back(), "png", date), plateau::test::pngOf(quadrants(256)));
    }
    LayerDesc layer = httpLayer(server.baseUrl() + "/2020/{z}/{x}/{y}.png");
    std::vector<std::int64_t> states{0};
    SECTION("one picture") {}
    SECTION("a picture per date, each with its own cache folder: still one warning") {
        layer.source.url = server.baseUrl() + "/{time}/{z}/{x}/{y}.png";
        layer.source.times = {{"2019", 2019.0}, {"2020", 2020.0}};
        states = {0, 1};
    }
    std::mutex m;
    std::vector<std::string> warnings;
    auto src = openImagerySource(layer, cache.path(), nullptr, [&](const std::string& w) {
        std::lock_guard lock(m);
        warnings.push_back(w);
    });
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());

    std::vector<Result<OverlayImage>> drawn;
    std::atomic<bool> cancel{false};
    {
        const test::FullDisk full;
        REQUIRE(full.active());
        for (const std::int64_t state : states)
            for (const TileId& t : tiles) drawn.push_back((*src)->render(t, state, cancel));
    }

    for (const auto& img : drawn) {
        INFO(errorOf(img));
        REQUIRE(img.ok());
        checkQuadrants(*img, 0);
    }
    REQUIRE(warnings.size() == 1);
    CHECK(warnings.front().rfind("layer 'sat': tile cache: ", 0) == 0);
    CHECK(warnings.front().find("the cache stops growing") != std::string::npos);
    CHECK(warnings.front().find('\n') == std::string::npos);
    int files = 0;  // neither tiles nor temporary files
    for (const auto& e : fs::recursive_directory_iterator(cache.path()))
        if (e.is_regular_file() && e.path().filename().string().find(".png") != std::string::npos) ++files;
    CHECK(files == 0);
    // Drawn again: from the server (nothing was cached), without a second warning.
    for (const TileId& t : tiles) CHECK((*src)->render(t, states.back(), cancel).ok());
    CHECK(server.requestCount(pathOf(tiles.front(), "png", "/2020")) == 2);
    CHECK(warnings.size() == 1);
}
