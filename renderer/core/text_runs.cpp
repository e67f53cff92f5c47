#include "core/text_runs.h"

namespace plateau {

namespace {
constexpr char32_t kReplacement = 0xFFFD;

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::vector<DecodedChar> decodeUtf8(std::string_view s) {
    std::vector<DecodedChar> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t need = 0;
        char32_t cp = 0, min = 0;
        if (c < 0x80) {
            out.push_back({c, i, 1});
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            need = 1, cp = c & 0x1Fu, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2, cp = c & 0x0Fu, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3, cp = c & 0x07u, min = 0x10000;
        } else {
            out.push_back({kReplacement, i, 1});
            ++i;
            continue;
        }
        bool good = i + need < s.size();  // the whole sequence is inside the text
        for (std::size_t k = 1; good && k <= need; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (!continuation(b)) good = false;
            else cp = (cp << 6) | (b & 0x3Fu);
        }
        // Overlong forms and surrogates are refused as the Unicode standard requires, so two
        // spellings of one name cannot look the same and differ in bytes.
        if (good && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) good = false;
        if (!good) {
            out.push_back({kReplacement, i, 1});
            ++i;
            continue;
        }
        out.push_back({cp, i, need + 1});
        i += need + 1;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

Script scriptOf(char32_t c) {
    if (c >= 0x0F00 && c <= 0x0FFF) return Script::Tibetan;
    // The CJK blocks a Chinese name or search may use: punctuation, kana, unified ideographs
    // and extension A, compatibility ideographs, fullwidth forms, extension B and later.
    if ((c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF))
        return Script::Han;
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c != 0xD7 && c != 0xF7 &&
                                                                              !(c >= 0x2000 && c <= 0x2BFF) && c != kReplacement);
    return letter ? Script::Latin : Script::Common;
}

std::vector<TextRun> splitScriptRuns(std::string_view utf8) {
    std::vector<TextRun> runs;
    for (const DecodedChar& d : decodeUtf8(utf8)) {
        const Script s = scriptOf(d.codepoint);
        if (runs.empty()) {
            runs.push_back({d.offset, d.offset + d.length, s});
        } else if (s == Script::Common || s == runs.back().script) {
            runs.back().end = d.offset + d.length;
        } else if (runs.back().script == Script::Common) {
            // Leading Common text takes the script of what follows it.
            runs.back().script = s;
            runs.back().end = d.offset + d.length;
        } else {
            runs.push_back({d.offset, d.offset + d.length, s});
        }
    }
    return runs;
}

}  // namespace plateau
