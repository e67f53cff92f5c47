// Names in Tibetan and Chinese script drawn offscreen through the program's ImGui pass: the
// expected number of glyphs is drawn (HarfBuzz's count for Tibetan, fewer than the codepoints),
// no glyph is a tofu box or ImGui's '?' fallback, and the ink fits in the measured size. The
// fonts are rebuilt at a new scale first, so the texture re-upload is covered (validation on).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <imgui.h>

#include "app/offscreen_session.h"
#include "core/camera.h"
#include "core/text_runs.h"
#include "gpu_test_support.h"
#include "ui/fonts.h"
#include "ui/overlay.h"
#include "ui/text_draw.h"
#include "ui/text_shaper.h"

using namespace plateau;
using namespace plateau::test;

namespace {

constexpr int kW = 320, kH = 180;
const char* const kTibetan = "ཡར་ཀླུངས་གཙང་པོ";  // Yarlung Tsangpo: stacks kla, and a tsheg between syllables
const char* const kHanzi = "雅鲁藏布江";          // the same river; no box-like characters
const char* const kNotdef = "\xE0\xBF\xBF";       // U+0FFF is unassigned: the Tibetan font's .notdef box
const char* const kFallback = "\xEE\x80\x80";     // U+E000, private use, in no font: ImGui's fallback glyph

struct Cell {
    int x0, y0, x1, y1;
};

struct Mask {
    int w = 0, h = 0;
    std::vector<std::uint8_t> on;
    int count() const { return int(std::count(on.begin(), on.end(), 1)); }
};

bool inked(const std::vector<std::uint8_t>& rgba, int x, int y) {
    if (x < 0 || y < 0 || x >= kW || y >= kH) return false;
    const std::uint8_t* p = &rgba[(std::size_t(y) * kW + std::size_t(x)) * 4];
    return std::max({p[0], p[1], p[2]}) > 96;
}

// The ink inside a cell, cropped to its bounding box.
Mask inkMask(const std::vector<std::uint8_t>& rgba, const Cell& c) {
    int bx0 = c.x1, by0 = c.y1, bx1 = c.x0 - 1, by1 = c.y0 - 1;
    for (int y = c.y0; y < c.y1; ++y)
        for (int x = c.x0; x < c.x1; ++x)
            if (inked(rgba, x, y)) bx0 = std::min(bx0, x), by0 = std::min(by0, y), bx1 = std::max(bx1, x), by1 = std::max(by1, y);
    Mask m;
    if (bx1 < bx0) return m;
    m.w = bx1 - bx0 + 1;
    m.h = by1 - by0 + 1;
    m.on.resize(std::size_t(m.w * m.h));
    for (int y = 0; y < m.h; ++y)
        for (int x = 0; x < m.w; ++x) m.on[std::size_t(y * m.w + x)] = inked(rgba, bx0 + x, by0 + y) ? 1 : 0;
    return m;
}

// How much a glyph looks like a box: the least inked of the four edges of its ink (0..1). A
// rectangle outline scores about 1, but so does a solid dot (the tsheg).
double boxness(const Mask& m) {
    if (m.w < 3 || m.h < 3) return 1.0;
    auto frac = [&](int x0, int y0, int dx, int dy, int n) {
        int on = 0;
        for (int i = 0; i < n; ++i) {
            // An edge may be two pixels thick after filtering.
            const int x = x0 + dx * i, y = y0 + dy * i;
            const int ix = dy ? (x0 == 0 ? 1 : -1) : 0, iy = dx ? (y0 == 0 ? 1 : -1) : 0;
            on += (m.on[std::size_t(y * m.w + x)] || m.on[std::size_t((y + iy) * m.w + (x + ix))]) ? 1 : 0;
        }
        return double(on) / n;
    };
    return std::min({frac(0, 0, 1, 0, m.w), frac(0, m.h - 1, 1, 0, m.w), frac(0, 0, 0, 1, m.h), frac(m.w - 1, 0, 0, 1, m.h)});
}

// A tofu box: a rectangle outline of a letter's size, its inside empty.
bool looksLikeTofu(const Mask& m) {
    if (m.w < 5 || m.h < 5 || boxness(m) < 0.9) return false;
    int inner = 0, innerOn = 0;
    for (int y = 2; y < m.h - 2; ++y)
        for (int x = 2; x < m.w - 2; ++x) ++inner, innerOn += m.on[std::size_t(y * m.w + x)];
    return inner > 0 && innerOn < inner / 4;
}

// Fraction of pixels that differ between two masks aligned at their top-left (0: the same glyph).
double difference(const Mask& a, const Mask& b) {
    const int w = std::max(a.w, b.w), h = std::max(a.h, b.h);
    int diff = 0, any = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const bool pa = x < a.w && y < a.h && a.on[std::size_t(y * a.w + x)];
            const bool pb = x < b.w && y < b.h && b.on[std::size_t(y * b.w + x)];
            diff += pa != pb;
            any += pa || pb;
        }
    return any ? double(diff) / any : 0.0;
}

