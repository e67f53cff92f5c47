// CPU costs of one terrain tile: PNG decode to heights, mesh building, and tile selection.
// Run: build/bench/plateau_micro_bench
#include <benchmark/benchmark.h>
#include <png.h>

#include "core/camera.h"
#include "core/tile_mesh.h"
#include "core/tile_selection.h"
#include "io/png_heights.h"
#include "io/png_codec.h"
#include "synthetic/synthetic_dem.h"

namespace {
using namespace plateau;

const TileId kTile{12, 3090, 1703};  // near Qulong

Image8 syntheticTileImage() {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    for (int j = 0; j < 256; ++j)
        for (int i = 0; i < 256; ++i) {
            double lon = 0, lat = 0;
            tileUVToLonLat(kTile, (i + 0.5) / 256.0, (j + 0.5) / 256.0, lon, lat);
            const auto rgb = encodeHeight(syntheticHeight(lon, lat, 1, 30.0), HeightEncoding::Terrarium);
            std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + (j * 256 + i) * 3);
        }
    return img;
}

// The tile encoded with zlib level 6 (libpng's per-row filter choice) or 1 (what the pyramid
// writers use: Paeth on every row, run-length matching).
const std::vector<std::uint8_t>& tilePng(int level = 6) {
    static const std::vector<std::uint8_t> level6 = *encodePng(syntheticTileImage(), 6);
    static const std::vector<std::uint8_t> level1 = *encodePng(syntheticTileImage(), 1);
    return level == 1 ? level1 : level6;
}

// PNG bytes to heights as every PNG tile source does it (libdeflate, libpng for other PNGs).
void BM_DecodeTilePng(benchmark::State& state) {
    const auto& png = tilePng(int(state.range(0)));
    for (auto _ : state) {
        auto grid = decodeHeightPng(png.data(), png.size(), HeightEncoding::Terrarium, "bench");
        benchmark::DoNotOptimize(grid.ok());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeTilePng)->ArgName("level")->Arg(6)->Arg(1)->Unit(benchmark::kMicrosecond);

// The baseline: a plain libpng decode of the same bytes to RGB (its simplified whole-image API),
// one pixel buffer per tile like the height grid.
void BM_DecodeTilePngLibpng(benchmark::State& state) {
    const auto& png = tilePng(int(state.range(0)));
    for (auto _ : state) {
        png_image image{};
        image.version = PNG_IMAGE_VERSION;
        if (!png_image_begin_read_from_memory(&image, png.data(), png.size())) {
            state.SkipWithError("libpng could not read the tile");
            break;
        }
        image.format = PNG_FORMAT_RGB;
        std::vector<std::uint8_t> rgb(PNG_IMAGE_SIZE(image));
        benchmark::DoNotOptimize(png_image_finish_read(&image, nullptr, rgb.data(), 0, nullptr));
        png_image_free(&image);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeTilePngLibpng)->ArgName("level")->Arg(6)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_BuildTileMesh(benchmark::State& state) {
    const auto& png = tilePng();
    auto img = decodePng(png.data(), png.size(), "bench");
    auto grid = decodeHeightImage(*img, HeightEncoding::Terrarium, "bench");
    for (auto _ : state) {
        auto mesh = buildTileMesh(kTile, *grid, tileGridSize(), skirtDepthForLevel(kTile.z));
        benchmark::DoNotOptimize(mesh.vertices.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuildTileMesh)->Unit(benchmark::kMicrosecond);

// Everything resident down to z12: the cost of one selection pass over a typical oblique view.
class AllResident : public TileAvailability {
public:
    bool hasData(const TileId& id) const override { return id.z <= 12; }
    bool isResident(const TileId&) const override { return true; }
    std::optional<std::pair<float, float>> heightRange(const TileId&) const override {
        return std::make_pair(3500.0f, 6500.0f);
    }
};

void BM_SelectTiles(benchmark::State& state) {
    const Camera cam = makeCamera(CameraPose{91.45, 29.05, 16000, 20, -22}, 1280, 720);
    AllResident avail;
    SelectionParams p;
    p.maxZoom = 12;
    std::size_t drawn = 0;
    for (auto _ : state) {
        auto sel = selectTiles(cam, p, avail);
        drawn = sel.draw.size();
        benchmark::DoNotOptimize(sel.draw.data());
    }
    state.counters["tiles"] = double(drawn);
}
BENCHMARK(BM_SelectTiles)->Unit(benchmark::kMicrosecond);
}  // namespace

BENCHMARK_MAIN();
