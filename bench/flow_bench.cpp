// Flow routing on the committed SRTM30 DEM (1875 x 877 cells, ~1 km): Priority-Flood fill,
// D8 directions and accumulation in one call, then a trace with its catchment from Qulong.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "core/flow_routing.h"
#include "io/flow_dem.h"

namespace {

const plateau::FlowRaster& dem() {
    static const plateau::FlowRaster r = [] {
        auto x = plateau::readFlowRaster(PLATEAU_ASSET_DIR "/terrain/himalaya_srtm30.tif");
        if (!x) {
            std::fprintf(stderr, "%s\n", x.error().message.c_str());
            std::exit(1);
        }
        return std::move(*x);
    }();
    return r;
}

void BM_RouteFlow(benchmark::State& state) {
    const plateau::FlowGeometry g(dem());
    for (auto _ : state) {
        auto m = plateau::routeFlow(dem(), g);
        benchmark::DoNotOptimize(m.ok());
    }
    state.counters["cells"] = double(dem().size());
}
BENCHMARK(BM_RouteFlow)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_TraceAndCatchment(benchmark::State& state) {
    const plateau::FlowGeometry g(dem());
    const auto m = plateau::routeFlow(dem(), g);
    const std::int32_t cell = std::int32_t(dem().cellAt(91.583, 29.6));
    for (auto _ : state) {
        const auto path = plateau::traceDownstream(*m, cell);
        const auto c = plateau::catchment(*m, g, cell);
        benchmark::DoNotOptimize(path.size() + c.cells);
    }
}
BENCHMARK(BM_TraceAndCatchment)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_ReadDem(benchmark::State& state) {
    for (auto _ : state) {
        auto r = plateau::readFlowRaster(PLATEAU_ASSET_DIR "/terrain/himalaya_srtm30.tif");
        benchmark::DoNotOptimize(r.ok());
    }
}
BENCHMARK(BM_ReadDem)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
