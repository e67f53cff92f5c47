// Depth read back through the RenderTarget interface (the window target shares the code; its
// run under Xvfb is the app test): only requested frames are copied, reading never waits and
// returns the newest finished copy, and the values are reverse-Z distances to the terrain.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/camera_control.h"
#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 160, kH = 90;
}  // namespace

TEST_CASE("depth readback: on request, reverse-Z, newest finished copy", "[gpu][depth]") {
    GpuFixture fx(kW, kH);
    gpu::RenderTarget& target = fx.session->target();
    CHECK(target.readDepth().empty());  // nothing requested yet

    // Straight down from 3 km above the rendered ground: the centre's depth gives that distance.
    Shading s;
    s.haze = false;
    const double lon = 91.45, lat = 29.05;
    fx.render(CameraPose{lon, lat, 12000, 0, -90}, s);
    const double ground = fx.view->terrainHeight(lon, lat).value();
    const CameraPose down{lon, lat, ground + 3000.0, 0, -90};
    fx.render(down, s);  // settles the closer view and captures colour and depth
    const gpu::DepthImage d = target.readDepth();
    REQUIRE(d.width == std::uint32_t(kW));
    REQUIRE(d.height == std::uint32_t(kH));
    REQUIRE(d.values.size() == std::size_t(kW) * kH);
    const std::uint64_t serial = d.serial;
    CHECK(serial == 2);  // one copy per captured frame
    const double nearM = fx.view->frame({makeCamera(down, kW, kH)}, s).camera.near_m;
    const float centre = d.at(kW / 2, kH / 2);
    REQUIRE(centre > 0.0f);
    REQUIRE(centre <= 1.0f);
    INFO("near plane " << nearM << " m, centre depth " << centre << " -> " << nearM / centre << " m");
    // Reverse-Z with an infinite far plane: depth = near / distance. Ground 3 km away, up to the difference
    // between the tile heights and the drawn triangles (measured: 3 m).
    CHECK(std::abs(nearM / double(centre) - 3000.0) < 50.0);

    // Looking at the horizon: the sky is infinitely far (0), the terrain is not.
    fx.render(CameraPose{lon, lat, ground + 2000.0, 0, -5}, s);
    const gpu::DepthImage h = target.readDepth();
    REQUIRE(h.serial == serial + 1);
    CHECK(h.at(kW / 2, 0) == 0.0f);
    CHECK(h.at(kW / 2, kH - 1) > 0.0f);

    // Back to the view from above: the same settled tiles give the same depth.
    fx.render(down, s);
    const gpu::DepthImage again = target.readDepth();
    REQUIRE(again.serial == h.serial + 1);
    CHECK(again.at(kW / 2, kH / 2) == centre);

    // Frames without a request copy nothing: the newest copy stays the same.
    const gpu::FrameDesc f = fx.view->frame({makeCamera(down, kW, kH)}, s);
    fx.session->render(f, true);
    CHECK(target.readDepth().serial == again.serial);

    // A frame loop requesting every frame, never waiting: reads return finished copies (maybe
    // a frame or two old, never torn); after the GPU is idle, the last frame's.
    for (int i = 0; i < 6; ++i) {
        target.requestDepth(100 + std::uint64_t(i));  // the frame's number, to find its camera
        fx.session->render(f, false);
        const gpu::DepthImage latest = target.readDepth();
        CHECK(latest.serial >= again.serial);
        CHECK(latest.serial <= again.serial + std::uint64_t(i) + 1);
        if (latest.serial > again.serial) CHECK(latest.tag == 100 + (latest.serial - again.serial - 1));
        if (latest.serial > again.serial) {
            CHECK(latest.at(kW / 2, kH / 2) == Approx(centre).epsilon(1e-6));
        }
    }
    fx.session->renderer().waitIdle();
    CHECK(target.readDepth().serial == again.serial + 6);
    CHECK(target.readDepth().tag == 105);
    CHECK(target.readDepth().at(kW / 2, kH / 2) == Approx(centre).epsilon(1e-6));
    CHECK(fx.validationMessages() == 0);
}
