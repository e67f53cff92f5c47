// CPU costs of one draped imagery tile: PNG and JPEG decoding to a 256-px RGBA overlay tile (512-px
// tiles include the averaging down), and warping a tile from a GeoTIFF in UTM with GDAL.
// Run: build/bench/plateau_imagery_bench
#include <benchmark/benchmark.h>
#include <gdal.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "core/overlay_source.h"
#include "io/gdal_overlay_source.h"
#include "io/imagery_decode.h"
#include "io/png_codec.h"

namespace {
using namespace plateau;

// Something like aerial imagery: smooth colour fields with fine texture, so that neither PNG nor
// JPEG gets an unrealistically easy image.
Image8 photoLike(int size) {
    Image8 img{size, size, 3, std::vector<std::uint8_t>(std::size_t(size) * std::size_t(size) * 3)};
    std::uint32_t noise = 12345;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            noise = noise * 1664525u + 1013904223u;
            const double f = 256.0 / size;
            const double base = 110 + 60 * std::sin(x * f * 0.031) * std::cos(y * f * 0.027);
            const int n = int(noise >> 27) - 16;
            std::uint8_t* p = img.pixels.data() + (std::size_t(y) * std::size_t(size) + std::size_t(x)) * 3;
            p[0] = std::uint8_t(std::clamp(int(base) + n, 0, 255));
            p[1] = std::uint8_t(std::clamp(int(base * 0.9) + n, 0, 255));
            p[2] = std::uint8_t(std::clamp(int(base * 0.7) + n, 0, 255));
        }
    return img;
}

std::vector<std::uint8_t> viaGdal(const Image8& img, const char* driver, const char* option) {
    GDALAllRegister();
    GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", img.width, img.height, 3, GDT_Byte, nullptr);
    for (int b = 0; b < 3; ++b)
        if (GDALRasterIO(GDALGetRasterBand(mem, b + 1), GF_Write, 0, 0, img.width, img.height,
                           const_cast<std::uint8_t*>(img.pixels.data()) + b, img.width, img.height, GDT_Byte, 3,
                           3 * img.width) != CE_None)
            std::fprintf(stderr, "bench: cannot fill the test image\n");
    const std::string path = std::string("/vsimem/bench.") + driver;
    const char* opts[] = {option, nullptr};
    GDALClose(GDALCreateCopy(GDALGetDriverByName(driver), path.c_str(), mem, FALSE, const_cast<char**>(opts), nullptr,
                             nullptr));
    GDALClose(mem);
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(path.c_str(), &size, TRUE);
    std::vector<std::uint8_t> bytes(data, data + size);
    VSIFree(data);
    return bytes;
}

void decode(benchmark::State& state, const std::vector<std::uint8_t>& bytes) {
    for (auto _ : state) {
        auto img = decodeImageryTile(bytes.data(), bytes.size(), {12, 3090, 1703}, "bench");
        benchmark::DoNotOptimize(img.ok());
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["bytes"] = double(bytes.size());
}

void BM_ImageryPng(benchmark::State& state) {
    decode(state, *encodePng(photoLike(int(state.range(0))), 6));
}
BENCHMARK(BM_ImageryPng)->ArgName("px")->Arg(256)->Arg(512)->Unit(benchmark::kMicrosecond);

void BM_ImageryJpeg(benchmark::State& state) {
    decode(state, viaGdal(photoLike(int(state.range(0))), "JPEG", "QUALITY=85"));
}
BENCHMARK(BM_ImageryJpeg)->ArgName("px")->Arg(256)->Arg(512)->Unit(benchmark::kMicrosecond);

// A 2048-px RGB GeoTIFF in UTM 46N (10 m pixels, 20 km square near Lhasa), warped into the z12
// tile at its centre (about 1.5 source pixels per texel) and the z9 tile holding it (averaging).
void BM_GdalOverlayTile(benchmark::State& state) {
    static const std::filesystem::path file = [] {
        const auto p = std::filesystem::temp_directory_path() / ("plateau-imagery-bench-" + std::to_string(::getpid()) + ".tif");
        GDALAllRegister();
        const Image8 img = photoLike(2048);
        const char* co[] = {"PHOTOMETRIC=RGB", "TILED=YES", nullptr};
        GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), p.c_str(), 2048, 2048, 3, GDT_Byte, const_cast<char**>(co));
        double gt[6] = {340000, 10, 0, 3290000, 0, -10};
        GDALSetGeoTransform(ds, gt);
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, 32646);
        char* wkt = nullptr;
        OSRExportToWkt(srs, &wkt);
        GDALSetProjection(ds, wkt);
        CPLFree(wkt);
        OSRDestroySpatialReference(srs);
        for (int b = 0; b < 3; ++b)
            if (GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Write, 0, 0, 2048, 2048,
                               const_cast<std::uint8_t*>(img.pixels.data()) + b, 2048, 2048, GDT_Byte, 3, 3 * 2048) != CE_None)
                std::fprintf(stderr, "bench: cannot write the test raster\n");
        GDALClose(ds);
        std::atexit([] { std::filesystem::remove(std::filesystem::temp_directory_path() /
                                                 ("plateau-imagery-bench-" + std::to_string(::getpid()) + ".tif")); });
        return p;
    }();
    auto src = openGdalOverlaySource(file);
    if (!src) {
        state.SkipWithError(src.error().message.c_str());
        return;
    }
    // The raster's centre: about 91.45E 29.64N.
    const TileId id = lonLatToTile(91.45, 29.64, int(state.range(0)));
    std::atomic<bool> cancel{false};
    if (auto first = (*src)->render(id, 0, cancel); !first || first->transparent) {
        state.SkipWithError(first ? "tile outside the raster" : first.error().message.c_str());
        return;
    }
    for (auto _ : state) {
        auto img = (*src)->render(id, 0, cancel);
        benchmark::DoNotOptimize(img.ok());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GdalOverlayTile)->ArgName("z")->Arg(12)->Arg(9)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
