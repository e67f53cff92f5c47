// HTTP terrain and imagery in the viewer when their tile cache cannot write (a full disk): the
// view is drawn from the downloads, and the viewer's messages say so once per source, from the
// loading threads to the frame that shows them.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>

#include "layer_test_support.h"
#include "full_disk.h"
#include "loopback_server.h"
#include "viewer_test_support.h"

using namespace plateau;
using namespace plateau::test;

TEST_CASE("HTTP terrain and imagery whose tile cache cannot write still draw, and the viewer says so once each",
          "[gpu][layers][imagery][faults]") {
    const auto dir = tempDir("cache-full");
    const auto cache = dir / "cache";
    setenv("PLATEAU_CACHE_DIR", cache.c_str(), 1);
    LoopbackServer server;
    // Terrain at 4,500 m (Terrarium) and red imagery over the region, to z6 and z7.
    const auto terrain = solidPng(145, 148, 0), red = solidPng(220, 20, 20);
    for (int z = 0; z <= 7; ++z) {
        const TileId lo = lonLatToTile(90.0, 30.5, z), hi = lonLatToTile(93.0, 28.5, z);
        for (int x = lo.x; x <= hi.x; ++x)
            for (int y = lo.y; y <= hi.y; ++y) {
                // Appended in place: GCC 12 warns falsely (-Wrestrict) on a chain of string sums.
                std::string zxy = TileId{z, x, y}.str();
                zxy += ".png";
                if (z <= 6) server.setFile("/terrain/" + zxy, terrain);
                server.setFile("/img/" + zxy, red);
            }
    }
    const std::string base = server.baseUrl();
    writeText(dir / "scene.json", R"({"title": "cache full",
        "terrain": {"type": "http", "url": ")" + base + R"(/terrain/{z}/{x}/{y}.png", "encoding": "terrarium", "max_zoom": 6},
        "camera": {"lon": 91.5, "lat": 29.5, "height": 64500, "heading": 0, "pitch": -90},
        "shading": {"haze": false},
        "layers": [{"id": "sat", "title": "Satellite", "type": "imagery",
                    "source": {"type": "http", "url": ")" + base + R"(/img/{z}/{x}/{y}.png", "max_zoom": 7}}]})");
    HeadlessViewer hv(320, 180, std::nullopt, dir / "scene.json");
    hv.viewer->panel().settings.showPanel = false;

    std::vector<std::uint8_t> rgba;
    {
        const test::FullDisk full;
        REQUIRE(full.active());
        rgba = hv.settledFrame();
        hv.frame();
    }
    unsetenv("PLATEAU_CACHE_DIR");

    // Drawn: the red imagery covers the view.
    const int w = hv.session->width(), h = hv.session->height();
    CHECK(countSet(mask(rgba, w, h, [](int r, int g, int b) { return r > g + 60 && r > b + 60; })) >
          std::size_t(w * h) * 8 / 10);
    // One line for the terrain, one naming the layer, in the viewer's messages.
    const auto& messages = hv.viewer->messages();
    const auto count = [&](const std::string& prefix) {
        return std::count_if(messages.begin(), messages.end(), [&](const std::string& m) { return m.rfind(prefix, 0) == 0; });
    };
    INFO([&] {
        std::string all;
        for (const auto& m : messages) all += m + "\n";
        return all;
    }());
    CHECK(count("tile cache: ") == 1);
    CHECK(count("layer 'sat': tile cache: ") == 1);
    // Nothing was cached, and both sources were asked for more than one tile (so more than one
    // write failed for each).
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(cache))
        if (e.is_regular_file() && e.path().filename().string().find(".png") != std::string::npos) ++files;
    CHECK(files == 0);
    int terrainRequests = 0, imageryRequests = 0;
    for (const auto& [path, n] : server.requestCounts()) {
        if (path.rfind("/terrain/", 0) == 0) terrainRequests += n;
        if (path.rfind("/img/", 0) == 0) imageryRequests += n;
    }
    CHECK(terrainRequests >= 2);
    CHECK(imageryRequests >= 2);
    CHECK(hv.validationMessages() == 0);
}
