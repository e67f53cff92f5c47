// UTF-8 decoding and script runs: the split that decides which text HarfBuzz shapes.
#include <catch2/catch.hpp>

#include <string>

#include "core/text_runs.h"

using namespace plateau;

namespace {
std::string piece(std::string_view s, const TextRun& r) { return std::string(s.substr(r.begin, r.end - r.begin)); }
}  // namespace

TEST_CASE("UTF-8 decodes Tibetan, Hanzi and Latin with byte offsets", "[text]") {
    const std::string s = "Aལྷ拉";  // A, U+0F63, U+0FB7, U+62C9
    const auto d = decodeUtf8(s);
    REQUIRE(d.size() == 4);
    CHECK(d[0].codepoint == U'A');
    CHECK(d[1].codepoint == 0x0F63);
    CHECK(d[1].offset == 1);
    CHECK(d[1].length == 3);
    CHECK(d[2].codepoint == 0x0FB7);
    CHECK(d[3].codepoint == 0x62C9);
    CHECK(d[3].offset == 7);
    const std::string astral = "\xF0\xA0\x80\x80";  // U+20000, CJK extension B
    REQUIRE(decodeUtf8(astral).size() == 1);
    CHECK(decodeUtf8(astral)[0].codepoint == 0x20000);
}

TEST_CASE("Bad UTF-8 gives one replacement per bad byte and never reads past the end", "[text]") {
    // Truncated 3-byte sequence, a lone continuation byte, an overlong '/', a surrogate.
    const std::string truncated = "a\xE0\xBD";
    const auto t = decodeUtf8(truncated);
    REQUIRE(t.size() == 3);
    CHECK(t[1].codepoint == 0xFFFD);
    CHECK(t[2].codepoint == 0xFFFD);
    CHECK(decodeUtf8("\x80")[0].codepoint == 0xFFFD);
    CHECK(decodeUtf8("\xC0\xAF").size() == 2);
    CHECK(decodeUtf8("\xC0\xAF")[0].codepoint == 0xFFFD);
    CHECK(decodeUtf8("\xED\xA0\x80")[0].codepoint == 0xFFFD);
    CHECK(decodeUtf8("\xF4\x90\x80\x80")[0].codepoint == 0xFFFD);  // past U+10FFFF
    CHECK(decodeUtf8("").empty());
}

TEST_CASE("appendUtf8 round-trips through decodeUtf8", "[text]") {
    std::string s;
    for (char32_t c : {char32_t(U'x'), char32_t(0xE9), char32_t(0x0F40), char32_t(0x9A71), char32_t(0x1F600)}) appendUtf8(s, c);
    const auto d = decodeUtf8(s);
    REQUIRE(d.size() == 5);
    CHECK(d[2].codepoint == 0x0F40);
    CHECK(d[3].codepoint == 0x9A71);
    CHECK(d[4].codepoint == 0x1F600);
    std::string bad;
    appendUtf8(bad, 0xD800);
    CHECK(decodeUtf8(bad)[0].codepoint == 0xFFFD);
}

TEST_CASE("Scripts of codepoints", "[text]") {
    CHECK(scriptOf(U'Q') == Script::Latin);
    CHECK(scriptOf(0xE9) == Script::Latin);
    CHECK(scriptOf(U' ') == Script::Common);
    CHECK(scriptOf(U'7') == Script::Common);
    CHECK(scriptOf(0x2019) == Script::Common);  // typographic apostrophe
    CHECK(scriptOf(0x0F0B) == Script::Tibetan);  // tsheg
    CHECK(scriptOf(0x0F90) == Script::Tibetan);  // subjoined ka
    CHECK(scriptOf(0x9A71) == Script::Han);
    CHECK(scriptOf(0x3002) == Script::Han);  // ideographic full stop
}

TEST_CASE("A mixed name splits into Latin, Han and Tibetan runs; spaces join the run before", "[text]") {
    const std::string s = "Qulong 驱龙 ཆུ་ལུང་";
    const auto runs = splitScriptRuns(s);
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].script == Script::Latin);
    CHECK(piece(s, runs[0]) == "Qulong ");
    CHECK(runs[1].script == Script::Han);
    CHECK(piece(s, runs[1]) == "驱龙 ");
    CHECK(runs[2].script == Script::Tibetan);
    CHECK(piece(s, runs[2]) == "ཆུ་ལུང་");
    CHECK(runs.back().end == s.size());
}

TEST_CASE("Leading common text joins the first script run; only-common text is one run", "[text]") {
    const std::string s = "(1) ལྷ་ས";
    const auto runs = splitScriptRuns(s);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].script == Script::Tibetan);
    CHECK(runs[0].begin == 0);
    const auto digits = splitScriptRuns("123 - 4");
    REQUIRE(digits.size() == 1);
    CHECK(digits[0].script == Script::Common);
    CHECK(splitScriptRuns("").empty());
}
