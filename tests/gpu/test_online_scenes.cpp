// The shipped online scenes, served from a loopback server with the same URL patterns as the real
// services (AWS Terrain Tiles, EOX Sentinel-2 cloudless): the scene files open, the terrain and
// imagery requests go where they should, and the view draws both.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "app/layer_setup.h"
#include "app/scene_setup.h"
#include "core/picking.h"
#include "layer_test_support.h"
#include "loopback_server.h"

using namespace plateau;
using namespace plateau::test;

namespace {

std::string replaceHost(std::string url, const std::string& host, const std::string& base) {
    REQUIRE(url.rfind(host, 0) == 0);
    return base + url.substr(host.size());
}

}  // namespace

TEST_CASE("the online Qulong scene streams terrain and imagery with the real services' URL patterns",
          "[gpu][layers][online]") {
    const auto cache = tempDir("online-cache");
    setenv("PLATEAU_CACHE_DIR", cache.c_str(), 1);
    auto scene = loadScene(std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets/online/qulong_terrarium.json");
    REQUIRE(scene.ok());
    REQUIRE(scene->layers.size() == 1);
    CHECK(!scene->terrain.attribution.empty());
    CHECK(!scene->layers[0].attribution.empty());

    LoopbackServer server;
    // Terrain at 4,500 m everywhere (Terrarium: R*256 + G + B/256 - 32768) and red imagery, for
    // every tile down to z7 over the region; deeper tiles are absent (404) and drawn from these.
    const auto terrain = solidPng(145, 148, 0);
    const auto imagery = solidPng(220, 20, 20);
    for (int z = 0; z <= 7; ++z) {
        const TileId lo = lonLatToTile(89.0, 31.0, z), hi = lonLatToTile(94.0, 28.0, z);
        for (int x = lo.x; x <= hi.x; ++x)
            for (int y = lo.y; y <= hi.y; ++y) {
                const std::string zxy = std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y);
                server.setFile("/elevation-tiles-prod/terrarium/" + zxy + ".png", terrain);
                server.setFile("/wmts/1.0.0/s2cloudless-2020_3857/default/g/" + std::to_string(z) + "/" +
                                   std::to_string(y) + "/" + std::to_string(x) + ".jpg",
                               imagery);
            }
    }
    scene->terrain.url = replaceHost(scene->terrain.url, "https://s3.amazonaws.com", server.baseUrl());
    scene->terrain.maxZoom = 7;
    LayerDesc& layer = scene->layers[0];
    layer.source.url = replaceHost(layer.source.url, "https://tiles.maps.eox.at", server.baseUrl());
    layer.source.maxZoom = 7;

    auto src = app::openTerrainSource(scene->terrain);
    REQUIRE(src.ok());
    GpuFixture fx(kOverlayTileSize + 64, 180, *src);
    std::vector<std::string> log;
    app::LayerLoader(*fx.view, scene->layers, nullptr, [&](const std::string& m) { log.push_back(m); }).wait();
    REQUIRE(fx.view->layers().size() == 1);
    REQUIRE(fx.view->layers()[0].error.empty());
    Shading s = scene->shading;
    s.haze = false;
    const LayerRender r = renderLayers(fx, scene->camera, scene->timeline.current, s, 2.0);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/online_qulong.png", r.rgba, fx.session->width(),
             fx.session->height());
    CHECK(fx.validationMessages() == 0);

    // The imagery covers the ground: most pixels are its red.
    const auto red = mask(r.rgba, fx.session->width(), fx.session->height(),
                          [](int rr, int g, int b) { return rr > 150 && g < 80 && b < 80; });
    CHECK(countSet(red) > std::size_t(fx.session->width() * fx.session->height()) / 2);
    // The terrain is the served one: the ground in the middle of the view is at 4,500 m.
    const auto p = pickSurface(r.camera, fx.session->lastDepth(), fx.session->width() / 2, fx.session->height() / 2,
                               s.exaggeration);
    REQUIRE(p);
    CHECK(p->elevation_m == Approx(4500.0).margin(5.0));
    // Requests went to both services' paths, and imagery rows and columns in EOX's {y}/{x} order.
    int terrainRequests = 0, imageryRequests = 0;
    for (const auto& [path, n] : server.requestCounts()) {
        if (path.rfind("/elevation-tiles-prod/terrarium/", 0) == 0) terrainRequests += n;
        if (path.rfind("/wmts/1.0.0/s2cloudless-2020_3857/default/g/", 0) == 0) imageryRequests += n;
    }
    CHECK(terrainRequests > 5);
    CHECK(imageryRequests > 5);
    unsetenv("PLATEAU_CACHE_DIR");
}
