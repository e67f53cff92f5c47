// Multisample anti-aliasing (4x where the device has it, as lavapipe does): silhouettes get
// intermediate edge pixels where 1x has only two colours, the rest of the image is the 1x one,
// depth for picking is resolved and still finds the same points, and every pass (sky, terrain in
// all its modes, bodies, ImGui) draws into the multisampled pass without a validation message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/model_placement.h"
#include "core/model_shapes.h"
#include "core/picking.h"
#include "core/sample_count.h"
#include "gpu/vk_check.h"
#include "gpu_test_support.h"
#include "skip.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 320, kH = 180;
constexpr double kLon = 91.45, kLat = 29.05;
const CameraPose kView{kLon, kLat, 16000, 20, -22};  // the golden view
const CameraPose kRidge{kLon, kLat - 0.1, 5600, 20, 1};  // low, looking level: ridges against the sky
const float kMagenta[4] = {1.0f, 0.0f, 1.0f, 1.0f};
constexpr std::uint8_t kMagentaPx[3] = {255, 0, 255};

const std::uint8_t* px(const std::vector<std::uint8_t>& rgba, int x, int y) {
    return &rgba[(std::size_t(y) * kW + std::size_t(x)) * 4];
}

int channelDiff(const std::uint8_t* a, const std::uint8_t* b) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a[c]) - int(b[c])));
    return d;
}

// Pixels that are neither colour `a` nor `b` (within 3 per channel): edge pixels mixing the two.
struct Mixed {
    int count = 0;
    int onEdge = 0;          // of them, within a pixel of a place where the 1x image changes colour
    int quarterSteps = 0;    // of them, a mix of a and b in a multiple of 1/4 (4 samples' coverage)
};
Mixed mixedPixels(const std::vector<std::uint8_t>& img, const std::vector<std::uint8_t>& ref1x, const std::uint8_t* a,
                  const std::uint8_t* b) {
    Mixed m;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            const std::uint8_t* p = px(img, x, y);
            if (channelDiff(p, a) <= 3 || channelDiff(p, b) <= 3) continue;
            ++m.count;
            bool edge = false;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int nx = std::clamp(x + dx, 0, kW - 1), ny = std::clamp(y + dy, 0, kH - 1);
                    if (channelDiff(px(ref1x, nx, ny), px(ref1x, x, y)) > 3) edge = true;
                }
            if (edge) ++m.onEdge;
            // The channel where a and b differ most gives the fraction of samples covered.
            int c = 0;
            for (int k = 1; k < 3; ++k)
                if (std::abs(int(a[k]) - int(b[k])) > std::abs(int(a[c]) - int(b[c]))) c = k;
            const double t = double(int(p[c]) - int(b[c])) / double(int(a[c]) - int(b[c]));
            if (std::abs(t * 4.0 - std::round(t * 4.0)) < 0.05) ++m.quarterSteps;
        }
    return m;
}

// Each 4x4 block's mean colour, so images that differ only in where within a block a thin
// line falls compare equal.
std::vector<std::uint8_t> blockMeans(const std::vector<std::uint8_t>& rgba) {
    std::vector<std::uint8_t> out(std::size_t(kW / 4) * (kH / 4) * 4, 255);
    for (int by = 0; by < kH / 4; ++by)
        for (int bx = 0; bx < kW / 4; ++bx)
            for (int c = 0; c < 3; ++c) {
                int sum = 0;
                for (int k = 0; k < 16; ++k) sum += px(rgba, bx * 4 + k % 4, by * 4 + k / 4)[c];
                out[(std::size_t(by) * (kW / 4) + std::size_t(bx)) * 4 + std::size_t(c)] = std::uint8_t((sum + 8) / 16);
            }
    return out;
}

Shading plain() {
    Shading s;
    s.haze = false;
    return s;
}

UndergroundView underground(double opacity) {
    UndergroundView u;
    u.enabled = true;
    u.terrainOpacity = opacity;
    return u;
}

struct Shot {
    std::vector<std::uint8_t> rgba;
    std::vector<float> depth;
    Camera camera;
};

Shot shoot(GpuFixture& fx, const CameraPose& pose, const Shading& shading, std::vector<gpu::ModelInstance> models,
           const UndergroundView& ug, bool sky, bool wireframe = false, const ui::StatusInfo* label = nullptr) {
    const Camera cam = makeCamera(pose, kW, kH);
    fx.view->settle({cam}, app::selectionParams(2.0, shading, fx.maxZoom));
    gpu::FrameDesc f = fx.view->frame({cam}, shading);
    f.models = std::move(models);
    f.style.underground = ug;
    f.style.wireframe = wireframe;
    f.drawSky = sky;
    if (!sky)
        for (int i = 0; i < 4; ++i) f.clearColour[i] = kMagenta[i];
    Shot s;
    s.camera = f.camera;
    s.rgba = fx.session->renderAndCapture(f, label);
    s.depth = fx.session->lastDepth();
    return s;
}

