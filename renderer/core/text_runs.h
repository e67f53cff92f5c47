#pragma once
// Text as the shaper needs it: UTF-8 decoded into codepoints (bad bytes become U+FFFD instead of
// being dropped, so a broken name still shows where it is broken) and split into runs of one
// script. Names come from data files in any state, so this never throws or reads past the end.
//
// Why runs: Dear ImGui maps one codepoint to one glyph, which is right for Latin and Hanzi but
// wrong for Tibetan, whose consonant stacks need OpenType substitution and mark positioning.
// The text drawing sends Tibetan runs through HarfBuzz and the rest through ImGui.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plateau {

enum class Script {
    Common,   // spaces, digits, punctuation: take the script of the text around them
    Latin,    // Latin and any other script ImGui draws codepoint by codepoint
    Han,      // CJK ideographs, CJK punctuation, kana, fullwidth forms
    Tibetan,  // U+0F00..U+0FFF
};

struct DecodedChar {
    char32_t codepoint = 0;
    std::size_t offset = 0;  // byte offset of its first byte in the UTF-8 text
    std::size_t length = 0;  // bytes it used (1 for a bad byte)
};

// Every codepoint in order; overlong forms, surrogates, values past U+10FFFF and truncated
// sequences decode to U+FFFD, one per bad byte.
std::vector<DecodedChar> decodeUtf8(std::string_view utf8);
// Appends one codepoint as UTF-8 (U+FFFD for a value that is not a scalar value).
void appendUtf8(std::string& out, char32_t codepoint);

Script scriptOf(char32_t codepoint);

struct TextRun {
    std::size_t begin = 0, end = 0;  // byte range in the text
    Script script = Script::Common;
};

// Maximal runs of one script. Common characters join the run before them (a space between two
// Tibetan words stays in the Tibetan run), or the one after them at the start of the text; a
// text of only Common characters is one Common run. The runs cover the text without gaps.
std::vector<TextRun> splitScriptRuns(std::string_view utf8);

}  // namespace plateau