struct Drawn {
    ImVec2 pos;
    ui::TextLayout layout;
    int quadsDrawn = 0;      // shaped glyph quads appended to the draw list
    int verticesDrawn = 0;   // all vertices appended (ImGui's text: 4 per visible glyph)
    std::vector<Cell> cells; // one per glyph, in screen pixels
};

Cell cellOf(float x0, float y0, float x1, float y1) {
    return {int(std::floor(x0)), int(std::floor(y0)), int(std::ceil(x1)), int(std::ceil(y1))};
}

Drawn drawShaped(const char* text, ImVec2 pos) {
    Drawn d;
    d.pos = pos;
    d.layout = ui::layoutText(text);
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const int before = dl->VtxBuffer.Size;
    ui::drawLayout(dl, pos, IM_COL32(255, 255, 255, 255), d.layout);
    d.verticesDrawn = dl->VtxBuffer.Size - before;
    d.quadsDrawn = int(d.layout.quads.size());
    for (const auto& q : d.layout.quads) d.cells.push_back(cellOf(pos.x + q.x0, pos.y + q.y0, pos.x + q.x1, pos.y + q.y1));
    // Glyphs ImGui draws: their boxes from the font, as ImGui's AddText places them.
    ImFont* font = ImGui::GetFont();
    const float s = ImGui::GetFontSize() / font->FontSize;
    for (const auto& p : d.layout.pieces) {
        float pen = pos.x + p.x;
        for (const DecodedChar& c : decodeUtf8(p.text)) {
            const ImFontGlyph* g = font->FindGlyph(ImWchar(c.codepoint));
            if (g->Visible) d.cells.push_back(cellOf(pen + g->X0 * s, pos.y + p.y + g->Y0 * s, pen + g->X1 * s, pos.y + p.y + g->Y1 * s));
            pen += g->AdvanceX * s;
        }
    }
    return d;
}

}  // namespace