ModelData box(glm::vec3 size, std::array<float, 4> colour) {
    ModelData d;
    d.source = "box";
    d.materials.push_back(plainMaterial("ore", colour));
    d.primitives.push_back(makeBox(size, 0, "body"));
    updateBounds(d);
    return d;
}
}  // namespace

TEST_CASE("msaa: silhouettes get intermediate edge pixels, the rest is the 1x image", "[gpu][msaa]") {
    GpuFixture fx1(kW, kH);
    GpuFixture fx4(kW, kH, false, 4);
    const gpu::Context& ctx = fx4.session->context();
    const std::uint32_t counts = ctx.multisampleCounts();
    INFO("device " << ctx.deviceName() << " has " << describeSampleCounts(counts));
    if (!(counts & VK_SAMPLE_COUNT_4_BIT)) {
        // A device without 4x falls back; nothing below applies to it.
        CHECK(fx4.session->target().samples() == VkSampleCountFlagBits(chooseSampleCount(4, counts)));
        PLATEAU_SKIP("no 4x MSAA on " << ctx.deviceName());
    }
    REQUIRE(fx1.session->target().samples() == VK_SAMPLE_COUNT_1_BIT);
    REQUIRE(fx4.session->target().samples() == VK_SAMPLE_COUNT_4_BIT);

    // The ridge line against the sky: flat white unlit terrain on a magenta clear colour.
    const std::uint8_t white[3] = {255, 255, 255};
    const auto flat1 = fx1.render(kRidge, plain(), 2.0, false, true, kMagenta);
    const auto flat4 = fx4.render(kRidge, plain(), 2.0, false, true, kMagenta);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_ridge_1x.png", flat1, kW, kH);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_ridge_4x.png", flat4, kW, kH);
    const Mixed ridge1 = mixedPixels(flat1, flat1, white, kMagentaPx);
    const Mixed ridge4 = mixedPixels(flat4, flat1, white, kMagentaPx);
    INFO("ridge: mixed pixels 1x " << ridge1.count << ", 4x " << ridge4.count << " (" << ridge4.onEdge
                                   << " on the 1x edge, " << ridge4.quarterSteps << " in quarter steps)");
    CHECK(ridge1.count == 0);  // 1x: every pixel is white or magenta
    // 4x: about one mixed pixel per column along the skyline (measured 349 of 320 columns),
    // all on the 1x image's edge, each a mix in steps of a quarter (1, 2 or 3 of 4 samples).
    CHECK(ridge4.count > kW / 2);
    CHECK(ridge4.onEdge == ridge4.count);
    CHECK(ridge4.quarterSteps == ridge4.count);
    // Away from the skyline the two are the same.
    CHECK(compareImages(flat1, flat4, 3).fractionOver < double(ridge4.count) / double(kW * kH) + 0.001);

    // A body's edge: a box turned 30 degrees seen from straight above against the clear colour
    // (terrain hidden: the underground view at opacity 0); only its flat top face shows.
    fx1.render(CameraPose{kLon, kLat, 12000, 0, -90}, plain());
    fx4.render(CameraPose{kLon, kLat, 12000, 0, -90}, plain());
    const double surface = fx1.view->terrainHeight(kLon, kLat).value();
    const ModelData cube = box({400, 200, 400}, {0.8f, 0.2f, 0.1f, 1.0f});  // y is up
    const glm::dmat4 m = modelToEcef(ModelPlacement{kLon, kLat, 0.0, 500.0, 30.0, 0, 0, 1.0}, surface, 1.0);
    const gpu::ModelHandle h1 = fx1.session->renderer().uploadModel(cube);
    const gpu::ModelHandle h4 = fx4.session->renderer().uploadModel(cube);
    const CameraPose above{kLon, kLat, surface + 2000.0, 0, -90};
    const Shot body1 = shoot(fx1, above, plain(), {{h1, m, 1.0f}}, underground(0.0), false);
    const Shot body4 = shoot(fx4, above, plain(), {{h4, m, 1.0f}}, underground(0.0), false);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_body_4x.png", body4.rgba, kW, kH);
    const std::uint8_t* top = px(body1.rgba, kW / 2, kH / 2);
    REQUIRE(channelDiff(top, kMagentaPx) > 100);
    const Mixed edge1 = mixedPixels(body1.rgba, body1.rgba, top, kMagentaPx);
    const Mixed edge4 = mixedPixels(body4.rgba, body1.rgba, top, kMagentaPx);
    INFO("body: mixed pixels 1x " << edge1.count << ", 4x " << edge4.count << " (" << edge4.onEdge << " on the 1x edge, "
                                  << edge4.quarterSteps << " in quarter steps)");
    CHECK(edge1.count == 0);
    CHECK(edge4.count > 40);  // four diagonal edges some 25 pixels long (measured: 80 mixed pixels)
    CHECK(edge4.onEdge == edge4.count);
    CHECK(edge4.quarterSteps == edge4.count);

    // Picking with MSAA: the resolved depth (sample zero) gives the body's top face, 400 m below
    // the surface (centre 500 m down, half its height up), as at 1x.
    const auto p1 = pickSurface(body1.camera, body1.depth, kW / 2, kH / 2, 1.0);
    const auto p4 = pickSurface(body4.camera, body4.depth, kW / 2, kH / 2, 1.0);
    REQUIRE(p1);
    REQUIRE(p4);
    CHECK(p4->elevation_m == Approx(surface - 400.0).margin(1.0));
    CHECK(glm::length(p4->ecef - p1->ecef) < 1.0);
    CHECK_FALSE(pickSurface(body4.camera, body4.depth, 2, 2, 1.0));  // nothing there: no point

    // The full shading with the sky: the same picture but for edge pixels, and the terrain
    // picked under a grid of pixels at the same places.
    const Shot full1 = shoot(fx1, kView, Shading{}, {}, {}, true);
    const Shot full4 = shoot(fx4, kView, Shading{}, {}, {}, true);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_full_1x.png", full1.rgba, kW, kH);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_full_4x.png", full4.rgba, kW, kH);
    const ImageDiff d = compareImages(full1.rgba, full4.rgba, 24);
    INFO("shaded view 1x vs 4x: mean abs " << d.meanAbs << ", fraction off by > 24: " << d.fractionOver);
    CHECK(d.meanAbs < 1.5);  // measured 1.07: edges and the 4x ridges' softer far detail
    CHECK(d.fractionOver < 0.01);  // measured 0.004
    // The terrain picked under a grid of pixels: where 1x finds ground so does 4x, and the 4x
    // depth (sample zero, a fraction of a pixel from the centre) lies within the range of the
    // 1x depths around the pixel: a point of the surface seen in that pixel.
    int picked = 0, outside = 0;
    for (int y = kH / 3; y < kH - 1; y += 12)
        for (int x = 8; x < kW - 1; x += 24) {
            const auto a = pickSurface(full1.camera, full1.depth, x, y, Shading{}.exaggeration);
            const auto b = pickSurface(full4.camera, full4.depth, x, y, Shading{}.exaggeration);
            REQUIRE(bool(a) == bool(b));
            if (!a) continue;
            ++picked;
            float lo = 1.0f, hi = 0.0f;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const float v = full1.depth[std::size_t(y + dy) * kW + std::size_t(x + dx)];
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            const float v4 = full4.depth[std::size_t(y) * kW + std::size_t(x)];
            if (v4 < lo * (1.0f - 1e-5f) || v4 > hi * (1.0f + 1e-5f)) ++outside;
        }
    INFO(picked << " terrain picks, " << outside << " outside the 1x depths around their pixel");
    CHECK(picked > 50);
    CHECK(outside == 0);
    // ImGui's pipeline in the multisampled pass (one ImGui context per process: 4x only).
    ui::StatusInfo label;
    label.title = "MSAA";
    label.label = "synthetic terrain";
    const Shot labelled = shoot(fx4, kView, Shading{}, {}, {}, true, false, &label);
    CHECK(compareImages(labelled.rgba, full4.rgba, 24).fractionOver > 0.001);  // the label is there
    CHECK(fx1.validationMessages() == 0);
    CHECK(fx4.validationMessages() == 0);
}

