// Navigation costs per frame: the ray march that finds the ground under a pixel (run on a press,
// a wheel step, a double-click), and Navigator::update during a grab and a wheel zoom, over the
// synthetic plateau's relief. Run: build/bench/plateau_navigator_bench
#include <benchmark/benchmark.h>

#include "core/camera_control.h"
#include "core/navigator.h"
#include "synthetic/synthetic_dem.h"

namespace {
using namespace plateau;

std::optional<double> relief(double lon, double lat) { return syntheticHeight(lon, lat, 1, 30.0); }

// Looking down from 30 km (arg 0) or across the plateau from 1 km above it, 5 degrees below the
// horizon (arg 1): a long, shallow ray.
Camera benchCamera(int shallow) {
    return shallow ? makeCamera({91.5, 29.5, 6000, 60, -5}, 1280, 720) : makeCamera({91.5, 29.5, 30000, 60, -60}, 1280, 720);
}

void BM_MarchToSurface(benchmark::State& state) {
    const Camera cam = benchCamera(int(state.range(0)));
    const glm::dvec3 dir = pixelRay(cam, 700, 420);
    for (auto _ : state) benchmark::DoNotOptimize(marchToSurface(cam.position, dir, relief));
}
BENCHMARK(BM_MarchToSurface)->ArgName("shallow")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_NavigatorGrabFrame(benchmark::State& state) {
    const GroundQuery ground = marchingGroundQuery(relief);
    Navigator nav;
    Camera cam = benchCamera(0);
    NavInput in;
    in.x = 500;
    in.y = 400;
    in.left = true;
    cam = nav.update(cam, in, 1.0 / 60.0, ground);
    int i = 0;
    for (auto _ : state) {
        in.x = 500 + (i++ % 200);  // back and forth
        cam = nav.update(cam, in, 1.0 / 60.0, ground);
    }
}
BENCHMARK(BM_NavigatorGrabFrame)->Unit(benchmark::kMicrosecond);

void BM_NavigatorWheelFrame(benchmark::State& state) {
    const GroundQuery ground = marchingGroundQuery(relief);
    Navigator nav;
    const Camera start = benchCamera(0);
    NavInput in;
    in.x = 700;
    in.y = 420;
    for (auto _ : state) {
        in.wheel = 1;  // a step every frame: one ground query and one eased zoom step
        benchmark::DoNotOptimize(nav.update(start, in, 1.0 / 60.0, ground));
    }
}
BENCHMARK(BM_NavigatorWheelFrame)->Unit(benchmark::kMicrosecond);
}  // namespace

BENCHMARK_MAIN();
