#pragma once
// Feature labels of the visible vector layers, placed for one frame: anchors on the displayed
// surface, projected to the screen, laid out without overlaps and hidden behind terrain using
// the depth of the last frame (core/label_layout.h). The window and `plateau render` draw the
// result in the ImGui pass.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "app/globe_view.h"
#include "ui/view_settings.h"

namespace plateau::app {

// Text size in pixels (width, height) for a label.
using MeasureText = std::function<std::pair<float, float>(const std::string&)>;

// True when a visible layer has labels to place.
bool hasLabels(const GlobeView& view);
// `depth`: the last frame's depth (reverse-Z), drawn with `frameCamera`; empty: no occlusion.
std::vector<ui::ScreenLabel> placeLabels(const GlobeView& view, const Camera& frameCamera, double time,
                                         double exaggeration, const std::vector<float>& depth,
                                         const MeasureText& measure);

}  // namespace plateau::app