TEST_CASE("msaa: underground, cutaway and wireframe views, and a larger target for screenshots", "[gpu][msaa]") {
    GpuFixture fx1(kW, kH);
    GpuFixture fx4(kW, kH, false, 4);
    if (!(fx4.session->context().multisampleCounts() & VK_SAMPLE_COUNT_4_BIT)) {
        PLATEAU_SKIP("no 4x MSAA on " << fx4.session->context().deviceName());
    }
    fx1.render(CameraPose{kLon, kLat, 12000, 0, -90}, plain());
    fx4.render(CameraPose{kLon, kLat, 12000, 0, -90}, plain());
    const double surface = fx1.view->terrainHeight(kLon, kLat).value();
    const ModelData cube = box({300, 200, 300}, {0.9f, 0.75f, 0.1f, 1.0f});
    const glm::dmat4 m = modelToEcef(ModelPlacement{kLon, kLat, 0.0, 200.0, 0, 0, 0, 1.0}, surface, 1.0);
    const gpu::ModelHandle h1 = fx1.session->renderer().uploadModel(cube);
    const gpu::ModelHandle h4 = fx4.session->renderer().uploadModel(cube);

    // Translucent terrain over the body (depth pre-pass, then blended where the depth equals it,
    // per sample), and a cutaway facing the camera: as at 1x but for edges.
    const CameraPose south{kLon, kLat - 0.02, surface + 600.0, 0, -25};
    UndergroundView cut = underground(1.0);
    cut.cutawayOn = true;
    cut.cutaway = {kLon, kLat, 180.0};
    struct Case {
        const char* name;
        UndergroundView ug;
        bool wire;
    };
    for (const Case& c : {Case{"translucent", underground(0.5), false}, Case{"cutaway", cut, false},
                          Case{"wireframe", UndergroundView{}, true}}) {
        INFO(c.name);
        const Shot a = shoot(fx1, south, plain(), {{h1, m, 1.0f}}, c.ug, true, c.wire);
        const Shot b = shoot(fx4, south, plain(), {{h4, m, 1.0f}}, c.ug, true, c.wire);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_" + c.name + "_1x.png", a.rgba, kW, kH);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/msaa_" + c.name + "_4x.png", b.rgba, kW, kH);
        const ImageDiff d = compareImages(a.rgba, b.rgba, 24);
        INFO("1x vs 4x: mean abs " << d.meanAbs << ", fraction off by > 24: " << d.fractionOver);
        if (c.wire) {
            // One-pixel lines: at 4x a line covers parts of two pixels where at 1x it fills one,
            // so single pixels differ (measured: mean 11.6, 31 % by more than 24), but 4x4
            // blocks hold the same lines.
            const ImageDiff blocks = compareImages(blockMeans(a.rgba), blockMeans(b.rgba), 24);
            INFO("4x4 blocks: mean abs " << blocks.meanAbs << ", fraction off by > 24: " << blocks.fractionOver);
            CHECK(blocks.meanAbs < 5.0);  // measured 3.3
            CHECK(blocks.fractionOver < 0.03);
        } else {
            CHECK(d.meanAbs < 2.0);
            CHECK(d.fractionOver < 0.03);
        }
    }

    // A screenshot larger than the window: another target with the renderer's sample count
    // draws the same frame at twice the size; a target with another count is refused.
    const Camera cam = makeCamera(kView, kW, kH);
    fx4.view->settle({cam}, app::selectionParams(2.0, plain(), fx4.maxZoom));
    const std::vector<std::uint8_t> small = fx4.session->renderAndCapture(fx4.view->frame({cam}, plain()), nullptr);
    Camera big = cam;
    big.width = 2 * kW;
    big.height = 2 * kH;
    gpu::FrameDesc f = fx4.view->frame({big}, plain());
    gpu::OffscreenTarget shot(fx4.session->context(), VkExtent2D{2 * kW, 2 * kH}, fx4.session->target().samples());
    REQUIRE(shot.samples() == VK_SAMPLE_COUNT_4_BIT);
    shot.requestCapture();
    fx4.session->renderer().drawFrame(f, shot);
    fx4.session->renderer().waitIdle();
    const std::vector<std::uint8_t> large = shot.readColourRgba();
    std::vector<std::uint8_t> halved(small.size());
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int k = 0; k < 4; ++k)
                    sum += large[((std::size_t(2 * y + k / 2) * 2 * kW) + std::size_t(2 * x + k % 2)) * 4 + std::size_t(c)];
                halved[(std::size_t(y) * kW + std::size_t(x)) * 4 + std::size_t(c)] = std::uint8_t((sum + 2) / 4);
            }
    const ImageDiff d = compareImages(small, halved, 32);
    INFO("2x screenshot halved vs the view: mean abs " << d.meanAbs << ", fraction off by > 32: " << d.fractionOver);
    // Measured 3.5 and 0.006: the larger frame samples finer normal-map levels.
    CHECK(d.meanAbs < 5.0);
    CHECK(d.fractionOver < 0.03);
    gpu::OffscreenTarget single(fx4.session->context(), VkExtent2D{kW, kH}, 1);
    CHECK_THROWS_AS(fx4.session->renderer().drawFrame(f, single), gpu::GpuError);

    // 8x where the device lacks it: the nearest it has.
    gpu::OffscreenTarget eight(fx4.session->context(), VkExtent2D{16, 16}, 8);
    CHECK(eight.samples() ==
          VkSampleCountFlagBits(chooseSampleCount(8, fx4.session->context().multisampleCounts())));
    CHECK(fx1.validationMessages() == 0);
    CHECK(fx4.validationMessages() == 0);
}
