// `plateau bench`: flies a fixed path over the default scene headless and prints frame-time
// figures. Every frame loads what it needs before drawing (loading is synchronous for now), so
// frame times include tile decoding and meshing.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/globe_view.h"
#include "app/log.h"
#include "app/offscreen_session.h"
#include "app/scene_setup.h"
#include "gpu/tile_pool.h"
#include "gpu/vk_check.h"
#include "io/atomic_file.h"

namespace plateau::app {

namespace {
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const double idx = p * double(v.size() - 1);
    const auto lo = std::size_t(std::floor(idx));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (idx - double(lo));
}

long peakRssKiB() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// The standard flight: west to east along the Gangdese belt at 9 km, from Zhunuo past
// Xietongmen toward Qulong, looking ahead and down.
CameraPose flightPose(int i, int n) {
    const double t = n > 1 ? double(i) / double(n - 1) : 0.0;
    CameraPose p;
    p.lon_deg = 87.9 + t * (91.4 - 87.9);
    p.lat_deg = 29.35 + 0.25 * std::sin(t * 3.14159265358979);
    p.height_m = 9000.0;
    p.heading_deg = 80.0;
    p.pitch_deg = -22.0;
    return p;
}
}  // namespace

int runBench(const CommonOptions& common, const BenchOptions& opts) {
    int width = 0, height = 0;
    std::string error;
    if (!parseSizeArg(opts.size, width, height, error)) return logError(error), 1;
    if (opts.frames < 2) return logError("bench: --frames must be at least 2"), 1;
    auto opened = openScene(common.scene, logLine);
    if (!opened) return logError(opened.error().message), 1;
    Scene& scene = opened->scene;
    applyOverrides(scene, common);
    try {
        OffscreenOptions oo;
        oo.width = width;
        oo.height = height;
        oo.validation = common.validation;
        oo.device = common.device;
        oo.forceStaging = common.forceStaging;
        OffscreenSession session(oo);
        GlobeView view(opened->source, session.renderer(), logLine);
        const auto params = selectionParams(scene.maxScreenSpaceError, scene.shading, opened->source->maxZoom());

        std::vector<double> frameMs, prepareMs, drawMs, tris, tiles;
        for (int i = 0; i < opts.frames; ++i) {
            const Camera cam = makeCamera(flightPose(i, opts.frames), width, height);
            const auto t0 = std::chrono::steady_clock::now();
            const auto st = view.prepare(cam, params, -1);
            const auto t1 = std::chrono::steady_clock::now();
            const auto r = session.render(view.frame(cam, scene.shading), true);
            const auto t2 = std::chrono::steady_clock::now();
            prepareMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            drawMs.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
            frameMs.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
            tris.push_back(double(r.stats.triangles));
            tiles.push_back(double(st.drawn));
        }
        const auto& pool = session.renderer().tilePool();
        const double poolMiB = double(pool.capacity()) * double(pool.bytesPerTile()) / (1024.0 * 1024.0);
        const long rss = peakRssKiB();
        std::printf("plateau bench: %dx%d, %d frames, device %s\n", width, height, opts.frames,
                    session.context().deviceName().c_str());
        std::printf("  frame time (ms):      median %.1f  p95 %.1f  p99 %.1f  max %.1f\n", percentile(frameMs, 0.5),
                    percentile(frameMs, 0.95), percentile(frameMs, 0.99), percentile(frameMs, 1.0));
        std::printf("    select+load (ms):   median %.1f  p95 %.1f\n", percentile(prepareMs, 0.5), percentile(prepareMs, 0.95));
        std::printf("    draw (ms):          median %.1f  p95 %.1f\n", percentile(drawMs, 0.5), percentile(drawMs, 0.95));
        std::printf("  triangles per frame:  median %.0f  max %.0f\n", percentile(tris, 0.5), percentile(tris, 1.0));
        std::printf("  tiles per frame:      median %.0f  max %.0f\n", percentile(tiles, 0.5), percentile(tiles, 1.0));
        std::printf("  tiles loaded:         %llu (%llu bytes uploaded)\n", (unsigned long long)view.tilesLoadedTotal(),
                    (unsigned long long)pool.bytesUploaded());
        std::printf("  peak memory:          %.1f MiB resident (VmHWM); GPU tile pool %.1f MiB (%u slots)\n",
                    double(rss) / 1024.0, poolMiB, pool.capacity());
        if (!opts.report.empty()) {
            nlohmann::json j = {{"width", width}, {"height", height}, {"frames", opts.frames},
                                {"device", session.context().deviceName()},
                                {"frame_ms", {{"median", percentile(frameMs, 0.5)}, {"p95", percentile(frameMs, 0.95)},
                                              {"p99", percentile(frameMs, 0.99)}}},
                                {"triangles_median", percentile(tris, 0.5)}, {"tiles_median", percentile(tiles, 0.5)},
                                {"tiles_loaded", view.tilesLoadedTotal()}, {"peak_rss_kib", rss}};
            auto st = writeFileAtomic(opts.report, j.dump(2) + "\n");
            if (!st) return logError(st.error().message), 1;
        }
        if (session.context().validationMessageCount() > 0) return 3;
    } catch (const gpu::GpuError& e) {
        logError(e.what());
        return 1;
    }
    return 0;
}

}  // namespace plateau::app
