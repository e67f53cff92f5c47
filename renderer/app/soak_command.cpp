// `plateau bench --soak MINUTES`: the viewer as the window runs it (terrain, draped layers,
// labels, deposits, bodies, the timeline), flown along a long random path with interactive frames
// that never wait for tiles, printing the process's resident memory every minute. Leaks and
// caches that grow without bound show as a rising line; the budgets should hold it flat once the
// caches have filled (the first two minutes).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/globe_view.h"
#include "app/log.h"
#include "app/offscreen_session.h"
#include "app/process_memory.h"
#include "app/scene_setup.h"
#include "app/viewer.h"
#include "core/soak_path.h"
#include "gpu/renderer.h"
#include "gpu/tile_pool.h"
#include "gpu/vk_check.h"

namespace plateau::app {

int runSoak(const CommonOptions& common, const BenchOptions& opts) {
    int width = 0, height = 0;
    std::string error;
    if (!parseSizeArg(opts.size, width, height, error)) return logError(error), 1;
    auto opened = openScene(common.scene, logLine);
    if (!opened) return logError(opened.error().message), 1;
    Scene& scene = opened->scene;
    if (std::string err; !applyOverrides(scene, common, err)) return logError(err), 1;
    SoakRegion region;
    const CameraPose& home = scene.camera;
    region.bounds = {std::max(home.lon_deg - 3.0, -180.0), std::max(home.lat_deg - 1.5, -84.0),
                     std::min(home.lon_deg + 3.0, 180.0), std::min(home.lat_deg + 1.5, 84.0)};
    if (scene.timeline.present) region.startYear = scene.timeline.start, region.endYear = scene.timeline.end;
    SoakPath path(region, opts.seed);
    const std::size_t cacheBudget = memoryBudget(scene).cpuBytes;  // bytes
    ViewerOptions vo;
    vo.underground = scene.underground;
    vo.log = logLine;
    try {
        OffscreenSession session(offscreenOptions(common, scene, width, height));
        session.ensureImGui();
        Viewer viewer(std::move(*opened), session.context(), session.renderer(), session.target(), vo);
        viewer.panel().settings.showPanel = false;
        viewer.panel().showTimeBar = false;
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(width), float(height));
        io.DeltaTime = 1.0f / 30.0f;
        io.MousePos = ImVec2(-1.0f, -1.0f);
        std::printf("plateau soak: %d minutes at %dx%d, device %s, seed %llu; resident memory each minute\n",
                    opts.soakMinutes, width, height, session.context().deviceName().c_str(),
                    (unsigned long long)opts.seed);
        // Where resident memory goes: the tile cache's live bytes and the C heap, in use and taken
        // from the system (on a device without memory of its own, such as lavapipe or an
        // integrated GPU, the GPU pools are in the heap too), and the results the workers finished
        // that wait for the render thread (see WorkerPool).
        std::printf("  minute  frames  flights  resident MiB (anon+file)  tile cache MiB  heap used/held MiB  tiles drawn  "
                    "tiles uploaded  waiting MiB\n");
        std::fflush(stdout);
        const auto start = std::chrono::steady_clock::now();
        const auto minutesNow = [&] {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60.0;
        };
        std::vector<double> perMinute;  // MiB at the end of each minute
        const std::uint32_t tileSlots = session.renderer().tilePool().capacity();
        // The minute in which the tile cache first filled: 95 % of its memory budget, or of the
        // GPU's tile slots (the cache holds the tiles the GPU holds; whichever is smaller binds).
        int cacheFullMinute = 0;
        bool cacheFull = false;
        long frames = 0;
        int nextReport = 1;
        while (nextReport <= opts.soakMinutes) {
            // Flight time is wall-clock time, as in the window: a slow machine drops frames but
            // flies as far, so a minute of soak covers a minute of flying anywhere.
            const double t = minutesNow() * 60.0;
            PathSample s;
            s.pose = path.poseAt(t);
            if (scene.timeline.present) s.time = path.yearAt(t);
            viewer.applyPathSample(s);
            const gpu::FrameDesc f = viewer.frame(t);
            session.render(f, true);
            viewer.afterFrame();
            ++frames;
            cacheFull = cacheFull || double(viewer.view().store().bytes()) >= 0.95 * double(cacheBudget) ||
                        double(viewer.view().store().size()) >= 0.95 * double(tileSlots);
            if (minutesNow() >= double(nextReport)) {
                const double mib = double(procStatusKiB("VmRSS")) / 1024.0;
                perMinute.push_back(mib);
                if (cacheFull && cacheFullMinute == 0) cacheFullMinute = nextReport;
                const HeapStats heap = heapStats();
                std::printf("  %6d  %6ld  %7d  %7.1f (%6.1f+%5.1f)  %14.1f  %8.1f/%-8.1f  %11zu  %14llu  %11.1f\n",
                            nextReport,
                            frames, path.legs(), mib, double(procStatusKiB("RssAnon")) / 1024.0,
                            double(procStatusKiB("RssFile")) / 1024.0, double(viewer.view().store().bytes()) / 1048576.0,
                            heap.inUseMiB, heap.heldMiB, viewer.view().drawList().size(),
                            (unsigned long long)viewer.view().residency().uploadedTotal(),
                            double(viewer.view().residency().workerPool()->heldBytes()) / 1048576.0);
                std::fflush(stdout);
                ++nextReport;
            }
        }
        // Flat after the caches fill: the spread of the minutes after the second, against the
        // second minute's figure (the shorter runs CI makes compare what they have).
        const std::size_t base = std::min<std::size_t>(1, perMinute.size() - 1);
        const auto [lo, hi] = std::minmax_element(perMinute.begin() + long(base), perMinute.end());
        const double spread = perMinute[base] > 0 ? 100.0 * (*hi - *lo) / perMinute[base] : 0.0;
        std::printf("  after minute %zu: %.1f .. %.1f MiB, spread %.1f %% (target: within 5 %%)\n", base + 1, *lo, *hi,
                    spread);
        // Resident memory rises until the tile cache first fills, which on a slow device takes
        // longer than two minutes; the spread from then on shows whether anything else grows.
        if (cacheFullMinute == 0) {
            std::printf("  the tile cache did not fill (%.0f MiB, %u GPU tile slots)\n", double(cacheBudget) / 1048576.0,
                        tileSlots);
        } else {
            const auto [flo, fhi] = std::minmax_element(perMinute.begin() + (cacheFullMinute - 1), perMinute.end());
            std::printf("  after minute %d, when the tile cache first filled (%.0f MiB or %u GPU tile slots): "
                        "%.1f .. %.1f MiB, spread %.1f %%\n",
                        cacheFullMinute, double(cacheBudget) / 1048576.0, tileSlots, *flo, *fhi,
                        100.0 * (*fhi - *flo) / perMinute[std::size_t(cacheFullMinute - 1)]);
        }
        const Viewer::MemoryReleases& rel = viewer.memoryReleases();
        std::printf("  freed memory handed back to the system %d times, %.2f ms each on average, %.2f ms at most\n",
                    rel.count, rel.count ? rel.totalMs / rel.count : 0.0, rel.maxMs);
        return finishViewerRun(viewer, session);
    } catch (const gpu::GpuError& e) {
        logError(e.what());
        return 1;
    }
    return 0;
}

}  // namespace plateau::app
