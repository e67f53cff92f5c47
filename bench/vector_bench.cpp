// CPU costs of vector layers: indexing a layer of a million vertices, simplifying it for a
// zoom, rasterising every tile over it at z6 and z10 (the path the tile workers take: index
// query, time filter, rasterise), and reading a real GeoJSON file with OGR.
// Run: build/bench/plateau_vector_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>
#include <random>

#include "core/vector_index.h"
#include "io/ogr_reader.h"
#include "io/vector_overlay_source.h"

namespace {
using namespace plateau;

// 5,000 random-walk lines of 100 vertices and 2,500 wobbly rings of 200 vertices over the
// plateau (78-104 E, 26-37 N): a million vertices, deterministic.
VectorData syntheticLayer() {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lon(78, 104), lat(26, 37), step(-0.02, 0.02), unit(0, 1);
    VectorData d;
    d.source = "synthetic";
    d.fields = {"class"};
    const auto finish = [&](VectorFeature& f) {
        f.bounds = {1e9, 1e9, -1e9, -1e9};
        for (const auto& p : f.parts[0]) {
            f.bounds.west = std::min(f.bounds.west, p.lon);
            f.bounds.east = std::max(f.bounds.east, p.lon);
            f.bounds.south = std::min(f.bounds.south, p.lat);
            f.bounds.north = std::max(f.bounds.north, p.lat);
        }
        d.vertexCount += f.parts[0].size();
        if (d.features.empty()) d.bounds = f.bounds;
        d.bounds.west = std::min(d.bounds.west, f.bounds.west);
        d.bounds.east = std::max(d.bounds.east, f.bounds.east);
        d.bounds.south = std::min(d.bounds.south, f.bounds.south);
        d.bounds.north = std::max(d.bounds.north, f.bounds.north);
        d.features.push_back(std::move(f));
    };
    for (int i = 0; i < 5000; ++i) {
        VectorFeature f;
        f.kind = GeometryKind::Line;
        f.values = {{"river", std::nullopt, false}};
        std::vector<LonLat> line{{lon(rng), lat(rng)}};
        for (int k = 1; k < 100; ++k) line.push_back({line.back().lon + step(rng), line.back().lat + step(rng)});
        f.parts.push_back(std::move(line));
        finish(f);
    }
    for (int i = 0; i < 2500; ++i) {
        VectorFeature f;
        f.kind = GeometryKind::Polygon;
        f.values = {{"glacier", std::nullopt, false}};
        const double cx = lon(rng), cy = lat(rng), r = 0.02 + 0.1 * unit(rng);
        std::vector<LonLat> ring;
        for (int k = 0; k < 200; ++k) {
            const double a = 2 * 3.141592653589793 * k / 200;
            const double rr = r * (0.7 + 0.3 * unit(rng));
            ring.push_back({cx + rr * std::cos(a), cy + rr * std::sin(a)});
        }
        f.parts.push_back(std::move(ring));
        finish(f);
    }
    return d;
}

const VectorData& layer() {
    static const VectorData d = syntheticLayer();
    return d;
}

VectorOverlaySource& source() {
    static VectorOverlaySource src(syntheticLayer(), VectorStyle{}, LayerTimeDesc{});
    return src;
}

std::vector<TileId> tilesOver(const VectorOverlaySource& src, int z) {
    const auto& b = src.data().bounds;
    const TileId nw = lonLatToTile(b.west, b.north, z), se = lonLatToTile(b.east, b.south, z);
    std::vector<TileId> tiles;
    for (int y = nw.y; y <= se.y; ++y)
        for (int x = nw.x; x <= se.x; ++x) tiles.push_back({z, x, y});
    return tiles;
}

void BM_VectorIndexBuild(benchmark::State& state) {
    const VectorData& d = layer();
    for (auto _ : state) {
        VectorIndex index(d);
        benchmark::DoNotOptimize(index.size());
    }
    state.counters["vertices"] = double(d.vertexCount);
}
BENCHMARK(BM_VectorIndexBuild)->Unit(benchmark::kMillisecond);

// The first tile of a zoom pays for simplifying the whole layer for it.
void BM_VectorSimplifyZoom(benchmark::State& state) {
    const int z = int(state.range(0));
    std::size_t kept = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto index = std::make_unique<VectorIndex>(layer());
        state.ResumeTiming();
        kept = index->vertexCount(z);
        state.PauseTiming();
        index.reset();
        state.ResumeTiming();
    }
    state.counters["kept_vertices"] = double(kept);
}
BENCHMARK(BM_VectorSimplifyZoom)->ArgName("z")->Arg(6)->Arg(10)->Unit(benchmark::kMillisecond);

void BM_VectorRasterAllTiles(benchmark::State& state) {
    const int z = int(state.range(0));
    VectorOverlaySource& src = source();
    const auto tiles = tilesOver(src, z);
    src.index().vertexCount(z);  // simplified once, as after the first tile
    std::atomic<bool> cancel{false};
    std::size_t drawn = 0;
    for (auto _ : state) {
        drawn = 0;
        for (const auto& id : tiles) {
            auto img = src.render(id, 0, cancel);
            drawn += img.ok() && !img->transparent;
        }
    }
    state.counters["tiles"] = double(tiles.size());
    state.counters["non_empty"] = double(drawn);
    state.counters["tiles_per_s"] = benchmark::Counter(double(tiles.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_VectorRasterAllTiles)->ArgName("z")->Arg(6)->Arg(10)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_ReadNaturalEarthGlaciers(benchmark::State& state) {
    LayerSourceDesc src;
    src.type = "ogr";
    src.path = std::string(PLATEAU_SHARED_DATA) + "/glaciers/ne_10m_glaciated_areas_hma.geojson";
    std::size_t vertices = 0;
    for (auto _ : state) {
        auto d = readVectorLayer(src, {});
        if (!d) {
            state.SkipWithError(d.error().message.c_str());
            break;
        }
        vertices = d->vertexCount;
    }
    state.counters["vertices"] = double(vertices);
}
BENCHMARK(BM_ReadNaturalEarthGlaciers)->Unit(benchmark::kMillisecond);

// Real outlines simplify far more than the synthetic noise above: vertices kept per zoom.
void BM_NaturalEarthGlaciersSimplify(benchmark::State& state) {
    LayerSourceDesc src;
    src.type = "ogr";
    src.path = std::string(PLATEAU_SHARED_DATA) + "/glaciers/ne_10m_glaciated_areas_hma.geojson";
    auto d = readVectorLayer(src, {});
    if (!d) {
        state.SkipWithError(d.error().message.c_str());
        return;
    }
    const int z = int(state.range(0));
    std::size_t kept = 0;
    for (auto _ : state) {
        VectorIndex index(*d);
        kept = index.vertexCount(z);
    }
    state.counters["vertices"] = double(d->vertexCount);
    state.counters["kept_vertices"] = double(kept);
}
BENCHMARK(BM_NaturalEarthGlaciersSimplify)->ArgName("z")->Arg(4)->Arg(8)->Arg(12)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
