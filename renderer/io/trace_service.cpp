#include "io/trace_service.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <tuple>

#include "core/flow_outline.h"
#include "core/input_limits.h"
#include "io/atomic_file.h"
#include "io/flow_dem.h"
#include "io/ogr_reader.h"

namespace plateau {

namespace {

std::string place(const LonLat& p) {
    char s[64];
    std::snprintf(s, sizeof s, "%.3f%c %.3f%c", std::abs(p.lon), p.lon < 0 ? 'W' : 'E', std::abs(p.lat),
                  p.lat < 0 ? 'S' : 'N');
    return s;
}

}  // namespace

Result<RiverFacts> readRiverFacts(const std::filesystem::path& file) {
    auto bytes = readFileBytes(file, kMaxRiverFactsBytes, "river facts table");
    if (!bytes) return bytes.error();
    return parseRiverFacts(std::string(bytes->begin(), bytes->end()), file.string());
}

Result<std::shared_ptr<const TraceService>> TraceService::open(const TraceLayerDesc& desc,
                                                               const std::atomic<bool>* cancel) {
    const auto t0 = std::chrono::steady_clock::now();
    std::shared_ptr<TraceService> s(new TraceService());
    s->desc_ = desc;
    if (desc.dem.empty()) return makeError("trace: no DEM given");
    auto raster = readFlowRaster(desc.dem);
    if (!raster) return raster.error();
    s->raster_ = std::move(*raster);
    s->geometry_.emplace(s->raster_);
    auto model = routeFlow(s->raster_, *s->geometry_, cancel);
    if (!model) return model.error();
    s->model_ = std::move(*model);
    if (!desc.rivers.empty()) {
        LayerSourceDesc src;
        src.type = "ogr";
        src.path = desc.rivers;
        auto rivers = readVectorLayer(src, {});
        if (!rivers) return rivers.error();
        s->rivers_ = std::move(*rivers);
    }
    if (!desc.reaches.empty()) {
        auto facts = readRiverFacts(desc.reaches);
        if (!facts) return facts.error();
        s->facts_ = std::move(*facts);
    }
    s->routeSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::shared_ptr<const TraceService>(std::move(s));
}

Result<TraceResult> TraceService::trace(LonLat from, bool withCatchment, const std::atomic<bool>* cancel) const {
    const FlowRaster& r = raster_;
    const std::int64_t cell = r.cellAt(from.lon, from.lat);
    if (cell < 0) {
        char box[96];
        std::snprintf(box, sizeof box, "%.2f..%.2fE, %.2f..%.2fN", r.west, r.east(), r.south(), r.north);
        return makeError(r.source + ": " + place(from) + " is outside the DEM (" + box + ")");
    }
    if (!r.isValid(std::size_t(cell))) return makeError(r.source + ": " + place(from) + " has no data in the DEM");
    const auto path = traceDownstream(model_, std::int32_t(cell));
    std::vector<LonLat> line = cellCentres(r, path);
    line.front() = from;  // start where asked, not at the cell's centre
    const std::int32_t outlet = path.back();
    const int oi = outlet % r.width, oj = outlet / r.width;
    const bool edge = oi == 0 || oj == 0 || oi == r.width - 1 || oj == r.height - 1;
    RiverJoinParams params;
    params.toleranceKm = desc_.joinToleranceKm;
    if (cancel && cancel->load()) return makeError(r.source + ": trace cancelled");
    TraceResult out;
    out.report = joinRivers(line, edge, rivers_, facts_, params);
    if (withCatchment) {
        if (cancel && cancel->load()) return makeError(r.source + ": trace cancelled");
        const Catchment c = catchment(model_, *geometry_, std::int32_t(cell));
        out.report.catchmentKm2 = c.areaKm2;
        out.catchmentRings = maskOutline(r, c.mask);
    }
    return out;
}

std::future<Result<TraceResult>> traceAsync(std::shared_ptr<const TraceService> service, LonLat from,
                                            bool withCatchment, std::shared_ptr<std::atomic<bool>> cancel) {
    return std::async(std::launch::async, [service = std::move(service), from, withCatchment,
                                           cancel = std::move(cancel)]() -> Result<TraceResult> {
        return service->trace(from, withCatchment, cancel.get());
    });
}

Result<std::shared_ptr<const TraceService>> sharedTraceService(const TraceLayerDesc& desc,
                                                               const std::atomic<bool>* cancel) {
    using Key = std::tuple<std::string, std::string, std::string, double>;
    constexpr std::size_t kKept = 2;
    static std::mutex mutex;
    // Most recently used last.
    static std::vector<std::pair<Key, std::shared_ptr<const TraceService>>> kept;
    const Key key{desc.dem.string(), desc.rivers.string(), desc.reaches.string(), desc.joinToleranceKm};
    {
        const std::lock_guard<std::mutex> lock(mutex);
        for (auto it = kept.begin(); it != kept.end(); ++it)
            if (it->first == key) {
                auto s = it->second;
                kept.erase(it);
                kept.emplace_back(key, s);
                return s;
            }
    }
    auto opened = TraceService::open(desc, cancel);
    if (!opened) return opened;
    const std::lock_guard<std::mutex> lock(mutex);
    std::erase_if(kept, [&](const auto& e) { return e.first == key; });
    kept.emplace_back(key, *opened);
    if (kept.size() > kKept) kept.erase(kept.begin());
    return opened;
}

std::future<Result<TraceResult>> traceFromAsync(TraceLayerDesc desc, LonLat from, bool withCatchment,
                                                std::shared_ptr<std::atomic<bool>> cancel) {
    return std::async(std::launch::async, [desc = std::move(desc), from, withCatchment,
                                           cancel = std::move(cancel)]() -> Result<TraceResult> {
        auto service = sharedTraceService(desc, cancel.get());
        if (!service) return service.error();
        return (*service)->trace(from, withCatchment, cancel.get());
    });
}

}  // namespace plateau
