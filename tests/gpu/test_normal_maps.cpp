// Shading from per-tile normal maps on 17-vertex meshes against the reference drawn before them:
// per-vertex normals on 33-vertex meshes (the golden image of that time, kept for this test).
// The normal maps carry more of the data's detail than the old vertices did, so single pixels
// differ; what must hold is the lighting: which slopes are lit and how bright, over blocks of
// pixels. The same comparison against the view lit from the opposite side shows that the
// measure does see wrong lighting. The relief ramp was made lighter at altitude after the
// reference was drawn (lightness rising with height, for colour-blind viewers), so the images are
// compared after matching their overall brightness: the pattern of lit and shaded slopes is what
// is checked, not the albedo.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "gpu_test_support.h"
#include "io/png_codec.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 320, kH = 180, kBlock = 20;
const CameraPose kView{91.45, 29.05, 16000, 20, -22};  // the golden view (test_golden.cpp)

std::vector<std::uint8_t> readRgba(const std::string& path) {
    auto png = readPngFile(path);
    REQUIRE(png.ok());
    REQUIRE(png->width == kW);
    REQUIRE(png->height == kH);
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < png->pixels.size(); i += std::size_t(png->channels)) {
        out.insert(out.end(), png->pixels.begin() + long(i), png->pixels.begin() + long(i) + 3);
        out.push_back(255);
    }
    return out;
}

// Mean luminance of each kBlock x kBlock block.
std::vector<double> blockLuminance(const std::vector<std::uint8_t>& rgba) {
    std::vector<double> out;
    for (int by = 0; by < kH / kBlock; ++by)
        for (int bx = 0; bx < kW / kBlock; ++bx) {
            double s = 0;
            for (int y = by * kBlock; y < (by + 1) * kBlock; ++y)
                for (int x = bx * kBlock; x < (bx + 1) * kBlock; ++x) {
                    const std::uint8_t* p = &rgba[(std::size_t(y) * kW + std::size_t(x)) * 4];
                    s += 0.3 * p[0] + 0.59 * p[1] + 0.11 * p[2];
                }
            out.push_back(s / (kBlock * kBlock));
        }
    return out;
}

struct BlockDiff {
    double mean = 0, worst = 0;  // mean and largest block difference, after matching brightness
    double ratio = 1;            // overall brightness of a over b
    double correlation = 0;      // Pearson, of the block luminances
};
BlockDiff blockDiff(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    auto la = blockLuminance(a);
    const auto lb = blockLuminance(b);
    BlockDiff d;
    double sa = 0, sb = 0;
    for (std::size_t k = 0; k < la.size(); ++k) {
        sa += la[k];
        sb += lb[k];
    }
    d.ratio = sa / sb;
    for (std::size_t k = 0; k < la.size(); ++k) {
        const double diff = std::abs(la[k] / d.ratio - lb[k]);
        d.mean += diff;
        d.worst = std::max(d.worst, diff);
    }
    d.mean /= double(la.size());
    const double ma = sa / double(la.size()) / d.ratio, mb = sb / double(lb.size());
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t k = 0; k < la.size(); ++k) {
        const double x = la[k] / d.ratio - ma, y = lb[k] - mb;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
    }
    d.correlation = sab / std::sqrt(saa * sbb);
    return d;
}
}  // namespace

TEST_CASE("normal-map lighting matches the per-vertex normals it replaced", "[gpu][normals]") {
    GpuFixture fx(kW, kH);
    Shading s;
    s.exaggeration = 1.5;
    const auto rgba = fx.render(kView, s);
    REQUIRE(fx.lastStats.settled);
    REQUIRE(fx.validationMessages() == 0);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/normal_maps_actual.png", rgba, kW, kH);
    const auto reference = readRgba(std::string(PLATEAU_GOLDEN_DIR) + "/qulong_320x180_vertex_normals.png");

    const BlockDiff d = blockDiff(rgba, reference);
    INFO("block luminance differs by " << d.mean << " on average, at most " << d.worst << " (of 255), brightness ratio "
                                       << d.ratio << ", correlation " << d.correlation);
    CHECK(d.ratio > 1.0);   // the lighter ramp at altitude,
    CHECK(d.ratio < 1.25);  // but no more than that
    // The same slopes lit: block luminances go together. Before the ramp changed, the mean
    // difference was under 3 and the worst under 15; the height-dependent albedo change leaves
    // 6.5 and 21 after matching brightness, while the pattern still correlates at 0.98.
    CHECK(d.correlation > 0.95);
    CHECK(d.mean < 8.0);
    CHECK(d.worst < 25.0);

    // The measure's sensitivity: the sun from the opposite side differs far more.
    Shading opposite = s;
    opposite.sunAzimuthDeg = std::fmod(s.sunAzimuthDeg + 180.0, 360.0);
    const BlockDiff wrong = blockDiff(fx.render(kView, opposite), reference);
    INFO("lit from the opposite side: " << wrong.mean << " on average, at most " << wrong.worst << ", correlation "
                                         << wrong.correlation);
    CHECK(wrong.mean > 2.0 * d.mean);
    CHECK(wrong.worst > d.worst);
    CHECK(wrong.correlation < 0.8);  // 0.6
}
