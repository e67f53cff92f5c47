// plateau-tiles: builds a Terrarium / Mapbox terrain-RGB tile pyramid from GDAL rasters.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <string>

#include "tiles/tile_builder.h"

namespace {

std::string duration(double s) {
    char buf[32];
    if (s < 90) std::snprintf(buf, sizeof buf, "%.0f s", s);
    else if (s < 5400) std::snprintf(buf, sizeof buf, "%.0f min", s / 60);
    else std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace plateau;
    CLI::App app{"Builds a Web Mercator elevation tile pyramid ({z}/{x}/{y}.png + metadata.json, or an MBTiles file) "
                 "from GDAL rasters: GeoTIFF, COG, SRTM .hgt, VRT, in any CRS. The max zoom is warped from the "
                 "rasters; lower zooms average the level below. Reruns resume: stored tiles are kept."};
    TileBuildOptions o;
    std::string encoding = "terrarium", shard, bounds;
    int maxZoom = -1;
    app.add_option("--out", o.out, "Output folder, or a file ending in .mbtiles")->required();
    app.add_option("--encoding", encoding, "Height encoding: terrarium or mapbox")
        ->check(CLI::IsMember({"terrarium", "mapbox"}))->capture_default_str();
    app.add_option("--min-zoom", o.minZoom, "Shallowest zoom level")->check(CLI::Range(0, 24))->capture_default_str();
    app.add_option("--max-zoom", maxZoom, "Deepest zoom level (default: where tile pixels get finer than the rasters')")
        ->check(CLI::Range(0, 24));
    app.add_option("--bounds", bounds, "Only tiles meeting WEST,SOUTH,EAST,NORTH (degrees)");
    app.add_option("--threads", o.threads, "Worker threads (0: one per hardware thread)")
        ->check(CLI::NonNegativeNumber)->capture_default_str();
    app.add_option("--shard", shard,
                   "Build only part I of N (1-based) of the deeper levels; run all N (anywhere), then --finish");
    app.add_flag("--finish", o.finish, "Build the levels above the shards' from their output and write the metadata");
    app.add_option("rasters", o.rasters, "Input rasters (band 1 is the height in metres)")->required()->check(CLI::ExistingFile);
    CLI11_PARSE(app, argc, argv);
    o.encoding = *parseHeightEncoding(encoding);
    if (maxZoom >= 0) o.maxZoom = maxZoom;
    if (!shard.empty() && std::sscanf(shard.c_str(), "%d/%d", &o.shardIndex, &o.shardCount) != 2) {
        std::fprintf(stderr, "plateau-tiles: --shard %s: expected I/N, e.g. 1/4\n", shard.c_str());
        return 1;
    }
    if (!bounds.empty()) {
        LonLatBounds b;
        if (std::sscanf(bounds.c_str(), "%lf,%lf,%lf,%lf", &b.west, &b.south, &b.east, &b.north) != 4 ||
            !(b.west < b.east && b.south < b.north)) {
            std::fprintf(stderr, "plateau-tiles: --bounds %s: expected WEST,SOUTH,EAST,NORTH with west < east, south < north\n",
                         bounds.c_str());
            return 1;
        }
        o.bounds = b;
    }

    // On a terminal one line rewrites itself; in logs a plain line every 10%.
    const bool tty = isatty(fileno(stdout));
    int lastDecile = -1;
    auto result = buildTiles(o, [&](const TileBuildProgress& p) {
        const int pct = p.total ? int(p.done * 100 / p.total) : 100;
        const double rate = p.seconds > 0 ? double(p.written) / p.seconds : 0.0;
        const double perTile = p.done ? p.seconds / double(p.done) : 0.0;
        const std::string eta = p.done ? duration(perTile * double(p.total - p.done)) : "?";
        if (tty) {
            std::printf("\r\033[Ktiles %zu/%zu (%d%%)  %.1f tiles/s  ETA %s", p.done, p.total, pct, rate, eta.c_str());
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            std::printf("tiles %zu/%zu (%d%%)  %.1f tiles/s  ETA %s\n", p.done, p.total, pct, rate, eta.c_str());
        }
        std::fflush(stdout);
    });
    if (tty) std::printf("\n");
    if (!result) {
        std::fprintf(stderr, "plateau-tiles: %s\n", result.error().message.c_str());
        return 1;
    }
    std::printf("%s: z%d-%d, %zu tiles: %zu written, %zu already there, in %.1f s\n", o.out.string().c_str(),
                result->minZoom, result->maxZoom, result->total, result->written, result->skipped, result->seconds);
    return 0;
}
