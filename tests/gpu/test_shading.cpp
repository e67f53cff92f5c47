// Shading responds to its settings as a user would see: exaggeration raises the skyline, the sun
// direction changes the hillshade, contour lines darken thin lines.
#include <catch2/catch.hpp>

#include "gpu_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 320, kH = 180;
// Above the highest terrain even at 3x (6,500 m x 3), looking slightly down across the ranges.
const CameraPose kHigh{90.4, 28.9, 25000, 10, -12};

double meanTop(const std::vector<int>& top) {
    double s = 0;
    for (int t : top) s += t;
    return s / double(top.size());
}
double luminance(const std::vector<std::uint8_t>& rgba) {
    double s = 0;
    for (std::size_t i = 0; i < rgba.size(); i += 4) s += 0.3 * rgba[i] + 0.59 * rgba[i + 1] + 0.11 * rgba[i + 2];
    return s / double(rgba.size() / 4);
}
}  // namespace

TEST_CASE("vertical exaggeration raises the skyline", "[gpu][shading]") {
    GpuFixture fx(kW, kH);
    const float magenta[4] = {1.0f, 0.0f, 1.0f, 1.0f};
    Shading s1, s3;
    s3.exaggeration = 3.0;
    const auto a = fx.render(kHigh, s1, 2.0, false, true, magenta);
    const double top1 = meanTop(terrainTopRows(a, kW, kH));
    const auto b = fx.render(kHigh, s3, 2.0, false, true, magenta);
    const double top3 = meanTop(terrainTopRows(b, kW, kH));
    REQUIRE(fx.validationMessages() == 0);
    INFO("mean top row at 1x: " << top1 << ", at 3x: " << top3);
    CHECK(top3 < top1 - 3.0);  // rows count from the top: smaller is higher
}

TEST_CASE("the sun direction changes the hillshade", "[gpu][shading]") {
    GpuFixture fx(kW, kH);
    Shading east, west;
    east.sunAzimuthDeg = 90;
    west.sunAzimuthDeg = 270;
    east.haze = west.haze = false;
    const CameraPose top{90.4, 29.4, 40000, 0, -90};
    const auto a = fx.render(top, east);
    const auto b = fx.render(top, west);
    REQUIRE(fx.validationMessages() == 0);
    const ImageDiff d = compareImages(a, b, 30);
    CHECK(d.fractionOver > 0.15);  // slopes facing the sun swap between the two
    CHECK(std::abs(luminance(a) - luminance(b)) < 25.0);  // but the overall brightness is similar
}

TEST_CASE("contour lines draw thin dark lines", "[gpu][shading]") {
    GpuFixture fx(kW, kH);
    Shading plain, contours;
    plain.haze = contours.haze = false;
    contours.contourIntervalM = 100;
    const CameraPose top{90.4, 29.4, 40000, 0, -90};
    const auto a = fx.render(top, plain);
    const auto b = fx.render(top, contours);
    REQUIRE(fx.validationMessages() == 0);
    CHECK(luminance(b) < luminance(a) - 2.0);
    const ImageDiff d = compareImages(a, b, 20);
    CHECK(d.fractionOver > 0.03);
    CHECK(d.fractionOver < 0.6);  // lines, not a wash
}
