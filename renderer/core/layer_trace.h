#pragma once
// A "trace" layer: where water from one point goes. Flow is routed on a DEM (by default the
// scene's terrain raster), the path from `from` is followed to the DEM's edge and on along the
// mapped rivers, and drawn as a draped line; optionally the catchment upstream of `from` is
// drawn as a polygon. The scene file's fields are documented in scene_trace.cpp.
#include <filesystem>

#include "core/vector_data.h"

namespace plateau {

struct TraceLayerDesc {
    LonLat from;                     // where the water starts
    bool catchment = false;          // also draw the area draining to `from`
    std::filesystem::path dem;       // lon/lat raster; empty until the scene's terrain fills it
    std::filesystem::path rivers;    // mapped river lines with a "name" attribute (optional)
    std::filesystem::path reaches;   // typed river facts, core/river_facts.h (optional)
    double joinToleranceKm = 3.0;    // how near a mapped river the path must come to join it
    bool operator==(const TraceLayerDesc&) const = default;
};

}  // namespace plateau
