// Shaping with HarfBuzz and FreeType on Debian's Noto fonts: Tibetan stacks become fewer glyphs
// than codepoints, stacked and placed where the font says, and the gazetteer's names in Tibetan
// and Chinese script all have real glyphs (no .notdef boxes).
#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>

#include "core/text_runs.h"
#include "ui/fonts.h"
#include "ui/text_shaper.h"

using namespace plateau;
using namespace plateau::ui;

namespace {

// Names of the kind the gazetteer and the deposit catalogue carry.
const char* const kTibetanNames[] = {
    "ལྷ་ས",             // Lhasa
    "གཞིས་ཀ་རྩེ",         // Shigatse
    "ཉིང་ཁྲི",           // Nyingchi
    "ཡར་ཀླུངས་གཙང་པོ",    // Yarlung Tsangpo
    "གནམ་མཚོ",          // Namtso
    "རྫོང",             // dzong
    "བསྒྲུབས",           // a syllable with a three-letter stack
};
const char* const kHanziNames[] = {"拉萨", "日喀则", "林芝", "雅鲁藏布江", "纳木错", "驱龙", "甲玛", "雄村"};

std::unique_ptr<TextShaper> openTibetan(float px = 20.0f) {
    const FontFiles f = findFontFiles();
    REQUIRE_FALSE(f.tibetan.empty());
    auto s = TextShaper::open(f.tibetan, 0, px);
    REQUIRE(s.ok());
    return std::move(*s);
}

std::size_t codepoints(std::string_view s) { return decodeUtf8(s).size(); }

struct Ink {
    int top = INT_MAX, bottom = INT_MIN;
};
Ink inkOf(const TextShaper& t, const ShapedRun& run) {
    Ink ink;
    for (const ShapedGlyph& g : run.glyphs) {
        const GlyphBitmap b = t.rasterise(g.glyph);
        if (b.width == 0) continue;
        ink.top = std::min(ink.top, int(std::lround(g.y)) + b.top);
        ink.bottom = std::max(ink.bottom, int(std::lround(g.y)) + b.top + b.height);
    }
    return ink;
}

}  // namespace

TEST_CASE("The fonts are found, and the CJK collection's Simplified Chinese face", "[text]") {
    const FontFiles f = findFontFiles();
    CHECK_FALSE(f.latin.empty());
    REQUIRE_FALSE(f.cjk.empty());
    CHECK_FALSE(f.tibetan.empty());
    // fc-query lists JP, KR, SC, TC, HK: SC is the third face.
    CHECK(collectionFace(f.cjk, "SC") == 2);
    CHECK(f.cjkFace == 2);
    CHECK(collectionFace(f.cjk, "XX") == -1);
    auto cjk = TextShaper::open(f.cjk, f.cjkFace, 16.0f);
    REQUIRE(cjk.ok());
    CHECK((*cjk)->familyName() == "Noto Sans CJK SC");
}

TEST_CASE("A Tibetan stack shapes to fewer glyphs than codepoints, with no .notdef", "[text]") {
    auto t = openTibetan();
    const std::string word = "བསྒྲུབས";  // ba sa (ga-ra-u stacked) ba sa: 7 codepoints
    REQUIRE(codepoints(word) == 7);
    const ShapedRun run = t->shape(word, Script::Tibetan);
    INFO("glyphs: " << run.glyphs.size());
    CHECK(run.glyphs.size() < 7);
    CHECK(run.glyphs.size() >= 4);  // at least ba, sa, the stack, ba, sa minus merged parts
    for (const ShapedGlyph& g : run.glyphs) CHECK(g.glyph != 0);
    CHECK(run.advance > 0.0f);
    // Clusters point into the text, in order.
    for (std::size_t i = 1; i < run.glyphs.size(); ++i) CHECK(run.glyphs[i].cluster >= run.glyphs[i - 1].cluster);
    CHECK(run.glyphs.back().cluster < word.size());
}

