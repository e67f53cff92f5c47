// What the viewer draws into every frame over the picture (ui/frame_overlay.h), read back from
// real frames: the caption's band and text follow its fade, the scale bar's white length is the
// ground distance its label states, and Tibetan and Chinese captions draw their own glyphs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include <imgui.h>

#include "app/globe_view.h"
#include "core/caption_layout.h"
#include "core/frame_scale.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "gpu_test_support.h"
#include "ui/fonts.h"
#include "ui/text_draw.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;

namespace {

constexpr int kW = 640, kH = 360;

struct Rgb {
    int r, g, b;
};
Rgb at(const std::vector<std::uint8_t>& img, int x, int y) {
    const std::size_t i = (std::size_t(y) * kW + std::size_t(x)) * 4;
    return {img[i], img[i + 1], img[i + 2]};
}
bool white(Rgb c) { return c.r >= 245 && c.g >= 245 && c.b >= 245; }
// Caption letters on the band: the band darkens the picture under it to at most 95 (a 63 %
// black), so anything brighter than 160 there is text.
bool bright(Rgb c) { return c.r >= 160 && c.g >= 160 && c.b >= 160; }

// Pixels that differ by more than a few levels in any channel, inside or outside a box.
std::pair<int, int> differences(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b,
                                const ui::FrameOverlayDrawn::Box& box) {
    int inside = 0, outside = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            const Rgb p = at(a, x, y), q = at(b, x, y);
            const bool differs = std::abs(p.r - q.r) + std::abs(p.g - q.g) + std::abs(p.b - q.b) > 12;
            const bool in = float(x) + 0.5f >= box.x0 && float(x) + 0.5f <= box.x1 && float(y) + 0.5f >= box.y0 &&
                            float(y) + 0.5f <= box.y1;
            (in ? inside : outside) += differs ? 1 : 0;
        }
    return {inside, outside};
}

int brightIn(const std::vector<std::uint8_t>& img, const ui::FrameOverlayDrawn::Box& box) {
    int n = 0;
    for (int y = std::max(0, int(box.y0)); y < std::min(kH, int(box.y1)); ++y)
        for (int x = std::max(0, int(box.x0)); x < std::min(kW, int(box.x1)); ++x) n += bright(at(img, x, y)) ? 1 : 0;
    return n;
}

// The viewer with only the frame: no panel, no time bar.
void framesOnly(HeadlessViewer& hv) {
    hv.viewer->panel().settings.showPanel = false;
    hv.viewer->panel().showTimeBar = false;
}

