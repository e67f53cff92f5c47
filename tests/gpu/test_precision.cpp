// Nothing jitters near the camera: a camera a few metres above the terrain, moved by 2 mm, draws
// (almost) the same image. Vertices are stored relative to tile origins and transformed with a
// camera-relative matrix; plain float ECEF coordinates (0.5 m steps at 6,400 km) would make the
// terrain jump by decimetres here.
#include <catch2/catch.hpp>
#include <cmath>

#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 320, kH = 180;

// Linear distance along the view axis at pixel (x, y) from reverse-Z depth with an infinite far plane.
double viewDistance(const std::vector<float>& depth, int x, int y, double nearM) {
    const float d = depth[std::size_t(y) * kW + std::size_t(x)];
    return d > 0.0f ? nearM / double(d) : INFINITY;
}
}  // namespace

TEST_CASE("terrain a few metres from the camera does not jitter", "[gpu][precision]") {
    GpuFixture fx(kW, kH);
    Shading s;
    s.haze = false;
    s.contourIntervalM = 0.25;  // lines every 25 cm give the flat close-up view visible structure
    // Plain locals, not a structured binding: clang 14 cannot capture those in a lambda.
    const auto place = GENERATE(std::make_pair(91.583, 29.6), std::make_pair(88.567, 29.517));
    const double lon = place.first, lat = place.second;

    // Find the rendered surface under the camera: look straight down from 300 m above the
    // tile heights and read the depth at the centre.
    const double h0 = [&] {
        fx.render(CameraPose{lon, lat, 9000, 0, -90}, s);
        return fx.view->terrainHeight(lon, lat).value();
    }();
    CameraPose down{lon, lat, h0 + 300.0, 0, -90};
    fx.render(down, s);
    const double nearM = fx.view->frame({makeCamera(down, kW, kH)}, s).camera.near_m;
    const double d = viewDistance(fx.session->lastDepth(), kW / 2, kH / 2, nearM);
    REQUIRE(std::isfinite(d));
    const double surface = down.height_m - d;

    // 5 m above the surface, looking down and ahead.
    CameraPose near{lon, lat, surface + 5.0, 30, -60};
    const auto a = fx.render(near, s);
    const double nearA = fx.view->frame({makeCamera(near, kW, kH)}, s).camera.near_m;
    const double dA = viewDistance(fx.session->lastDepth(), kW / 2, kH / 2, nearA);
    INFO("distance to terrain at the centre: " << dA << " m");
    REQUIRE(dA > 3.0);
    REQUIRE(dA < 20.0);

    CameraPose moved = near;
    moved.lon_deg += 0.002 / (6378137.0 * std::cos(lat * 3.14159265358979 / 180.0)) * 180.0 / 3.14159265358979;
    const auto b = fx.render(moved, s);
    const double dB = viewDistance(fx.session->lastDepth(), kW / 2, kH / 2, nearA);
    REQUIRE(fx.validationMessages() == 0);

    const ImageDiff diff = compareImages(a, b, 24);
    INFO("mean abs diff " << diff.meanAbs << ", pixels over 24: " << diff.fractionOver);
    // A pixel here spans about 3 cm, so the 2 mm move shifts the 25 cm contour lines by under a
    // tenth of a pixel: only edge pixels of the lines may flip. A float-ECEF jump of decimetres
    // would move every line by many pixels (mean difference around 2, several % of pixels).
    CHECK(diff.meanAbs < 1.0);
    CHECK(diff.fractionOver < 0.01);
    // The surface distance changes by millimetres, not by float ECEF's decimetre steps.
    CHECK(std::abs(dB - dA) < 0.02);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/precision_near.png", a, kW, kH);
}
