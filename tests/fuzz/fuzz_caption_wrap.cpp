// Captions come from path and tour files: any bytes must wrap without hanging or reading past the
// end, every line must fit (or be one codepoint), and nothing but spaces at breaks and newlines
// may be lost. The first byte picks the width; the rest is the text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/caption_layout.h"
#include "core/text_runs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const float width = float(data[0] % 64) * 5.0f;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto measure = [](std::string_view s) { return 10.0f * float(plateau::decodeUtf8(s).size()); };
    const std::vector<std::string> lines = plateau::wrapText(text, width, measure);
    std::string kept, original;
    for (const std::string& l : lines) {
        if (measure(l) > width && plateau::decodeUtf8(l).size() > 1) std::abort();
        for (char c : l)
            if (c != ' ' && c != '\n') kept += c;
    }
    for (char c : text)
        if (c != ' ' && c != '\n') original += c;
    if (kept != original) std::abort();
    return 0;
}
