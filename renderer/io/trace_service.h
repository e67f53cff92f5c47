#pragma once
// Traces water from a point: the DEM read and routed once (core/flow_routing.h), then any
// number of traces from it, each a path to the DEM's edge joined to the mapped rivers
// (core/river_join.h) and, if asked, the catchment upstream of the point with its outline.
// The panel calls traceAsync with a picked point; the trace layer (io/trace_overlay.h) uses
// the same service for the scene's point.
//
// Thread-safe: a service is immutable once open; traces may run on any number of threads.
#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "core/flow_routing.h"
#include "core/layer_trace.h"
#include "core/result.h"
#include "core/river_facts.h"
#include "core/river_join.h"

namespace plateau {

struct TraceResult {
    TraceReport report;
    std::vector<std::vector<LonLat>> catchmentRings;  // empty unless the catchment was asked for
};

class TraceService {
public:
    // Reads the DEM (io/flow_dem.h), the river lines and facts when the description names them,
    // and routes the flow. Errors are one line naming the file; `cancel` (may be null) stops
    // routing with an error.
    static Result<std::shared_ptr<const TraceService>> open(const TraceLayerDesc& desc,
                                                            const std::atomic<bool>* cancel = nullptr);

    // A point outside the DEM or on nodata is an error naming the DEM and the point.
    Result<TraceResult> trace(LonLat from, bool withCatchment, const std::atomic<bool>* cancel = nullptr) const;

    const FlowRaster& raster() const { return raster_; }
    const FlowGeometry& geometry() const { return *geometry_; }
    const FlowModel& model() const { return model_; }
    double routeSeconds() const { return routeSeconds_; }  // to read and route the DEM

private:
    TraceService() = default;
    TraceLayerDesc desc_;
    FlowRaster raster_;
    std::optional<FlowGeometry> geometry_;
    FlowModel model_;
    VectorData rivers_;
    RiverFacts facts_;
    double routeSeconds_ = 0;
};

// Runs service->trace on a background thread; setting *cancel makes it return an error soon.
std::future<Result<TraceResult>> traceAsync(std::shared_ptr<const TraceService> service, LonLat from,
                                            bool withCatchment, std::shared_ptr<std::atomic<bool>> cancel);

// The service for `desc`'s DEM, rivers, facts and tolerance, shared: the trace layer and the
// panel's traces from picked points route the DEM once. The two most recently used services
// are kept (about 45 MB each for the committed 1875 x 877 DEM). Opening is not under the lock,
// so two first callers at once may both route; the later result is kept.
Result<std::shared_ptr<const TraceService>> sharedTraceService(const TraceLayerDesc& desc,
                                                               const std::atomic<bool>* cancel = nullptr);

// For the panel: where water from a picked point goes, on the DEM (and rivers) of a trace
// layer's description, computed on a background thread (routing the DEM first if no one holds
// its service). Setting *cancel stops routing or tracing with an error.
std::future<Result<TraceResult>> traceFromAsync(TraceLayerDesc desc, LonLat from, bool withCatchment,
                                                std::shared_ptr<std::atomic<bool>> cancel);

// Reads a river facts file (core/river_facts.h); one error line naming the file.
Result<RiverFacts> readRiverFacts(const std::filesystem::path& file);

}  // namespace plateau
