// Navigation on rendered terrain: the Navigator asks the depth of the frame on screen for the
// ground under the cursor, and the next rendered frame shows that ground where the cursor went.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>

#include "core/navigator.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 320, kH = 180;

struct RenderedFrame {
    Camera camera;  // with the near plane it was drawn with
    std::vector<float> depth;
    std::vector<std::uint8_t> rgba;
};

RenderedFrame renderAt(GpuFixture& fx, const Camera& cam, const Shading& s) {
    const CameraPose pose = cameraPose(cam);
    auto rgba = fx.render(pose, s);
    return {fx.view->frame({makeCamera(pose, kW, kH)}, s).camera, fx.session->target().readDepth().values, std::move(rgba)};
}

// A red cross at a pixel, to look at the frames.
void mark(std::vector<std::uint8_t>& rgba, int x, int y) {
    for (int d = -4; d <= 4; ++d)
        for (const auto& [px, py] : {std::pair{x + d, y}, std::pair{x, y + d}})
            if (px >= 0 && py >= 0 && px < kW && py < kH) {
                std::uint8_t* p = &rgba[(std::size_t(py) * kW + std::size_t(px)) * 4];
                p[0] = 255;
                p[1] = p[2] = 0;
            }
}

// The ground under a pixel from the frame on screen, as the viewer answers it.
GroundQuery depthQuery(GpuFixture& fx, const RenderedFrame& f) {
    GroundQuery q;
    q.pointAt = [&fx, &f](const Camera&, double x, double y) {
        return fx.surfaceAt(f.depth, f.camera, int(std::lround(x)), int(std::lround(y)));
    };
    q.surfaceHeight = [&fx](double lon, double lat) { return displayedSurfaceHeight(fx.view->store(), lon, lat, 1.0); };
    return q;
}
}  // namespace

TEST_CASE("navigation: a left-drag brings the rendered ground under a to b", "[gpu][navigation]") {
    GpuFixture fx(kW, kH);
    Shading s;
    s.haze = false;
    RenderedFrame first = renderAt(fx, makeCamera({91.45, 29.05, 25000, 20, -55}, kW, kH), s);
    const GroundQuery q = depthQuery(fx, first);

    const int ax = 90, ay = 120, bx = 230, by = 70;
    const auto grabbed = q.pointAt(first.camera, ax, ay);
    REQUIRE(grabbed);
    Navigator nav;
    NavInput in;
    in.x = ax;
    in.y = ay;
    in.left = true;
    Camera cam = nav.update(first.camera, in, 1.0 / 60.0, q);
    for (int i = 1; i <= 10; ++i) {
        in.x = ax + (bx - ax) * i / 10.0;
        in.y = ay + (by - ay) * i / 10.0;
        cam = nav.update(cam, in, 1.0 / 60.0, q);
    }

    RenderedFrame second = renderAt(fx, cam, s);
    RenderedFrame before = first;
    mark(before.rgba, ax, ay);
    mark(second.rgba, bx, by);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/navigation_drag_before.png", before.rgba, kW, kH);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/navigation_drag_after.png", second.rgba, kW, kH);
    const auto under = fx.surfaceAt(second.depth, second.camera, bx, by);
    REQUIRE(under);
    const double pixel = metresPerPixel(second.camera, glm::length(*grabbed - second.camera.position));
    INFO("grabbed point now under b within " << glm::length(*under - *grabbed) << " m, a pixel is " << pixel << " m");
    CHECK(glm::length(*under - *grabbed) < 1.5 * pixel);
    CHECK(glm::length(cam.position - first.camera.position) > 1000.0);  // it did move
    CHECK(fx.validationMessages() == 0);
}
