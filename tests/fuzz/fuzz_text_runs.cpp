// Names reach the text drawing from data files in any encoding state: any bytes must decode
// without reading past the end, into runs that cover the text in order, and re-encode to text
// that decodes to the same codepoints.
#include <cstdint>
#include <string>

#include "core/text_runs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto chars = plateau::decodeUtf8(text);
    std::size_t next = 0;
    std::string again;
    for (const auto& c : chars) {
        if (c.offset != next || c.length == 0 || c.length > 4 || c.codepoint > 0x10FFFF) __builtin_trap();
        next = c.offset + c.length;
        plateau::appendUtf8(again, c.codepoint);
    }
    if (next != text.size()) __builtin_trap();
    const auto back = plateau::decodeUtf8(again);
    if (back.size() != chars.size()) __builtin_trap();
    for (std::size_t i = 0; i < back.size(); ++i)
        if (back[i].codepoint != chars[i].codepoint) __builtin_trap();
    std::size_t at = 0;
    for (const auto& r : plateau::splitScriptRuns(text)) {
        if (r.begin != at || r.end <= r.begin) __builtin_trap();
        at = r.end;
    }
    if (at != text.size()) __builtin_trap();
    return 0;
}
