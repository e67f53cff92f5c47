#pragma once
// One font face opened with FreeType and shaped with HarfBuzz: the text engine for scripts that
// Dear ImGui cannot draw codepoint by codepoint.
//
// Why HarfBuzz and FreeType (Debian's libharfbuzz-dev and libfreetype-dev): a Tibetan syllable
// such as བསྒྲུབས is a head letter with subjoined consonants and vowel signs that the font's
// OpenType tables (GSUB, GPOS, the "abvs"/"blws" features of HarfBuzz's Tibetan shaper) turn
// into stacked or precomposed glyphs with mark offsets. Writing that by hand means an OpenType
// layout engine; HarfBuzz is the one every desktop uses, and FreeType rasterises the same face
// it shapes with (hb-ft), so positions and bitmaps agree. No ImGui or Vulkan here.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/text_runs.h"

namespace plateau::ui {

struct ShapedGlyph {
    std::uint32_t glyph = 0;    // glyph id in the face (0 is .notdef, the tofu box)
    float x = 0, y = 0;         // where the glyph's origin goes, pixels from the run's origin on
                                // the baseline, y down (pen position plus HarfBuzz's offsets)
    std::uint32_t cluster = 0;  // byte offset in the text of the first codepoint it shows
};

struct ShapedRun {
    std::vector<ShapedGlyph> glyphs;
    float advance = 0;  // pen advance of the whole run, pixels
};

// A glyph's coverage bitmap (one byte a pixel, 0..255) and where it sits: its top-left is
// (left, top) from the glyph origin, y down. Empty (width or height 0) for blank glyphs.
struct GlyphBitmap {
    int width = 0, height = 0;
    int left = 0, top = 0;
    std::vector<std::uint8_t> coverage;
};

class TextShaper {
public:
    // `faceIndex` picks a face in a collection (.ttc); `pixelSize` is the em size in pixels.
    static Result<std::unique_ptr<TextShaper>> open(const std::string& path, int faceIndex, float pixelSize);
    ~TextShaper();
    TextShaper(const TextShaper&) = delete;
    TextShaper& operator=(const TextShaper&) = delete;

    // Shapes one run of one script (see core/text_runs.h) left to right. Tibetan is tagged
    // language "bo", Han "zh-Hans", so the font's language-specific forms apply.
    ShapedRun shape(std::string_view utf8, Script script) const;
    GlyphBitmap rasterise(std::uint32_t glyph) const;
    // The face's glyph for a codepoint; 0 when the font lacks it.
    std::uint32_t glyphFor(char32_t codepoint) const;
    std::uint32_t glyphCount() const;
    float pixelSize() const { return pixelSize_; }
    float ascender() const;   // pixels above the baseline, positive
    float descender() const;  // pixels below the baseline, positive
    const std::string& familyName() const { return family_; }

private:
    TextShaper() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    float pixelSize_ = 0;
    std::string family_;
};

}  // namespace plateau::ui
