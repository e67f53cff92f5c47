// The font atlas and shaped layout without a GPU: a headless ImGui context builds the atlas from
// the system fonts, and layouts are checked against HarfBuzz's glyphs and ImGui's font.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "core/text_runs.h"
#include "ui/fonts.h"
#include "ui/overlay.h"
#include "ui/text_draw.h"
#include "ui/text_shaper.h"

using namespace plateau;
using namespace plateau::ui;

namespace {

struct ImGuiContextGuard {
    ImGuiContextGuard() {
        ImGui::CreateContext();
        useFontFiles(findFontFiles());
    }
    ~ImGuiContextGuard() {
        useFontFiles(findFontFiles());
        ImGui::DestroyContext();
    }
};

int inkedGlyphs(std::string_view tibetan) {
    int n = 0;
    for (const ShapedGlyph& g : tibetanShaper()->shape(tibetan, Script::Tibetan).glyphs)
        n += tibetanShaper()->rasterise(g.glyph).width > 0 ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("Announced Hanzi and shaped Tibetan glyphs are in the atlas", "[text]") {
    ImGuiContextGuard ctx;
    addText("Lhasa ལྷ་ས 拉萨");
    addText("Zhunuo 朱诺 བྱང་ནོར");
    const auto warnings = buildFonts(FontOptions{});
    CHECK(warnings.empty());
    REQUIRE(tibetanShaper() != nullptr);
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (char32_t c : {U'拉', U'萨', U'朱', U'诺'}) CHECK(font->FindGlyphNoFallback(ImWchar(c)) != nullptr);
    // Without the common set, an ideograph nobody announced is not baked.
    CHECK(font->FindGlyphNoFallback(ImWchar(U'鑫')) == nullptr);
    for (const char* t : {"ལྷ་ས", "བྱང་ནོར"})
        for (const ShapedGlyph& g : tibetanShaper()->shape(t, Script::Tibetan).glyphs) CHECK(tibetanGlyph(g.glyph) != nullptr);
    CHECK_FALSE(fontsNeedRebuild());
    // The Tibetan letters are ImGui glyphs too (unshaped, for text typed into input fields).
    CHECK(font->FindGlyphNoFallback(ImWchar(0x0F40)) != nullptr);
}

TEST_CASE("A Tibetan layout has one quad per inked shaped glyph, fewer than its codepoints", "[text]") {
    ImGuiContextGuard ctx;
    const std::string word = "བསྒྲུབས";
    addText(word);
    buildFonts(FontOptions{});
    const TextLayout l = layoutText(word);
    CHECK(l.pieces.empty());
    CHECK(int(l.quads.size()) == inkedGlyphs(word));
    CHECK(l.quads.size() < decodeUtf8(word).size());
    // Every quad inside the measured box, which is as tall as the stack.
    for (const auto& q : l.quads) {
        CHECK(q.x0 >= 0.0f);
        CHECK(q.y0 >= 0.0f);
        CHECK(q.x1 <= l.width + 0.01f);
        CHECK(q.y1 <= l.height + 0.01f);
        CHECK(q.u1 > q.u0);
        CHECK(q.v1 > q.v0);
    }
    CHECK(l.height > ImGui::GetIO().Fonts->Fonts[0]->FontSize);
    const auto m = measureText(word);
    CHECK(m.first == Approx(l.width));
    CHECK(m.second == Approx(l.height));
}

TEST_CASE("A mixed name lays out Latin and Hanzi through ImGui and Tibetan as quads, left to right", "[text]") {
    ImGuiContextGuard ctx;
    const std::string name = "Qulong 驱龙 ཆུ་ལུང";
    addText(name);
    buildFonts(FontOptions{});
    const TextLayout l = layoutText(name);
    REQUIRE(l.pieces.size() == 2);
    CHECK(l.pieces[0].text == "Qulong ");
    CHECK(l.pieces[1].text == "驱龙 ");
    CHECK(l.pieces[1].x > l.pieces[0].x);
    REQUIRE_FALSE(l.quads.empty());
    const float hanziEnd = l.pieces[1].x + textSize("驱龙 ").x;
    for (const auto& q : l.quads) CHECK(q.x0 >= hanziEnd - 2.0f);
    CHECK(l.width == Approx(textSize("Qulong ").x + textSize("驱龙 ").x + textSize("ཆུ་ལུང").x).epsilon(0.05));
}

TEST_CASE("The text size scales the fonts; glyphs drawn but missing ask for a rebuild", "[text]") {
    ImGuiContextGuard ctx;
    buildFonts(FontOptions{});
    const float base = textSize("Shigatse").x;
    FontOptions big;
    big.textSizePercent = 200.0f;
    buildFonts(big);
    CHECK(textSize("Shigatse").x == Approx(2.0f * base).epsilon(0.12));
    CHECK(builtFontOptions().textSizePercent == 200.0f);
    // The window's refresh: same options and nothing missing is no rebuild; a new size is.
    CHECK_FALSE(refreshFonts(1.0f, 200.0f));
    CHECK(refreshFonts(1.0f, 150.0f));
    // A name that arrived without addText: laid out, its missing glyphs noted, baked on rebuild.
    const std::string late = "ཐུབ་བསྟན་ 图登";
    const TextLayout before = layoutText(late);
    CHECK(fontsNeedRebuild());
    CHECK(refreshFonts(1.0f, 150.0f));
    CHECK_FALSE(fontsNeedRebuild());
    const TextLayout after = layoutText(late);
    CHECK(after.quads.size() > before.quads.size());
    CHECK(int(after.quads.size()) == inkedGlyphs("ཐུབ་བསྟན་"));
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    CHECK(font->FindGlyphNoFallback(ImWchar(U'图')) != nullptr);
}

TEST_CASE("Missing fonts: one line each, Latin still drawn, other scripts fall back", "[text]") {
    ImGuiContextGuard ctx;
    FontFiles f = findFontFiles();
    f.tibetan = "/nonexistent/NotoSerifTibetan-Regular.ttf";
    f.cjk = "";
    useFontFiles(f);
    const auto warnings = buildFonts(FontOptions{});
    REQUIRE(warnings.size() == 2);
    for (const std::string& w : warnings) CHECK(w.find('\n') == std::string::npos);
    CHECK(warnings[1].find("/nonexistent/NotoSerifTibetan-Regular.ttf") != std::string::npos);
    CHECK(tibetanShaper() == nullptr);
    const TextLayout l = layoutText("Lhasa ལྷ་ས 拉萨");
    CHECK(l.quads.empty());
    CHECK(l.width > textSize("Lhasa ").x);
    // Nothing at all: ImGui's built-in font, three lines.
    useFontFiles(FontFiles{});
    CHECK(buildFonts(FontOptions{}).size() == 3);
    CHECK(textSize("Lhasa").x > 0.0f);
}

TEST_CASE("Only text with Tibetan needs the shaped drawing", "[text]") {
    CHECK(needsShaping("Lhasa ལྷ་ས"));
    CHECK_FALSE(needsShaping("Lhasa 拉萨"));
    CHECK_FALSE(needsShaping("Lakang\xE2\x80\x99" "e"));
    CHECK_FALSE(needsShaping(""));
}
