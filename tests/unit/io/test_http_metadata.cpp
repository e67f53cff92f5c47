// HTTP tile servers whose data does not start at z0 or does not cover the world: the zoom range
// and bounds come from the scene or a TileJSON document, and the selection still finds the data.
// Driven end to end: loopback server -> HttpSource -> TileResidency (selection, loader, store).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "core/tile_residency.h"
#include "io/http_metadata.h"
#include "io/http_source.h"
#include "io/png_codec.h"
#include "io_test_helpers.h"
#include "loopback_server.h"

using namespace plateau;
using namespace std::chrono_literals;
using plateau::test::LoopbackServer;
using plateau::test::TempDir;

namespace {

std::vector<std::uint8_t> flatTerrariumPng(double metres) {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    const auto rgb = encodeHeight(metres, HeightEncoding::Terrarium);
    for (std::size_t t = 0; t < 256 * 256; ++t) std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + std::ptrdiff_t(t * 3));
    auto png = encodePng(img, 1);
    REQUIRE(png.ok());
    return *png;
}

std::string tilePath(const TileId& t) {
    return "/t/" + std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y) + ".png";
}

TileId parseTilePath(const std::string& path) {
    TileId t{-1, -1, -1};
    std::sscanf(path.c_str(), "/t/%d/%d/%d.png", &t.z, &t.x, &t.y);
    return t;
}

// A pyramid that starts at z5: every tile from z5 to maxZ that meets `area` (none above z5, as a
// regional server without metadata has), all the same bytes.
void servePyramid(LoopbackServer& server, const LonLatBounds& area, int maxZ) {
    const auto png = flatTerrariumPng(4321.0);
    for (int z = 5; z <= maxZ; ++z) {
        const TileId nw = lonLatToTile(area.west, area.north, z), se = lonLatToTile(area.east, area.south, z);
        for (int x = nw.x; x <= se.x; ++x)
            for (int y = nw.y; y <= se.y; ++y) server.setFile(tilePath({z, x, y}), png);
    }
}

class CountingUploader : public TileUploader {
public:
    bool upload(const TileMesh&) override { return true; }
    bool replace(const TileMesh&) override { return true; }
    void release(const TileId&) override {}
    std::size_t capacity() const override { return 100000; }
};

SelectionParams params() {
    SelectionParams p;
    p.maxScreenSpaceError = 8.0;
    p.maxZoom = 14;
    return p;
}

// From 40 km above Lhasa, looking east and down: z8-z9 close by, coarser tiles towards the
// horizon, far past 91.6E.
Camera lhasaCamera() { return makeCamera(CameraPose{91.1, 29.65, 40000, 90, -35}, 320, 180); }

struct Settled {
    int deepestOwnData = -1;   // deepest drawn tile with heights of its own
    int drawnWithData = 0;
    std::vector<TileId> drawn;
    bool settled = false;
};

Settled settle(const std::shared_ptr<TileSource>& src) {
    CountingUploader gpu;
    TileResidency residency(src, gpu, nullptr, {}, 2);
    const auto r = residency.settle(lhasaCamera(), params(), 30.0);
    Settled s;
    s.settled = r.settled;
    s.drawn = residency.drawList();
    for (const TileId& id : residency.drawList()) {
        const ResidentTile* t = residency.store().find(id);
        REQUIRE(t);
        if (!t->fromAncestor) {
            ++s.drawnWithData;
            s.deepestOwnData = std::max(s.deepestOwnData, id.z);
        }
    }
    return s;
}

HttpSourceOptions baseOptions(const LoopbackServer& server, const TempDir& cache) {
    HttpSourceOptions o;
    o.urlTemplate = server.baseUrl() + "/t/{z}/{x}/{y}.png";
    o.cacheDir = cache.path();
    o.retryBaseDelay = 5ms;
    return o;
}

const LonLatBounds kArea{89.0, 28.0, 93.0, 31.0};  // the server's data: wider than the view

}  // namespace

TEST_CASE("a pyramid starting at z5 without metadata: the 404s above it do not hide it", "[http][metadata]") {
    LoopbackServer server;
    TempDir cache("http-meta");
    servePyramid(server, kArea, 9);
    auto src = openHttpSource(baseOptions(server, cache));
    REQUIRE(src.ok());
    const Settled s = settle(*src);
    INFO("deepest drawn data z" << s.deepestOwnData << ", " << s.drawnWithData << " drawn tiles with data, "
                                << server.requestCounts().size() << " paths requested");
    CHECK(s.settled);
    // Not the flat world of one tile: the data at z5 and below is found and drawn.
    CHECK(s.deepestOwnData >= 7);
    CHECK(s.drawnWithData > 4);
    // Each tile above the data was asked for once and then remembered as missing.
    for (const auto& [path, count] : server.requestCounts()) {
        INFO(path);
        CHECK(count == 1);
    }
}

