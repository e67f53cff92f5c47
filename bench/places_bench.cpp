// Place search as the user types: building the index over the gazetteer and the default scene's
// named rivers and lakes, reading the gazetteer, and one search per keystroke.
#include <benchmark/benchmark.h>

#include "core/place_search.h"
#include "core/place_sources.h"
#include "io/gazetteer_reader.h"
#include "io/ogr_reader.h"

namespace {

const std::filesystem::path kAssets = PLATEAU_ASSET_DIR;

std::vector<plateau::Place> allPlaces() {
    auto places = plateau::readGazetteer(kAssets / "places/gazetteer.csv");
    if (!places) throw std::runtime_error(places.error().message);
    for (const char* layer : {"rivers", "lakes"}) {
        plateau::LayerSourceDesc src;
        src.type = "ogr";
        src.path = kAssets / "vectors" / (std::string(layer) + ".geojson");
        auto data = plateau::readVectorLayer(src, {});
        if (!data) throw std::runtime_error(data.error().message);
        auto named = plateau::placesFromFeatures(*data, "name", layer == std::string("rivers") ? "river" : "lake", layer);
        places->insert(places->end(), named.begin(), named.end());
    }
    return *places;
}

void BM_ReadGazetteer(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(plateau::readGazetteer(kAssets / "places/gazetteer.csv"));
}
BENCHMARK(BM_ReadGazetteer)->Unit(benchmark::kMillisecond);

void BM_BuildIndex(benchmark::State& state) {
    const auto places = allPlaces();
    for (auto _ : state) benchmark::DoNotOptimize(plateau::PlaceIndex(places));
    state.counters["places"] = double(places.size());
}
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMicrosecond);

void BM_Search(benchmark::State& state, const char* query) {
    const plateau::PlaceIndex index(allPlaces());
    for (auto _ : state) benchmark::DoNotOptimize(index.search(query, 12));
    state.counters["places"] = double(index.size());
}
BENCHMARK_CAPTURE(BM_Search, one_letter, "q")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, word, "qulong")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, substring, "ang")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, hanzi, "拉萨")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