TEST_CASE("Tibetan and Chinese labels render shaped, with their glyph counts and no tofu", "[text][gpu]") {
    app::OffscreenOptions o;
    o.width = kW;
    o.height = kH;
    o.validation = true;
    app::OffscreenSession session(o);
    ui::addText(kTibetan);
    ui::addText(kHanzi);
    session.ensureImGui();
    const float smallWidth = ui::textSize(kTibetan).x;
    // A larger text size between frames: the atlas is rebuilt and uploaded again.
    const auto warnings = ui::applyUiScale(1.5f);
    CHECK(warnings.empty());
    session.renderer().rebuildImGuiFonts();
    CHECK(ui::textSize(kTibetan).x > 1.7f * smallWidth);
    REQUIRE(ui::tibetanShaper() != nullptr);

    Drawn tib, han, notdef, fallback;
    gpu::FrameDesc frame;
    frame.camera = makeCamera(CameraPose{91.0, 29.5, 500000.0, 0.0, -90.0}, kW, kH);
    frame.drawSky = false;
    const auto rgba = session.renderAndCapture(frame, nullptr, nullptr, [&] {
        tib = drawShaped(kTibetan, ImVec2(10, 10));
        han = drawShaped(kHanzi, ImVec2(10, 100));
        notdef = drawShaped(kNotdef, ImVec2(260, 10));
        fallback = drawShaped(kFallback, ImVec2(260, 100));
    });
    std::filesystem::create_directories(PLATEAU_TEST_OUTPUT);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/text_labels.png", rgba, kW, kH);
    CHECK(session.context().validationMessageCount() == 0);

    // Tibetan: one quad per inked glyph HarfBuzz gives with this font, fewer than the codepoints.
    const ui::ShapedRun shaped = ui::tibetanShaper()->shape(kTibetan, Script::Tibetan);
    int inkedGlyphs = 0;
    for (const auto& g : shaped.glyphs) {
        CHECK(g.glyph != 0);
        inkedGlyphs += ui::tibetanShaper()->rasterise(g.glyph).width > 0 ? 1 : 0;
    }
    const int codepoints = int(decodeUtf8(kTibetan).size());
    INFO("Tibetan: " << codepoints << " codepoints, " << shaped.glyphs.size() << " glyphs, " << inkedGlyphs << " inked");
    CHECK(int(shaped.glyphs.size()) < codepoints);
    CHECK(tib.quadsDrawn == inkedGlyphs);
    CHECK(tib.verticesDrawn == 4 * inkedGlyphs);
    // Chinese: ImGui's path, four vertices per ideograph.
    CHECK(han.verticesDrawn == 4 * int(decodeUtf8(kHanzi).size()));
    CHECK(han.quadsDrawn == 0);

    // The references look like what they are: the .notdef box is a rectangle outline.
    REQUIRE(notdef.cells.size() == 1);
    const Mask box = inkMask(rgba, notdef.cells[0]);
    CHECK(looksLikeTofu(box));
    REQUIRE(fallback.cells.size() == 1);
    const Mask question = inkMask(rgba, fallback.cells[0]);
    REQUIRE(question.count() > 5);
    for (const Cell& c : tib.cells) {
        const Mask m = inkMask(rgba, c);
        INFO("Tibetan glyph cell at " << c.x0 << "," << c.y0);
        CHECK(m.count() > 3);
        CHECK_FALSE(looksLikeTofu(m));
        CHECK(difference(m, box) > 0.3);
    }
    for (const Cell& c : han.cells) {
        const Mask m = inkMask(rgba, c);
        INFO("Hanzi cell at " << c.x0 << "," << c.y0);
        CHECK(m.count() > 10);
        CHECK_FALSE(looksLikeTofu(m));
        CHECK(difference(m, question) > 0.3);
    }

    // All ink lies inside the measured boxes (one pixel of filtering allowed).
    auto inside = [&](int px, int py) {
        const float x = float(px), y = float(py);
        for (const Drawn* d : {&tib, &han, &notdef, &fallback})
            if (x >= d->pos.x - 1.0f && y >= d->pos.y - 1.0f && x <= d->pos.x + d->layout.width + 1.0f &&
                y <= d->pos.y + d->layout.height + 1.0f)
                return true;
        return false;
    };
    int outside = 0, total = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            if (inked(rgba, x, y)) ++total, outside += inside(x, y) ? 0 : 1;
    CHECK(total > 200);
    CHECK(outside == 0);
    // Measuring agrees with the layout that was drawn.
    const auto measured = ui::measureText(kTibetan);
    CHECK(measured.first == Approx(tib.layout.width));
    CHECK(measured.second == Approx(tib.layout.height));
}

TEST_CASE("Text the atlas lacked is baked between the two frames of an offscreen render", "[text][gpu]") {
    app::OffscreenOptions o;
    o.width = kW;
    o.height = kH;
    o.validation = true;
    app::OffscreenSession session(o);
    session.ensureImGui();
    // Never announced with addText: the first frame finds its glyphs missing.
    const char* const greeting = "བཀྲ་ཤིས་བདེ་ལེགས། 扎西德勒";
    gpu::FrameDesc frame;
    frame.camera = makeCamera(CameraPose{91.0, 29.5, 500000.0, 0.0, -90.0}, kW, kH);
    frame.drawSky = false;
    std::vector<Drawn> frames;
    const auto rgba = session.renderAndCapture(frame, nullptr, nullptr, [&] { frames.push_back(drawShaped(greeting, ImVec2(10, 60))); });
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/text_late_glyphs.png", rgba, kW, kH);
    CHECK(session.context().validationMessageCount() == 0);
    REQUIRE(frames.size() == 2);
    REQUIRE(ui::tibetanShaper() != nullptr);
    const std::string tibetan = "བཀྲ་ཤིས་བདེ་ལེགས།";
    int inkedGlyphs = 0;
    for (const auto& g : ui::tibetanShaper()->shape(tibetan, Script::Tibetan).glyphs)
        inkedGlyphs += ui::tibetanShaper()->rasterise(g.glyph).width > 0 ? 1 : 0;
    CHECK(frames[1].quadsDrawn == inkedGlyphs);
    CHECK(frames[0].quadsDrawn < frames[1].quadsDrawn);
    CHECK_FALSE(ui::fontsNeedRebuild());
    // The Hanzi are real glyphs in the second frame, not the fallback.
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (char32_t c : {U'扎', U'西', U'德', U'勒'}) CHECK(font->FindGlyphNoFallback(ImWchar(c)) != nullptr);
    for (const Cell& c : frames[1].cells) CHECK_FALSE(looksLikeTofu(inkMask(rgba, c)));
}