TEST_CASE("A subjoined letter stacks below its head letter instead of following it", "[text]") {
    auto t = openTibetan();
    const ShapedRun sa = t->shape("ས", Script::Tibetan);
    const ShapedRun ka = t->shape("ཀ", Script::Tibetan);
    const ShapedRun ska = t->shape("སྐ", Script::Tibetan);  // sa + subjoined ka
    // Not side by side: the stack advances about as far as the head letter alone.
    CHECK(ska.advance < sa.advance + 0.5f * ka.advance);
    // And it is taller: the subjoined letter's ink reaches further below (Noto Serif Tibetan
    // has a precomposed glyph for this stack; others stack two glyphs with an offset).
    CHECK(inkOf(*t, ska).bottom > inkOf(*t, sa).bottom + 4);
    // The vowel sign o of rdzo is a mark glyph that GPOS moves over the stack.
    const ShapedRun rdzo = t->shape("རྫོ", Script::Tibetan);
    REQUIRE(rdzo.glyphs.size() == 2);
    CHECK(rdzo.glyphs[1].x < rdzo.glyphs[0].x + 0.5f * rdzo.advance);
    CHECK(inkOf(*t, rdzo).top < inkOf(*t, sa).top - 2);
    // Vowel sign i sits above the letter.
    const ShapedRun ki = t->shape("ཀི", Script::Tibetan);
    CHECK(ki.advance < ka.advance + 1.0f);
    CHECK(inkOf(*t, ki).top < inkOf(*t, ka).top - 2);
}

TEST_CASE("Gazetteer names in Tibetan and Chinese script have real glyphs", "[text]") {
    auto t = openTibetan();
    for (const char* name : kTibetanNames) {
        INFO(name);
        const ShapedRun run = t->shape(name, Script::Tibetan);
        CHECK(run.glyphs.size() <= codepoints(name));
        CHECK_FALSE(run.glyphs.empty());
        for (const ShapedGlyph& g : run.glyphs) CHECK(g.glyph != 0);
    }
    const FontFiles f = findFontFiles();
    auto cjk = TextShaper::open(f.cjk, f.cjkFace, 16.0f);
    REQUIRE(cjk.ok());
    for (const char* name : kHanziNames) {
        INFO(name);
        const ShapedRun run = (*cjk)->shape(name, Script::Han);
        CHECK(run.glyphs.size() == codepoints(name));  // ideographs map one to one
        for (const ShapedGlyph& g : run.glyphs) CHECK(g.glyph != 0);
    }
}

TEST_CASE("A codepoint the font lacks shapes to .notdef, the box the drawing must avoid", "[text]") {
    auto t = openTibetan();
    const ShapedRun run = t->shape("\xE0\xBF\xBF", Script::Tibetan);  // U+0FFF, unassigned
    REQUIRE(run.glyphs.size() == 1);
    CHECK(run.glyphs[0].glyph == 0);
    CHECK(t->glyphFor(0x0FFF) == 0);
    CHECK(t->glyphFor(0x0F40) != 0);
    // .notdef has ink (a box), a space has none.
    CHECK(t->rasterise(0).width > 0);
    CHECK(t->rasterise(t->glyphFor(U' ')).width == 0);
}

TEST_CASE("Glyph bitmaps scale with the pixel size", "[text]") {
    auto small = openTibetan(12.0f);
    auto large = openTibetan(36.0f);
    const GlyphBitmap a = small->rasterise(small->glyphFor(0x0F40));
    const GlyphBitmap b = large->rasterise(large->glyphFor(0x0F40));
    REQUIRE(a.width > 0);
    CHECK(b.height > 2 * a.height);
    CHECK(std::count_if(b.coverage.begin(), b.coverage.end(), [](std::uint8_t c) { return c > 128; }) > 20);
    CHECK(a.top < 0);  // above the baseline
}

TEST_CASE("A missing or broken font file is one error naming the file", "[text]") {
    auto missing = TextShaper::open("/nonexistent/font.ttf", 0, 16.0f);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/nonexistent/font.ttf") != std::string::npos);
    CHECK(missing.error().message.find('\n') == std::string::npos);
    const auto junk = std::filesystem::temp_directory_path() / "plateau-not-a-font.ttf";
    std::ofstream(junk) << "this is not a font";
    auto broken = TextShaper::open(junk.string(), 0, 16.0f);
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().message.find(junk.string()) != std::string::npos);
    std::filesystem::remove(junk);
    const FontFiles f = findFontFiles();
    CHECK_FALSE(TextShaper::open(f.tibetan, 0, 0.0f).ok());
    CHECK_FALSE(TextShaper::open(f.cjk, 99, 16.0f).ok());
}
