// The trace layer drawn over the real relief: Qulong's water, routed on the committed DEM,
// shows as a red line down the Lhasa River and the Yarlung valley, exactly where the trace's
// vertices project, and nowhere else; the layer's log line carries the report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "app/layer_setup.h"
#include "core/geodesy.h"
#include "io/gdal_source.h"
#include "io/trace_overlay.h"
#include "layer_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {

constexpr int kW = 320, kH = 240;
const std::filesystem::path kAssets = std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets";

// Pure red over the white unlit terrain; blended edges down to about half strength count.
bool isTraceRed(int r, int g, int b) { return r > 150 && g < 120 && b < 120; }

}  // namespace

TEST_CASE("the Qulong trace is drawn over the Lhasa River and the Yarlung valley", "[gpu][layers][trace]") {
    auto terrain = openGdalSource({kAssets / "terrain/himalaya_srtm30.tif"});
    REQUIRE(terrain.ok());
    GpuFixture fx(kW, kH, *terrain);

    LayerDesc d;
    d.id = "qulong_water";
    d.type = LayerType::Trace;
    d.trace.from = {91.583, 29.600};
    d.trace.dem = kAssets / "terrain/himalaya_srtm30.tif";
    d.trace.rivers = kAssets / "vectors/rivers.geojson";
    d.trace.reaches = kAssets / "rivers/reaches.csv";
    d.style.stroke = {1.0f, 0.0f, 0.0f, 1.0f};
    d.style.strokeWidthPx = 3.0f;
    std::vector<std::string> log;
    app::LayerLoader(*fx.view, {d}, nullptr, [&](const std::string& m) { log.push_back(m); }).wait();
    REQUIRE(log.size() == 1);
    INFO(log[0]);
    CHECK(log[0].rfind("layer 'qulong_water': trace from 91.583E 29.600N: ", 0) == 0);
    CHECK(log[0].find("Lhasa River \u2192 Yarlung Tsangpo") != std::string::npos);
    CHECK(fx.view->layers().at(0).desc.legend.find("China \u2192 India \u2192 Bangladesh") != std::string::npos);
    REQUIRE(fx.view->layers().at(0).source);

    // Straight down on Lhasa, the Lhasa River's lower course and the Yarlung below Qüxü.
    Shading s;
    s.exaggeration = 1.0;
    const CameraPose pose{91.2, 29.45, 150000.0, 0.0, -90.0};
    const LayerRender r = renderLayers(fx, pose, 2024.0, s, 2.0);
    REQUIRE(fx.validationMessages() == 0);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/trace_layer.png", r.rgba, kW, kH);

    // The trace's own vertices (the same computation the layer made), projected on the surface.
    const auto& source = *fx.view->layers().at(0).source;
    const auto* vec = dynamic_cast<const VectorOverlaySource*>(&source);
    REQUIRE(vec);
    const auto& line = vec->data().features.back().parts.at(0);
    std::vector<glm::dvec2> pts;
    for (std::size_t k = 0; k + 1 < line.size(); ++k)
        for (int t = 0; t < 8; ++t) {
            const double f = t / 8.0;
            const double lon = line[k].lon + f * (line[k + 1].lon - line[k].lon);
            const double lat = line[k].lat + f * (line[k + 1].lat - line[k].lat);
            const auto h = fx.view->terrainHeight(lon, lat);
            double px = 0, py = 0;
            if (h && project(r.camera, geodeticToEcef({lon, lat, *h}), px, py) && px > 4 && py > 4 &&
                px < kW - 5 && py < kH - 5)
                pts.emplace_back(px, py);
        }
    REQUIRE(pts.size() > 200);  // the trace crosses the view

    const auto red = mask(r.rgba, kW, kH, isTraceRed);
    const auto redNear = [&](const glm::dvec2& p, int radius) {
        for (int y = int(p.y) - radius; y <= int(p.y) + radius; ++y)
            for (int x = int(p.x) - radius; x <= int(p.x) + radius; ++x)
                if (x >= 0 && y >= 0 && x < kW && y < kH && red[std::size_t(y * kW + x)]) return true;
        return false;
    };
    std::size_t covered = 0;
    for (const auto& p : pts) covered += redNear(p, 2) ? 1 : 0;
    INFO(covered << " of " << pts.size() << " trace points have red within 2 px");
    CHECK(covered >= pts.size() * 95 / 100);
    // And red only along the trace: no red pixel farther than 4 px from it.
    std::size_t stray = 0, total = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            if (!red[std::size_t(y * kW + x)]) continue;
            ++total;
            double best = 1e9;
            for (const auto& p : pts) best = std::min(best, std::hypot(p.x - x, p.y - y));
            if (best > 4.0 && x > 4 && y > 4 && x < kW - 5 && y < kH - 5) ++stray;
        }
    CHECK(total > 300);
    CHECK(stray == 0);
    // The path runs west past Lhasa to the Yarlung below Qüxü and back east: both ends of the
    // view's width are crossed.
    const auto [minX, maxX] = std::minmax_element(pts.begin(), pts.end(), [](auto& a, auto& b) { return a.x < b.x; });
    CHECK(maxX->x - minX->x > kW / 2);
}
