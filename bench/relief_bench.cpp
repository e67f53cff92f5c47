// What serving the default scene's relief costs per tile: a GDAL warp of the committed 1 km DEM
// (levels up to its resolution) and the synthetic detail of a deeper tile from a cached base.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>

#include "core/tile_id.h"
#include "io/detail_source.h"
#include "io/gdal_source.h"

namespace {

const char* kDem = PLATEAU_ASSET_DIR "/terrain/himalaya_srtm30.tif";

std::shared_ptr<plateau::TileSource> openDem() {
    auto s = plateau::openGdalSource({kDem});
    if (!s) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        std::abort();
    }
    return *s;
}

// A tile at the DEM's own resolution near Qulong (91.58E 29.60N); a new tile each iteration so
// no GDAL block cache is measured instead of the warp.
void BM_GdalWarpTile(benchmark::State& state) {
    auto src = openDem();
    const int z = int(state.range(0));
    const plateau::TileId c = plateau::lonLatToTile(91.58, 29.60, z);
    int k = 0;
    for (auto _ : state) {
        const plateau::TileId t{z, c.x + (k % 5) - 2, c.y + (k / 5 % 5) - 2};
        ++k;
        auto g = src->load(t);
        benchmark::DoNotOptimize(g);
    }
}
BENCHMARK(BM_GdalWarpTile)->ArgName("z")->Arg(6)->Arg(8)->Unit(benchmark::kMillisecond);

// A tile below the DEM's resolution: bilinear heights from the cached base tile plus detail.
void BM_DetailTile(benchmark::State& state) {
    plateau::DetailSource src(openDem(), plateau::ReliefDetailParams{1, 40.0});
    const int z = int(state.range(0));
    const plateau::TileId t = plateau::lonLatToTile(91.58, 29.60, z);
    (void)src.load(t);  // loads and caches the base tiles
    for (auto _ : state) {
        auto g = src.load(t);
        benchmark::DoNotOptimize(g);
    }
}
BENCHMARK(BM_DetailTile)->ArgName("z")->Arg(9)->Arg(12)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
