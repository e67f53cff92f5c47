// Cost of terrain modifiers per tile: applying the schematic Qulong pit, dump and pond to a
// 256-px grid, the key a change of year compares, and producing a whole modified tile (copy,
// apply, mesh with marks) against an unmodified one, with the committed mine file.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/mine_geojson.h"
#include "core/terrain_modifiers.h"
#include "core/tile_producer.h"
#include "io/atomic_file.h"

using namespace plateau;

namespace {

std::shared_ptr<const TerrainModifiers> qulong() {
    static const auto set = [] {
        const auto bytes = readFileBytes(std::string(PLATEAU_ASSET_DIR) + "/mines/qulong_schematic.geojson");
        auto parsed = parseMineGeoJson(bytes ? std::string(bytes->begin(), bytes->end()) : "", "qulong");
        return std::make_shared<const TerrainModifiers>(parsed ? std::move(*parsed) : std::vector<TerrainModifier>{});
    }();
    return set;
}

HeightGrid flat(int n) {
    HeightGrid g;
    g.width = g.height = n;
    g.samples.assign(std::size_t(n) * std::size_t(n), 5200.0f);
    return g;
}

class FlatSource : public TileSource {
public:
    std::string describe() const override { return "flat"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 12; }
    bool hasTile(const TileId& id) const override { return id.z <= 12; }
    Result<HeightGrid> load(const TileId&) override { return flat(256); }
};

// The z12 tile holding the pit (the deepest level with data of its own in the default scene).
const TileId kTile = lonLatToTile(91.583, 29.606, 12);

void BM_ApplyToGrid(benchmark::State& state) {
    const auto set = qulong();
    const HeightGrid base = flat(256);
    for (auto _ : state) {
        HeightGrid g = base;
        benchmark::DoNotOptimize(set->apply(g, kTile, 2030.0));
    }
}
BENCHMARK(BM_ApplyToGrid)->Unit(benchmark::kMicrosecond);

void BM_StateKey(benchmark::State& state) {
    const auto set = qulong();
    for (auto _ : state) benchmark::DoNotOptimize(set->stateKey(kTile, 2027.3));
}
BENCHMARK(BM_StateKey);

void BM_ProduceTile(benchmark::State& state) {
    FlatSource source;
    const ModifierContext mods{qulong(), state.range(0) ? 2030.0 : 2000.0};
    for (auto _ : state) benchmark::DoNotOptimize(produceTile(source, kTile, nullptr, kTile, nullptr, &mods));
}
BENCHMARK(BM_ProduceTile)->Arg(0)->Arg(1)->ArgNames({"modified"})->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
