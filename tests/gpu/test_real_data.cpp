// Real elevation data end to end: SRTM tiles built into a pyramid put Everest where it is, the
// Cesium quantized-mesh tile of Everest renders, and a flaky tile server never breaks the view.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "core/camera_control.h"
#include "core/tile_mesh.h"
#include "gpu_test_support.h"
#include "io/atomic_file.h"
#include "io/folder_source.h"
#include "io/http_source.h"
#include "io/png_codec.h"
#include "io/quantized_mesh_source.h"
#include "loopback_server.h"
#include "tiles/tile_builder.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 256, kH = 256;
const std::string kData = PLATEAU_SHARED_DATA;

// Highest rendered point: the depth buffer unprojected, pixel by pixel.
Geodetic highestRenderedPoint(GpuFixture& fx, const Camera& frameCam) {
    Geodetic best{0, 0, -1e9};
    const std::vector<float> depth = fx.session->lastDepth();
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            if (auto p = fx.surfaceAt(depth, frameCam, x, y)) {
                const Geodetic g = ecefToGeodetic(*p);
                if (g.height_m > best.height_m) best = g;
            }
    return best;
}

double groundDistance(double lon1, double lat1, double lon2, double lat2) {
    const double k = 3.14159265358979 / 180.0;
    const double dx = (lon2 - lon1) * k * 6371000.0 * std::cos(lat1 * k);
    const double dy = (lat2 - lat1) * k * 6371000.0;
    return std::sqrt(dx * dx + dy * dy);
}
}  // namespace

TEST_CASE("SRTM tiles put Everest where it is", "[gpu][real-data][everest]") {
    const std::filesystem::path out = std::string(PLATEAU_TEST_OUTPUT) + "/everest-tiles";
    TileBuildOptions opts;
    opts.rasters = {kData + "/dem/srtm3/N27E086.hgt"};
    opts.out = out;
    auto built = buildTiles(opts);  // resumable: a second run writes nothing
    REQUIRE(built.ok());
    auto src = openFolderSource(out, HeightEncoding::Terrarium);
    REQUIRE(src.ok());
    GpuFixture fx(kW, kH, *src);

    const CameraPose above{86.925, 27.988, 16000, 0, -90};
    Shading s;
    const auto rgba = fx.render(above, s);
    REQUIRE(fx.lastStats.settled);
    REQUIRE(fx.validationMessages() == 0);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/everest_from_above.png", rgba, kW, kH);
    const Camera frameCam = fx.view->frame({makeCamera(above, kW, kH)}, s).camera;
    const Geodetic top = highestRenderedPoint(fx, frameCam);
    int deepest = 0;
    for (const TileId& id : fx.view->drawList()) deepest = std::max(deepest, id.z);
    const double error = levelGeometricError(deepest);
    INFO("highest rendered point " << top.lat_deg << " N " << top.lon_deg << " E, " << top.height_m
                                   << " m; deepest level " << deepest << " (error " << error << " m)");
    CHECK(groundDistance(top.lon_deg, top.lat_deg, 86.925, 27.988) < 250.0);
    // The tiles go to z11 (SRTM3's 90 m); the view refines three levels past them (overzoom).
    CHECK(deepest == 14);
    // SRTM3's summit cell is about 8,800 m (the 3-arcsecond average, not the summit's 8,849 m):
    // a fixed 60 m, whatever level was drawn.
    CHECK(std::abs(top.height_m - 8840.0) < 60.0);
}

TEST_CASE("the quantized-mesh tile of Everest renders with its heights", "[gpu][real-data][quantized-mesh]") {
    auto src = openQuantizedMeshSource(kData + "/dem/quantized_mesh/everest_9_759_335");
    REQUIRE(src.ok());
    GpuFixture fx(kW, kH, *src);
    const CameraPose above{87.0, 27.95, 30000, 0, -90};
    Shading s;
    const auto rgba = fx.render(above, s);
    REQUIRE(fx.validationMessages() == 0);
    REQUIRE(fx.lastStats.settled);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/quantized_mesh_everest.png", rgba, kW, kH);
    const Camera frameCam = fx.view->frame({makeCamera(above, kW, kH)}, s).camera;
    const Geodetic top = highestRenderedPoint(fx, frameCam);
    INFO("highest rendered point " << top.lat_deg << " N " << top.lon_deg << " E, " << top.height_m << " m");
    // The tile's header says 3727.5..8777.1 m: the summit area renders near the top of that range.
    CHECK(top.height_m > 8000.0);
    CHECK(top.height_m < 8790.0);
    CHECK(groundDistance(top.lon_deg, top.lat_deg, 86.925, 27.988) < 1500.0);
}

