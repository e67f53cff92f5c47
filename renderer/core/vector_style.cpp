#include "core/vector_style.h"

#include <algorithm>

namespace plateau {
namespace {

Colour darker(const Colour& c) { return {c[0] * 0.6f, c[1] * 0.6f, c[2] * 0.6f, 1.0f}; }

Colour mix(const Colour& a, const Colour& b, float t) {
    Colour c;
    for (std::size_t i = 0; i < 4; ++i) c[i] = a[i] + (b[i] - a[i]) * t;
    return c;
}

void applyColour(FeatureStyle& s, GeometryKind kind, const Colour& c) {
    if (kind == GeometryKind::Line) {
        s.stroke = c;
    } else {
        s.fill = c;
        s.stroke = darker(c);
    }
}

}  // namespace

FeatureStyle resolveStyle(const VectorStyle& style, const VectorData& data, const VectorFeature& feature) {
    FeatureStyle s;
    s.fill = style.fill;
    s.stroke = style.stroke;
    s.strokeWidthPx = style.strokeWidthPx;
    s.pointSizePx = style.pointSizePx;
    if (!style.categoryField.empty()) {
        const int f = data.fieldIndex(style.categoryField);
        if (f >= 0 && std::size_t(f) < feature.values.size() && !feature.values[std::size_t(f)].isNull) {
            const std::string& v = feature.values[std::size_t(f)].text;
            for (const auto& [name, colour] : style.categories)
                if (name == v) {
                    applyColour(s, feature.kind, colour);
                    break;
                }
        }
    }
    if (!style.numberField.empty() && (style.widthRange || style.colourRange)) {
        const int f = data.fieldIndex(style.numberField);
        if (f >= 0 && std::size_t(f) < feature.values.size() && feature.values[std::size_t(f)].number) {
            const double span = style.numberMax - style.numberMin;
            const double v = *feature.values[std::size_t(f)].number;
            const float t = span != 0 ? float(std::clamp((v - style.numberMin) / span, 0.0, 1.0)) : 0.0f;
            if (style.widthRange)
                s.strokeWidthPx = style.widthRange->first + (style.widthRange->second - style.widthRange->first) * t;
            if (style.colourRange) applyColour(s, feature.kind, mix(style.colourRange->first, style.colourRange->second, t));
        }
    }
    s.strokeWidthPx = std::max(s.strokeWidthPx, 0.0f);
    s.pointSizePx = std::max(s.pointSizePx, 0.0f);
    return s;
}

std::vector<FeatureStyle> resolveStyles(const VectorStyle& style, const VectorData& data) {
    std::vector<FeatureStyle> out;
    out.reserve(data.features.size());
    for (const auto& f : data.features) out.push_back(resolveStyle(style, data, f));
    return out;
}

}  // namespace plateau
