// Camera paths: building a sampler (spline, arc-length tables, the clearance lift over a ground
// function) and sampling it per frame. A 60 s recording at 30 fps samples 1,800 times.
#include <cmath>

#include <benchmark/benchmark.h>

#include "core/camera_path.h"

using namespace plateau;

namespace {

// Six keyframes along the Gangdese belt, 4 s each, Lhasa to Zhunuo (about 400 km).
CameraPath belt(bool constantSpeed) {
    CameraPath p;
    p.constantGroundSpeed = constantSpeed;
    const double lon[] = {91.10, 91.58, 91.75, 89.50, 88.57, 87.53};
    const double lat[] = {29.65, 29.60, 29.69, 29.40, 29.52, 29.43};
    for (int i = 0; i < 6; ++i) {
        Keyframe k;
        k.pose = CameraPose{lon[i], lat[i], 9000.0 + 1000.0 * i, 30.0 * i, -35.0, 45.0};
        k.time = 2000.0 + 4.0 * i;
        k.layers = {{"glaciers", i % 2 == 0, 0.8}};
        k.caption.title = "stop";
        p.keys.push_back(k);
    }
    return p;
}

// A cheap analytic ground (mountains up to 7 km), so the figure is the sampler's own cost.
std::optional<double> mountains(double lon, double lat) {
    return 4500.0 + 2500.0 * std::sin(lon * 40.0) * std::cos(lat * 35.0);
}

void BM_BuildSampler(benchmark::State& state) {
    const CameraPath p = belt(state.range(0) != 0);
    for (auto _ : state) benchmark::DoNotOptimize(PathSampler(p).duration());
}
BENCHMARK(BM_BuildSampler)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_BuildSamplerWithClearance(benchmark::State& state) {
    const CameraPath p = belt(false);
    for (auto _ : state) benchmark::DoNotOptimize(PathSampler(p, mountains).maxLift());
}
BENCHMARK(BM_BuildSamplerWithClearance)->Unit(benchmark::kMillisecond);

void BM_Sample(benchmark::State& state) {
    const PathSampler s(belt(state.range(0) != 0), mountains);
    double t = 0.0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(s.at(t).pose.height_m);
        t = std::fmod(t + 1.0 / 30.0, s.duration());
    }
}
BENCHMARK(BM_Sample)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
