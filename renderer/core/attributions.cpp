#include "core/attributions.h"

#include <algorithm>

namespace plateau {

namespace {
std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}
// The leading name of a credit: up to its first parenthesis, semicolon or comma.
std::string shortCredit(const std::string& credit) {
    const auto cut = credit.find_first_of("(;,");
    return trimmed(cut == std::string::npos ? credit : credit.substr(0, cut));
}
}  // namespace

std::vector<std::string> visibleAttributions(const std::string& terrainAttribution, const std::vector<LayerDesc>& layers,
                                             const std::function<std::string(const LayerDesc&)>& sourceAttribution) {
    std::vector<std::string> out;
    const auto add = [&](const std::string& text) {
        const std::string t = trimmed(text);
        if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    };
    add(terrainAttribution);
    for (const LayerDesc& l : layers) {
        if (!l.visible || !(l.opacity > 0.0)) continue;
        std::string a = trimmed(l.attribution);
        if (a.empty() && sourceAttribution) a = trimmed(sourceAttribution(l));
        if (l.type == LayerType::Mine && !trimmed(l.legend).empty())
            a = a.empty() ? trimmed(l.legend) : trimmed(l.legend) + "; " + a;
        add(a);
    }
    return out;
}

std::vector<std::string> creditLines(const std::vector<std::string>& credits, float maxWidth, int maxLines,
                                     const MeasureFn& measure) {
    std::vector<std::string> lines;
    if (credits.empty() || maxLines <= 0) return lines;
    for (const std::string& c : credits)
        for (std::string& l : wrapText(c, maxWidth, measure)) lines.push_back(std::move(l));
    if (int(lines.size()) <= maxLines) return lines;

    std::vector<std::string> names;
    for (const std::string& c : credits) {
        const std::string n = shortCredit(c);
        if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    std::string joined;
    for (const std::string& n : names) joined += (joined.empty() ? "" : " \u00b7 ") + n;
    lines = wrapText(joined, maxWidth, measure);
    if (int(lines.size()) <= maxLines) return lines;
    lines.resize(std::size_t(maxLines));
    // The last line kept ends in an ellipsis that fits: drop whole codepoints until it does.
    std::string& last = lines.back();
    const std::string ellipsis = "\u2026";
    while (!last.empty() && measure(last + ellipsis) > maxWidth) {
        std::size_t n = last.size() - 1;
        while (n > 0 && (static_cast<unsigned char>(last[n]) & 0xC0) == 0x80) --n;
        last.resize(n);
    }
    while (!last.empty() && last.back() == ' ') last.pop_back();
    last += ellipsis;
    return lines;
}

}  // namespace plateau
