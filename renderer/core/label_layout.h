#pragma once
// Which labels to show: screen-space boxes that never overlap, most important first, and none
// whose anchor is hidden behind terrain (judged from the depth buffer of the last frame, so a
// label behind a ridge disappears instead of floating over it).
#include <cstddef>
#include <vector>

namespace plateau {

struct LabelCandidate {
    double x = 0, y = 0;           // anchor, pixels (top-left origin)
    float width = 0, height = 0;   // text box, placed right of and centred on the anchor
    double distance_m = 0;         // anchor's view-space depth (metres along the view direction)
    int priority = 0;              // higher first; ties keep input order
};

// True when the depth buffer shows a surface clearly in front of a point at `distance_m` (view
// depth) drawn at pixel (x, y). `depth`: reverse-Z, width x height; empty: never hidden.
bool hiddenBehindSurface(const std::vector<float>& depth, int width, int height, double x, double y,
                         double distance_m, double nearM);

// Indices of the candidates to draw. `depth`: the last frame's reverse-Z depth (0 = sky), width
// x height, with the near plane it was drawn with; empty: no occlusion test.
std::vector<std::size_t> layoutLabels(const std::vector<LabelCandidate>& candidates, const std::vector<float>& depth,
                                      int width, int height, double nearM);

}  // namespace plateau
