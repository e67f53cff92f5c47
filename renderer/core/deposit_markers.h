#pragma once
// Deposit markers for one frame: each shown deposit (filter, timeline) projected from its place
// on the drawn surface to the screen, dropped when off screen or behind terrain (judged from the
// last frame's depth, as map labels are), sized and coloured by the layer's style, with labels
// laid out without overlaps (core/label_layout.h). Picking finds the marker under a pixel.
// Pure: the surface height comes in as a function, the depth as floats.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/camera.h"
#include "core/deposit_style.h"

namespace plateau {

struct DepositMarker {
    std::size_t deposit = 0;  // index into the layer's deposits
    float x = 0, y = 0;       // centre, pixels (top-left origin)
    float diameter = 0;       // pixels
    Colour colour{};
    bool producing = false;   // drawn as a ring around the disc (a mine)
    double distance_m = 0;    // view-space depth
};

struct DepositLabel {
    float x = 0, y = 0;  // where the text's left edge and vertical centre go
    std::string text;
    float width = 0, height = 0;  // measured text size
};

struct DepositFrame {
    std::vector<DepositMarker> markers;  // far to near (near ones drawn on top)
    std::vector<DepositLabel> labels;
};

// Height to draw a point at (the displayed, exaggerated surface height), none where no terrain
// is resident yet (the deposit is left out that frame).
using SurfaceHeightFn = std::function<std::optional<double>(double lon_deg, double lat_deg)>;
// Text size in pixels (width, height).
using MeasureTextFn = std::function<std::pair<float, float>(const std::string&)>;

// `depth`: the last frame's reverse-Z depth drawn with `frameCamera`; empty: no occlusion test.
// `measure` may be empty (no labels).
DepositFrame placeDepositMarkers(const std::vector<Deposit>& deposits, const DepositLayerDesc& layer, double year,
                                 const Camera& frameCamera, const SurfaceHeightFn& surfaceHeight,
                                 const std::vector<float>& depth, const MeasureTextFn& measure);

// A screen rectangle, pixels: [x0, x1) x [y0, y1).
struct ScreenBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
// For each box (other layers' labels), whether it overlaps a marker or a label of `frame`: the
// caller drops those, so deposit labels and map labels never overlap either.
std::vector<bool> overlapsDepositFrame(const DepositFrame& frame, const std::vector<ScreenBox>& boxes);

// The marker under (x, y): the nearest whose disc (plus `slackPx`) contains it; none otherwise.
// Returns an index into `markers`.
std::optional<std::size_t> pickDepositMarker(const std::vector<DepositMarker>& markers, float x, float y,
                                             float slackPx = 2.0f);

}  // namespace plateau
