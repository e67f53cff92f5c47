// Deposit markers in rendered images: drawn at the projected pixel of their longitude and
// latitude, hidden behind a ridge, and absent before their discovery year. The catalogue is a
// CSV written here and read by the program's own reader; markers go through the same
// DepositLayers and ImGui pass as `plateau render`.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "app/deposit_layers.h"
#include "core/geodesy.h"
#include "layer_test_support.h"
#include "ui/overlay.h"

using namespace plateau;
using namespace plateau::test;

namespace {

// A north-south ridge 3,000 m high at 91.05 E on a plain at 0 m.
class RidgeSource : public TileSource {
public:
    std::string describe() const override { return "ridge"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 12; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 12; }
    Result<HeightGrid> load(const TileId& id) override {
        HeightGrid g;
        g.width = g.height = 64;
        g.samples.resize(64 * 64);
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i) {
                double lon = 0, lat = 0;
                tileUVToLonLat(id, (i + 0.5) / 64.0, (j + 0.5) / 64.0, lon, lat);
                const double d = (lon - 91.05) / 0.01;
                g.samples[std::size_t(j * 64 + i)] = float(3000.0 * std::exp(-d * d));
            }
        return g;
    }
};

constexpr int kW = 320, kH = 180;

// Two deposits on the plain: one west of the ridge, found in 2000, one east of it.
LayerDesc depositLayer() {
    const auto dir = tempDir("deposits_gpu");
    writeText(dir / "deposits.csv",
              "NameDeposit,LatitudeDecimal,LongitudeDecimal,Tonnage,Copper grade,DiscoveryDate\n"
              "Front,29.0,91.0,500,0.5,2000\n"
              "Behind,29.0,91.12,500,0.5,n.d.\n");
    LayerDesc d;
    d.id = "deposits";
    d.title = "Deposits";
    d.type = LayerType::Deposits;
    d.source.type = "ogr";
    d.source.path = dir / "deposits.csv";
    d.deposits.style.commodityColours = {{"Cu", {0.0f, 0.8f, 0.0f, 1.0f}}};
    d.deposits.style.labelField = "";
    return d;
}

struct DepositRender {
    std::vector<std::uint8_t> rgba;
    Camera camera;
};

// Settles, draws a frame for its depth, places the markers with it and renders them on top.
DepositRender render(GpuFixture& fx, app::DepositLayers& deposits, const CameraPose& pose, double year) {
    const Camera cam = makeCamera(pose, kW, kH);
    const Shading shading;
    const FrameInput in{cam, year, 0.0};
    REQUIRE(fx.view->settle(in, app::selectionParams(2.0, shading, fx.maxZoom)).settled);
    gpu::FrameDesc f = fx.view->frame(in, shading);
    f.drawSky = false;
    f.style.flatColour = true;
    fx.session->target().requestDepth();
    fx.session->render(f, true);
    fx.session->ensureImGui();
    deposits.place(*fx.view, f.camera, year, shading.exaggeration, fx.session->lastDepth(), ui::measureText);
    DepositRender out;
    out.camera = f.camera;
    out.rgba = fx.session->renderAndCapture(f, nullptr, nullptr, [&] { deposits.draw(); });
    return out;
}

bool green(int r, int g, int b) { return g > 150 && r < 110 && b < 110; }

// Centroid of the marker-green pixels within `radius` of (x, y); count 0 when there are none.
struct Blob {
    double x = 0, y = 0;
    int count = 0;
};
Blob greenNear(const std::vector<std::uint8_t>& rgba, double x, double y, int radius) {
    Blob b;
    for (int j = int(y) - radius; j <= int(y) + radius; ++j)
        for (int i = int(x) - radius; i <= int(x) + radius; ++i) {
            if (i < 0 || j < 0 || i >= kW || j >= kH) continue;
            const std::uint8_t* p = &rgba[std::size_t(j * kW + i) * 4];
            if (!green(p[0], p[1], p[2])) continue;
            b.x += i + 0.5;
            b.y += j + 0.5;
            ++b.count;
        }
    if (b.count) {
        b.x /= b.count;
        b.y /= b.count;
    }
    return b;
}

glm::dvec3 surfacePoint(GpuFixture& fx, double lon, double lat) {
    return geodeticToEcef({lon, lat, fx.view->terrainHeight(lon, lat).value_or(0.0)});
}

}  // namespace

TEST_CASE("a deposit marker lands on its projected pixel, hides behind a ridge and before its discovery",
          "[gpu][deposits]") {
    GpuFixture fx(kW, kH, std::make_shared<RidgeSource>());
    app::DepositLayers deposits({depositLayer()}, {});
    REQUIRE(deposits.layers().size() == 1);
    REQUIRE(deposits.layers()[0].deposits.size() == 2);

    SECTION("straight down: the disc is centred on the projected point, and absent before 2000") {
        // North of the deposit, so that its disc is in the lower half, clear of the legend.
        const CameraPose pose{91.0, 29.06, 30000.0, 0.0, -90.0};
        const DepositRender r = render(fx, deposits, pose, 2020.0);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/deposits_top.png", r.rgba, kW, kH);
        double px = 0, py = 0;
        REQUIRE(project(r.camera, surfacePoint(fx, 91.0, 29.0), px, py));
        const Blob b = greenNear(r.rgba, px, py, 30);
        // Tonnage 500 Mt: a disc of about 19 px, mostly green inside its outline.
        CHECK(b.count > 150);
        CHECK(std::abs(b.x - px) < 1.5);
        CHECK(std::abs(b.y - py) < 1.5);

        const DepositRender before = render(fx, deposits, pose, 1990.0);
        CHECK(greenNear(before.rgba, px, py, 30).count == 0);
        CHECK(fx.validationMessages() == 0);
    }

    SECTION("looking east along the plain: the deposit behind the ridge is hidden") {
        // South of the deposits, so that they are left of the centre, clear of the legend.
        const CameraPose pose{90.90, 28.95, 1200.0, 90.0, -2.0};
        const DepositRender r = render(fx, deposits, pose, 2020.0);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/deposits_ridge.png", r.rgba, kW, kH);
        double fx0 = 0, fy0 = 0, bx = 0, by = 0;
        REQUIRE(project(r.camera, surfacePoint(fx, 91.0, 29.0), fx0, fy0));
        REQUIRE(project(r.camera, surfacePoint(fx, 91.12, 29.0), bx, by));
        // Both are on screen, and without the depth test both would be placed.
        REQUIRE((bx > 0 && bx < kW && by > 0 && by < kH));
        CHECK(greenNear(r.rgba, fx0, fy0, 12).count > 50);
        CHECK(greenNear(r.rgba, bx, by, 8).count == 0);
        const auto& markers = deposits.frame(0).markers;
        REQUIRE(markers.size() == 1);
        CHECK(deposits.layers()[0].deposits[markers[0].deposit].name == "Front");
        deposits.place(*fx.view, r.camera, 2020.0, 1.0, {}, ui::measureText);
        CHECK(deposits.frame(0).markers.size() == 2);

        // Picking: the marker under its own centre is Front; empty ground gives nothing.
        deposits.place(*fx.view, r.camera, 2020.0, 1.0, fx.session->lastDepth(), ui::measureText);
        const auto picked = deposits.pick(float(fx0), float(fy0));
        REQUIRE(picked);
        CHECK(picked->deposit->name == "Front");
        CHECK(picked->deposit->attribute("DiscoveryDate") == "2000");
        CHECK(!deposits.pick(float(fx0) + 40.0f, float(fy0)));
        CHECK(fx.validationMessages() == 0);
    }
}
