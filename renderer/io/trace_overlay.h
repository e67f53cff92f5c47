#pragma once
// A "trace" scene layer as a draped vector overlay: the path from the layer's point (in the
// DEM and on along the mapped rivers) as a line in the stroke colour, and the catchment, when
// asked for, as a polygon in the fill colour labelled with its area. Computed where it is
// opened, which the app does off the render thread (app/layer_setup.h).
#include <atomic>
#include <memory>
#include <string>

#include "core/layer.h"
#include "io/trace_service.h"
#include "io/vector_overlay_source.h"

namespace plateau {

struct TraceOverlay {
    std::shared_ptr<VectorOverlaySource> source;
    std::shared_ptr<const TraceService> service;  // for further traces from picked points
    TraceResult result;
    std::string report;  // formatTraceReport: for the log
    std::string legend;  // the layer's legend, or the short report when it has none
};

// The vector features a trace is drawn with (fields "kind" and "label"): the catchment's rings
// as one polygon (kind "catchment", label "catchment 123 km²"), then the path (kind "trace").
VectorData traceFeatures(const TraceResult& result, const std::string& source);

// Opens (or shares: sharedTraceService) the service for layer.trace and traces from its point.
// Errors name the file or the layer id, in one line.
Result<TraceOverlay> openTraceOverlay(const LayerDesc& layer, const std::atomic<bool>* cancel = nullptr);

}  // namespace plateau
