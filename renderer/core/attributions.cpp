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

}  // namespace plateau
