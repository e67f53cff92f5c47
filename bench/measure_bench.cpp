// Measuring and the sun: a profile of 1,024 samples (the measure tool's budget) with a cheap
// height function, so the figure is GeographicLib's cost; one solar position.
#include <benchmark/benchmark.h>

#include <cmath>

#include "core/measure.h"
#include "core/solar_position.h"

using namespace plateau;

static void BM_ElevationProfile1024(benchmark::State& state) {
    const std::vector<MeasurePoint> line{{91.1172, 29.6469, 0}, {91.583, 29.600, 0}, {91.752, 29.692, 0}};
    const HeightFunction height = [](double lon, double lat) -> std::optional<double> {
        return 4000.0 + 500.0 * std::sin(lon * 40.0) * std::cos(lat * 40.0);
    };
    for (auto _ : state) {
        const ElevationProfile p = elevationProfile(line, height, 1.0, 1024);
        benchmark::DoNotOptimize(p.climb_m);
    }
}
BENCHMARK(BM_ElevationProfile1024)->Unit(benchmark::kMicrosecond);

static void BM_GeodesicDistance(benchmark::State& state) {
    double lon = 91.0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(geodesicDistance(lon, 29.6, 88.88, 29.27));
        lon += 1e-9;
    }
}
BENCHMARK(BM_GeodesicDistance);

static void BM_SolarPosition(benchmark::State& state) {
    double hour = 0.0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(solarPosition({2024, 6, 21, hour}, 91.1, 29.6).elevationDeg);
        hour = std::fmod(hour + 0.01, 24.0);
    }
}
BENCHMARK(BM_SolarPosition);

BENCHMARK_MAIN();