TEST_CASE("a flaky tile server: failures are retried, drawn from parents, logged once", "[gpu][real-data][http]") {
    // Serve the synthetic pyramid's levels 0-6 over loopback HTTP, with some tiles broken.
    LoopbackServer server;
    const std::filesystem::path tiles = PLATEAU_TEST_TILES;
    for (int z = 0; z <= 6; ++z)
        for (const auto& e : std::filesystem::recursive_directory_iterator(tiles / std::to_string(z))) {
            if (e.path().extension() != ".png") continue;
            auto bytes = readFileBytes(e.path());
            REQUIRE(bytes.ok());
            server.setFile((std::filesystem::path("/") / std::filesystem::relative(e.path(), tiles)).string(), *bytes);
        }
    // The four z6 tiles around the corner below the camera: one always fails, one is truncated,
    // one is not a PNG, and one fails twice before it works.
    const TileId q = lonLatToTile(91.5, 29.5, 6);
    const LonLatBounds qb = tileBounds(q);
    const TileId broken = q, truncatedTile{6, q.x + 1, q.y}, flakyTile{6, q.x, q.y + 1}, garbageTile{6, q.x + 1, q.y + 1};
    // Appended piecewise: "/" + string trips a GCC 12 -Wrestrict false positive in Release builds.
    const auto path = [](const TileId& t) { return std::string("/").append(t.str()).append(".png"); };
    server.setBehaviour(path(broken), Behaviour{Misbehaviour::Status, 500, 0, {}, 0, {}, {}});
    server.setBehaviour(path(truncatedTile), Behaviour{Misbehaviour::Truncated, 500, 0, {}, 0, {}, {}});
    server.setBehaviour(path(flakyTile), Behaviour{Misbehaviour::StatusThenServe, 503, 3, {}, 0, {}, {}});
    server.setBehaviour(path(garbageTile), Behaviour{Misbehaviour::Garbage, 500, 0, {}, 0, {}, {}});

    HttpSourceOptions o;
    o.urlTemplate = server.baseUrl() + "/{z}/{x}/{y}.png";
    o.maxZoom = 6;
    o.cacheDir = std::string(PLATEAU_TEST_OUTPUT) + "/http-cache-" + std::to_string(server.port());
    o.retries = 3;
    o.retryBaseDelay = std::chrono::milliseconds(10);
    o.totalTimeout = std::chrono::milliseconds(2000);
    auto src = openHttpSource(o);
    REQUIRE(src.ok());
    {
        GpuFixture fx(kW, kH, *src);
        Shading s;
        const auto start = std::chrono::steady_clock::now();
        const auto rgba = fx.render(CameraPose{qb.east, qb.south, 600000, 0, -90}, s);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        REQUIRE(fx.validationMessages() == 0);
        CHECK(fx.lastStats.settled);  // failed tiles are drawn from their parents
        CHECK(secs < 60.0);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/http_flaky.png", rgba, kW, kH);
        CHECK(server.requestCount(path(broken)) == 4);  // one try and three retries
        CHECK(server.requestCount(path(flakyTile)) == 3);
        auto mentions = [&](const TileId& t) {
            int n = 0;
            for (const auto& line : fx.log) n += line.find(path(t)) != std::string::npos ? 1 : 0;
            return n;
        };
        CHECK(mentions(broken) == 1);
        CHECK(mentions(truncatedTile) == 1);
        CHECK(mentions(garbageTile) == 1);
        CHECK(mentions(flakyTile) == 0);  // recovered: nothing to report
        // Look elsewhere and back: the store keeps the stand-ins, the log stays quiet.
        fx.render(CameraPose{qb.west, qb.north, 600000, 0, -90}, s);
        fx.render(CameraPose{qb.east, qb.south, 600000, 0, -90}, s);
        CHECK(mentions(broken) == 1);
    }
    std::filesystem::remove_all(o.cacheDir);
}