TEST_CASE("min_zoom and bounds from the scene: nothing above z5 or outside the bounds is requested", "[http][metadata]") {
    LoopbackServer server;
    TempDir cache("http-meta");
    servePyramid(server, kArea, 9);
    TerrainSourceDesc desc;
    desc.type = "http";
    desc.url = server.baseUrl() + "/t/{z}/{x}/{y}.png";
    desc.minZoom = 5;
    desc.maxZoom = 9;
    // Narrower than the view, so the selection sees tiles outside it.
    const LonLatBounds bounds{90.6, 29.3, 91.6, 30.0};
    desc.bounds = bounds;
    desc.attribution = "test terrain";
    auto o = httpTerrainOptions(desc);
    REQUIRE(o.ok());
    o->cacheDir = cache.path();
    auto src = openHttpSource(*o);
    REQUIRE(src.ok());
    CHECK((*src)->minZoom() == 5);
    CHECK((*src)->maxZoom() == 9);
    CHECK((*src)->attribution() == "test terrain");
    CHECK_FALSE((*src)->hasTile(lonLatToTile(91.1, 29.65, 4)));
    CHECK((*src)->hasDataBelow(lonLatToTile(91.1, 29.65, 4)));   // above min zoom, inside: refine
    CHECK_FALSE((*src)->hasDataBelow(lonLatToTile(2.3, 48.8, 4)));  // Paris: outside, never
    CHECK_FALSE((*src)->hasTile(lonLatToTile(94.0, 29.65, 7)));     // in view, outside the bounds

    const Settled s = settle(*src);
    INFO("deepest drawn data z" << s.deepestOwnData << ", " << s.drawnWithData << " drawn tiles with data, "
                                << server.requestCounts().size() << " paths requested");
    CHECK(s.settled);
    CHECK(s.deepestOwnData >= 7);
    // The view reaches past the bounds, where nothing may be asked for.
    CHECK(std::any_of(s.drawn.begin(), s.drawn.end(), [&](const TileId& t) { return !bounds.intersects(tileBounds(t)); }));
    const auto requests = server.requestCounts();
    CHECK(requests.size() >= 5);
    for (const auto& [path, count] : requests) {
        const TileId t = parseTilePath(path);
        INFO(path);
        CHECK(t.z >= 5);
        CHECK(t.z <= 9);
        CHECK(bounds.intersects(tileBounds(t)));
        CHECK(count == 1);
    }
}

TEST_CASE("a TileJSON document gives the terrain's template, zoom range, bounds and attribution", "[http][metadata][tilejson]") {
    LoopbackServer server;
    TempDir cache("http-meta");
    servePyramid(server, kArea, 8);
    const std::string doc = R"({"tilejson": "3.0.0", "tiles": ["/t/{z}/{x}/{y}.png"], "minzoom": 5, "maxzoom": 8,
                                "bounds": [89, 28, 93, 31], "attribution": "Terrain by loopback"})";
    server.setFile("/meta/tiles.json", std::vector<std::uint8_t>(doc.begin(), doc.end()));
    TerrainSourceDesc desc;
    desc.type = "http";
    desc.tilejson = server.baseUrl() + "/meta/tiles.json";

    auto o = httpTerrainOptions(desc);
    INFO((o.ok() ? std::string() : o.error().message));
    REQUIRE(o.ok());
    CHECK(o->urlTemplate == server.baseUrl() + "/t/{z}/{x}/{y}.png");
    CHECK(o->minZoom == 5);
    CHECK(o->maxZoom == 8);
    REQUIRE(o->bounds);
    CHECK(o->bounds->west == 89.0);
    CHECK(o->attribution == "Terrain by loopback");

    // The scene's own values win over the document's.
    desc.maxZoom = 7;
    desc.attribution = "mine";
    auto mine = httpTerrainOptions(desc);
    REQUIRE(mine.ok());
    CHECK(mine->maxZoom == 7);
    CHECK(mine->minZoom == 5);
    CHECK(mine->attribution == "mine");

    o->cacheDir = cache.path();
    auto src = openHttpSource(*o);
    REQUIRE(src.ok());
    const Settled s = settle(*src);
    INFO("deepest drawn data z" << s.deepestOwnData << ", " << s.drawnWithData << " drawn tiles with data, "
                                << server.requestCounts().size() << " paths requested");
    CHECK(s.settled);
    CHECK(s.deepestOwnData == 8);
    for (const auto& [path, count] : server.requestCounts())
        if (path.rfind("/t/", 0) == 0) CHECK(parseTilePath(path).z >= 5);
}

TEST_CASE("TileJSON from a file; unreachable or broken documents give one line naming them", "[http][metadata][tilejson]") {
    TempDir dir("http-meta");
    const auto file = dir.path() / "terrain.json";
    std::ofstream(file) << R"({"tiles": ["https://example.com/{z}/{x}/{y}.png"], "minzoom": 3, "scheme": "tms"})";
    TerrainSourceDesc desc;
    desc.type = "http";
    desc.tilejson = file.string();
    auto o = httpTerrainOptions(desc);
    REQUIRE(o.ok());
    CHECK(o->urlTemplate == "https://example.com/{z}/{x}/{y}.png");
    CHECK(o->minZoom == 3);
    CHECK(o->maxZoom == 15);  // the document does not say: the terrain default
    CHECK(o->tms);

    desc.tilejson = (dir.path() / "absent.json").string();
    auto absent = httpTerrainOptions(desc);
    REQUIRE_FALSE(absent.ok());
    CHECK(absent.error().message == desc.tilejson + ": file not found");

    plateau::test::RefusingPort refusing;
    desc.tilejson = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/tiles.json";
    auto refused = httpTerrainOptions(desc);
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error().message, Catch::StartsWith(desc.tilejson + ": "));
    CHECK(refused.error().message.find('\n') == std::string::npos);

    LoopbackServer server;
    server.setFile("/bad.json", {'{', '"', 't'});
    desc.tilejson = server.baseUrl() + "/bad.json";
    auto bad = httpTerrainOptions(desc);
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().message, Catch::StartsWith(desc.tilejson + ": not JSON"));
    desc.tilejson = server.baseUrl() + "/missing.json";
    auto missing = httpTerrainOptions(desc);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == desc.tilejson + ": HTTP 404");

    TerrainSourceDesc none;
    none.type = "http";
    CHECK_FALSE(httpTerrainOptions(none).ok());
}
