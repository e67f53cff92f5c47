#pragma once
// A layer's VectorStyle resolved for one feature: categorical colours (`categoryField` and
// `categories`) and numeric ramps (`numberField` over [numberMin, numberMax] to `widthRange`
// and `colourRange`) applied to the feature's attributes. Colours are the layer's own, not
// multiplied by the layer opacity (the renderer applies that when it samples the texture).
#include <vector>

#include "core/layer.h"
#include "core/vector_data.h"

namespace plateau {

struct FeatureStyle {
    Colour fill{0, 0, 0, 0};
    Colour stroke{0, 0, 0, 0};
    float strokeWidthPx = 1.0f;  // lines and outlines, full width
    float pointSizePx = 6.0f;    // diameter of a point's disc
};

// The categorical or ramp colour replaces the fill of polygons and points (their outline gets
// a darker shade of it) and the stroke of lines. A feature whose field is null or has a value
// the style does not list keeps the base colours.
FeatureStyle resolveStyle(const VectorStyle& style, const VectorData& data, const VectorFeature& feature);
std::vector<FeatureStyle> resolveStyles(const VectorStyle& style, const VectorData& data);

}  // namespace plateau
