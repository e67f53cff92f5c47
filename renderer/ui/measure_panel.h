#pragma once
// The measuring tool: while it is on, each click on the terrain adds a picked ground point; the
// panel section shows the geodesic length (total and per segment), undo and clear, and the
// elevation profile with its highest and lowest points and slopes; the polyline is drawn over
// the view along its geodesics. Plain state: the caller picks points and supplies heights and
// the screen projection.
#include <array>
#include <functional>
#include <optional>

#include "core/measure.h"

namespace plateau::ui {

struct MeasureTool {
    bool active = false;               // clicks on the terrain add points
    std::vector<MeasurePoint> points;  // in click order
    PolylineLength length;             // of `points`
    ElevationProfile profile;          // along `points`; recomputed by updateMeasure
    bool stale = false;                // points changed since the last updateMeasure
};

void addMeasurePoint(MeasureTool& tool, const MeasurePoint& p);
void undoMeasurePoint(MeasureTool& tool);
void clearMeasure(MeasureTool& tool);
// Length and profile from the points; heights from `height` (the displayed terrain), samples
// every `spacing_m` (wider on long lines: at most 1,024 samples).
void updateMeasure(MeasureTool& tool, const HeightFunction& height, double spacing_m);

struct MeasureActions {
    bool toggled = false;  // the tool was switched on or off
    bool undo = false, clear = false;  // already applied to the tool's points
};
// The panel section (call inside the panel window).
MeasureActions drawMeasureSection(MeasureTool& tool);

// Screen position (pixels) of a point at lon/lat and real height h, or none when it is not on
// the screen (behind the camera).
using ScreenProjection = std::function<std::optional<std::array<float, 2>>(double lon_deg, double lat_deg, double height_m)>;
// The polyline over the view (background draw list): the profile's samples where they have
// heights, so the line follows the ground and the geodesic, and the clicked points as dots.
void drawMeasureLine(const MeasureTool& tool, const ScreenProjection& project);

}  // namespace plateau::ui
