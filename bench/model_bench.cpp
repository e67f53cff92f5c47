// glTF loading and schematic ore bodies: what a scene with models costs on the CPU.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/orebody_shell.h"
#include "io/gltf_reader.h"
#include "orebody/orebody_glb.h"

namespace {

const std::filesystem::path kGltf = std::filesystem::path(PLATEAU_SHARED_DATA) / "gltf";

void loadModel(benchmark::State& state, const char* path) {
    std::size_t triangles = 0;
    for (auto _ : state) {
        auto m = plateau::loadGltf(kGltf / path);
        if (!m) {
            state.SkipWithError(m.error().message.c_str());
            return;
        }
        triangles = m->triangleCount();
        benchmark::DoNotOptimize(m->primitives.data());
    }
    state.counters["triangles"] = static_cast<double>(triangles);
    state.counters["triangles/s"] =
        benchmark::Counter(static_cast<double>(triangles) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_LoadBox(benchmark::State& s) { loadModel(s, "khronos/Box/glTF-Embedded/Box.gltf"); }
void BM_LoadBoxTexturedGlb(benchmark::State& s) { loadModel(s, "khronos/BoxTextured/glTF-Binary/BoxTextured.glb"); }
void BM_Load2CylinderEngine(benchmark::State& s) { loadModel(s, "khronos/2CylinderEngine/glTF-Binary/2CylinderEngine.glb"); }
void BM_LoadMorphStressTest(benchmark::State& s) { loadModel(s, "khronos/MorphStressTest/glTF-Embedded/MorphStressTest.gltf"); }

void BM_OreShells(benchmark::State& state) {
    for (auto _ : state) {
        auto shells = plateau::buildOreShells({1517.0, 0.52, 2.7});
        benchmark::DoNotOptimize(shells->data());
    }
}

void BM_OrebodyGlb(benchmark::State& state) {
    const plateau::orebody::OrebodySpec spec{"Qulong", "Cu", {1517.0, 0.52, 2.7}};
    for (auto _ : state) {
        auto bytes = plateau::orebody::orebodyGlb(spec);
        benchmark::DoNotOptimize(bytes->data());
    }
}

}  // namespace

BENCHMARK(BM_LoadBox)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LoadBoxTexturedGlb)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Load2CylinderEngine)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadMorphStressTest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OreShells)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OrebodyGlb)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
