#include "core/caption_layout.h"

#include <algorithm>

#include "core/text_runs.h"

namespace plateau {

CaptionLayout captionLayout(float width, float height, float sizeFactor) {
    CaptionLayout l;
    const float h = std::max(height, 1.0f);
    const float w = std::max(width, 1.0f);
    // A title over an eighth of the frame leaves no picture: the factor is capped there.
    const float f = std::clamp(sizeFactor, 0.5f, (h / 8.0f) / (h / 18.0f));
    l.titlePx = std::max(14.0f, h / 18.0f * f);
    l.subtitlePx = std::max(12.0f, h / 27.0f * f);
    l.sourcePx = std::max(10.0f, h / 45.0f * f);
    l.infoPx = std::max(10.0f, h / 54.0f * f);
    l.datePx = std::max(12.0f, h / 30.0f * f);
    l.margin = std::max(6.0f, h * 0.035f);
    l.padding = std::max(4.0f, l.titlePx * 0.3f);
    l.lineGap = std::max(1.0f, l.titlePx * 0.12f);
    // On a landscape frame the band takes up to 60 % of the width (the picture stays the
    // subject); on a narrow one the whole width between the margins.
    const float across = w - 2.0f * l.margin;
    const float band = w > h ? std::max(across * 0.6f, std::min(across, 16.0f * l.titlePx)) : across;
    l.wrapWidth = std::max(1.0f, band - 2.0f * l.padding);
    // Below the band: the scale bar, the status box (title, data label, date, attributions).
    l.bandBottom = h - l.margin - 6.0f * l.infoPx;
    return l;
}

namespace {

bool isCjkPunctuation(char32_t c) {
    // Closing marks and stops that must not start a line: CJK symbols and punctuation, fullwidth forms.
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65);
}

// Can a line break before character i (i > 0)?
bool breakBefore(const std::vector<DecodedChar>& cs, std::size_t i) {
    const char32_t prev = cs[i - 1].codepoint, cur = cs[i].codepoint;
    if (prev == U' ' || prev == 0x0F0B || prev == 0x0F0D || prev == 0x0F0E) return true;
    if (isCjkPunctuation(cur)) return false;
    return scriptOf(cur) == Script::Han || (scriptOf(prev) == Script::Han && cur != U' ');
}

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

void wrapParagraph(std::string_view text, float maxWidth, const MeasureFn& measure, std::vector<std::string>& out) {
    const std::vector<DecodedChar> cs = decodeUtf8(text);
    std::size_t lineStart = 0;  // index into cs
    while (lineStart < cs.size()) {
        // The longest prefix from lineStart ending at a break opportunity that fits.
        std::size_t best = 0;   // end index (exclusive) of the best break found
        std::size_t end = cs.size();
        const auto bytes = [&](std::size_t a, std::size_t b) {
            const std::size_t from = cs[a].offset;
            const std::size_t to = b < cs.size() ? cs[b].offset : text.size();
            return text.substr(from, to - from);
        };
        if (measure(trimSpaces(bytes(lineStart, end))) <= maxWidth) {
            best = end;
        } else {
            for (std::size_t i = lineStart + 1; i < cs.size(); ++i) {
                if (!breakBefore(cs, i)) continue;
                if (measure(trimSpaces(bytes(lineStart, i))) > maxWidth) break;
                best = i;
            }
            if (best == 0) {
                // No break fits: as many codepoints as fit, at least one.
                best = lineStart + 1;
                while (best < cs.size() && measure(trimSpaces(bytes(lineStart, best + 1))) <= maxWidth) ++best;
            }
        }
        const std::string_view line = trimSpaces(bytes(lineStart, best));
        if (!line.empty()) out.emplace_back(line);
        lineStart = best;
        while (lineStart < cs.size() && cs[lineStart].codepoint == U' ') ++lineStart;
    }
}

}  // namespace

std::vector<std::string> wrapText(std::string_view utf8, float maxWidth, const MeasureFn& measure) {
    std::vector<std::string> out;
    if (!measure) {
        out.emplace_back(utf8);
        return out;
    }
    std::size_t from = 0;
    while (from <= utf8.size()) {
        const std::size_t nl = utf8.find('\n', from);
        const std::string_view para = utf8.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from);
        wrapParagraph(para, maxWidth, measure, out);
        if (nl == std::string_view::npos) break;
        from = nl + 1;
    }
    return out;
}

}  // namespace plateau
