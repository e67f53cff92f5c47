#pragma once
// The credits a frame must show: the terrain's, then each visible layer's, in the scene's layer
// order, each once. A layer counts as visible when it is switched on and not fully transparent;
// an invisible layer's data is not in the picture, so its credit is not either.
#include <functional>
#include <string>
#include <vector>

#include "core/caption_layout.h"
#include "core/layer.h"

namespace plateau {

// `sourceAttribution` (may be empty) supplies the credit a layer's source declares (a TileJSON
// "attribution") for layers whose scene entry has none. A mine layer's legend (what is schematic,
// and from when) leads its credit, as it says what the shapes are. Blank credits are skipped and
// duplicates (after trimming spaces) shown once.
std::vector<std::string> visibleAttributions(
    const std::string& terrainAttribution, const std::vector<LayerDesc>& layers,
    const std::function<std::string(const LayerDesc&)>& sourceAttribution = {});

// The credits as lines no wider than `maxWidth`, at most `maxLines` of them. Each credit starts
// a line of its own when all fit so; otherwise (a small frame) they are shortened to their
// leading names ("Natural Earth 10m (public domain); rate: ..." -> "Natural Earth 10m"), shown
// once each, run together with " · ", and the last line ends in "…" when even that does not fit.
// Every source stays named as far as the room allows, and the credits never cover the picture.
std::vector<std::string> creditLines(const std::vector<std::string>& credits, float maxWidth, int maxLines,
                                     const MeasureFn& measure);

}  // namespace plateau