int verticesWithUv(ImVec2 uv) {
    const ImDrawData* d = ImGui::GetDrawData();
    int n = 0;
    for (int i = 0; d && i < d->CmdListsCount; ++i)
        for (const ImDrawVert& v : d->CmdLists[i]->VtxBuffer) n += (v.uv.x == uv.x && v.uv.y == uv.y) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("frame overlay: the caption shows on its band with alpha 1 and not at all with alpha 0", "[frame_overlay]") {
    HeadlessViewer hv(kW, kH, CameraPose{91.12, 29.45, 60000.0, 0.0, -50.0});
    framesOnly(hv);
    const Caption caption{"Qulong copper mine", "Gangdese belt, Tibet", "Singer, Berger & Moring 2008"};
    hv.viewer->setCaption(caption, 0.0);
    CHECK_FALSE(hv.viewer->activeCaption());
    hv.settledFrame();
    // Refined tiles morph from their parents' shapes for 0.35 s: frames compared must not be mid-morph.
    for (int i = 0; i < 15; ++i) hv.frame();
    const auto hidden = hv.frame(true);
    CHECK(hv.viewer->frameOverlayDrawn().band.empty());

    hv.viewer->setCaption(caption, 1.0);
    const auto shown = hv.frame(true);
    const ui::FrameOverlayDrawn::Box band = hv.viewer->frameOverlayDrawn().band;
    REQUIRE_FALSE(band.empty());
    // From the left edge, below the top third, clear of the bottom strip and of the status box
    // (the default scene's seven credits make it tall at this size).
    const ui::FrameOverlayDrawn::Box status = hv.viewer->frameOverlayDrawn().status;
    CHECK(band.x0 == 0.0f);
    CHECK(band.y0 > float(kH) / 3.0f);
    CHECK(band.y1 < float(kH) - 20.0f);
    CHECK((band.y1 <= status.y0 || band.x1 <= status.x0));
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/frame_overlay_caption.png", shown, kW, kH);
    const auto [inside, outside] = differences(hidden, shown, band);
    const float area = (band.x1 - band.x0) * (band.y1 - band.y0);
    INFO("pixels changed inside the band " << inside << " of " << area << ", outside " << outside);
    CHECK(float(inside) > 0.9f * area);  // the band darkens the whole of it
    CHECK(outside < 50);                 // nothing else changed
    // The title's letters: bright pixels on the dark band.
    CHECK(brightIn(shown, band) > 100);

    // Half faded: band and text are drawn, both half transparent.
    hv.viewer->setCaption(caption, 0.5);
    const auto half = hv.frame(true);
    CHECK(float(differences(hidden, half, band).first) > 0.5f * area);
    CHECK(float(differences(shown, half, band).first) > 0.5f * area);

    // Through a flythrough, as the preview and the recorder show it: no caption at the segment's
    // start (faded out), the whole band in its middle.
    CameraPath path;
    Keyframe k;
    k.pose = CameraPose{91.12, 29.45, 60000.0, 0.0, -50.0};
    k.caption = caption;
    path.keys = {k, k};
    path.keys[1].caption = {};
    const PathSampler sampler(path);
    hv.viewer->applyPathSample(sampler.at(0.0));
    hv.frame();
    CHECK(hv.viewer->frameOverlayDrawn().band.empty());
    hv.viewer->applyPathSample(sampler.at(k.duration_s * 0.5));
    hv.frame();
    const ui::FrameOverlayDrawn::Box fromPath = hv.viewer->frameOverlayDrawn().band;
    CHECK(fromPath.x1 == Approx(band.x1));
    CHECK(fromPath.y0 == Approx(band.y0));
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("frame overlay: the scale bar's white length is the ground distance of its label", "[frame_overlay]") {
    // Looking down on the plateau north of Lhasa: rough ground, so the measure must use the terrain.
    HeadlessViewer hv(kW, kH, CameraPose{91.12, 29.75, 40000.0, 30.0, -75.0});
    framesOnly(hv);
    const auto img = hv.settledFrame();
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/frame_overlay_scale.png", img, kW, kH);
    const ui::FrameOverlayDrawn d = hv.viewer->frameOverlayDrawn();
    REQUIRE(d.barX1 > d.barX0);
    CHECK(d.bar.pixels >= 80.0);
    CHECK(d.bar.pixels <= 200.0);
    CHECK_THAT(double(d.barX1 - d.barX0), Catch::Matchers::WithinAbs(d.bar.pixels, 1e-3));
    CHECK(d.northRadius > 0.0f);
    // The white run along the bar's centre line in the image is the bar's length.
    const int y = int(d.barY);
    int x = int(d.barX0) + 2;
    REQUIRE(white(at(img, x, y)));
    int x0 = x, x1 = x;
    while (x0 > 0 && white(at(img, x0 - 1, y))) --x0;
    while (x1 < kW - 1 && white(at(img, x1 + 1, y))) ++x1;
    CHECK(std::abs(double(x1 - x0 + 1) - d.bar.pixels) <= 1.5);

    // Its label's length is the ground distance between the bar's ends, measured on its own row
    // at the bottom centre from the frame's depth (what picking sees, not what the bar computed).
    const double exaggeration = hv.viewer->panel().settings.shading.exaggeration;
    Camera cam = withNearPlane(hv.viewer->camera(), hv.viewer->view().store(), exaggeration);
    const gpu::DepthImage depth = hv.session->target().readDepth();
    REQUIRE(int(depth.width) == kW);
    const int row = kH - 18;  // where the bar's scale is measured (ui::measureScaleAndNorth)
    const double half = d.bar.pixels * 0.5;
    const auto a = pickSurface(cam, depth.values, int(std::lround(kW * 0.5 - half)), row, exaggeration);
    const auto b = pickSurface(cam, depth.values, int(std::lround(kW * 0.5 + half)), row, exaggeration);
    REQUIRE(a);
    REQUIRE(b);
    const double ground = glm::length(b->ecef - a->ecef);
    INFO("bar " << d.bar.label << " over " << d.bar.pixels << " px; depth says " << ground << " m");
    CHECK(ground == Approx(d.bar.metres).epsilon(0.08));
    CHECK(d.bar.label == formatScaleLength(d.bar.metres));

    // The View section's checkboxes take them out of the frame.
    hv.viewer->panel().settings.scaleBar = false;
    hv.viewer->panel().settings.northArrow = false;
    hv.frame();
    CHECK(hv.viewer->frameOverlayDrawn().barX1 == 0.0f);
    CHECK(hv.viewer->frameOverlayDrawn().northRadius == 0.0f);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("frame overlay: Tibetan and Chinese captions draw their glyphs, not boxes", "[frame_overlay]") {
    HeadlessViewer hv(kW, kH, CameraPose{91.12, 29.45, 60000.0, 0.0, -50.0});
    framesOnly(hv);
    hv.settledFrame();
    REQUIRE(ui::tibetanShaper());  // fonts-noto-core is installed by tools/setup.sh
    const std::string tibetan = "བོད་ལྗོངས་ཀྱི་ཟངས་";  // Tibet's copper
    const std::string hanzi = "青藏高原铜矿带";
    hv.viewer->setCaption(Caption{tibetan, hanzi, "Noto Serif Tibetan, Noto Sans CJK"}, 1.0);
    // The glyphs are baked before the first frame that shows the caption: this very frame.
    const auto img = hv.frame(true);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/frame_overlay_scripts.png", img, kW, kH);
    const ui::FrameOverlayDrawn::Box band = hv.viewer->frameOverlayDrawn().band;
    REQUIRE_FALSE(band.empty());
    CHECK(brightIn(img, band) > 100);

    // The title's shaped glyphs: several distinct ones (a box would be one shape repeated), none
    // of them the font's .notdef, and every one drawn in this frame.
    const float titlePx = captionLayout(float(kW), float(kH)).titlePx;
    const ui::TextLayout layout = ui::layoutText(tibetan, titlePx);
    REQUIRE(layout.quads.size() >= 8);
    const ui::AtlasGlyph* notdef = ui::tibetanGlyph(0);
    std::set<std::pair<float, float>> shapes;
    for (const ui::TextLayout::Quad& q : layout.quads) {
        if (notdef && notdef->width > 0.0f) CHECK_FALSE((q.u0 == notdef->u0 && q.v0 == notdef->v0));
        shapes.insert({q.u0, q.v0});
        CHECK(verticesWithUv(ImVec2(q.u0, q.v0)) > 0);
    }
    CHECK(shapes.size() >= 6);
    // The Hanzi are in the atlas (not '?') and drawn.
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (const char32_t c : {U'青', U'藏', U'铜'}) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(ImWchar(c));
        REQUIRE(g);
        CHECK(verticesWithUv(ImVec2(g->U0, g->V0)) > 0);
    }
    CHECK(hv.validationMessages() == 0);
}
