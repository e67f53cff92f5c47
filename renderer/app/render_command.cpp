// `plateau render`: one still image of a scene, fully loaded, without a display.
#include <algorithm>
#include <chrono>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "app/layer_setup.h"
#include "app/map_labels.h"
#include "app/model_loading.h"
#include "ui/overlay.h"
#include "app/log.h"
#include "app/offscreen_session.h"
#include "gpu/tile_pool.h"
#include "app/scene_setup.h"
#include "gpu/vk_check.h"
#include "io/atomic_file.h"
#include "io/png_codec.h"

namespace plateau::app {

bool applyOverrides(Scene& scene, const CommonOptions& c, std::string& error) {
    if (c.exaggeration >= 0) scene.shading.exaggeration = c.exaggeration;
    if (c.contours >= 0) scene.shading.contourIntervalM = c.contours;
    if (c.sse > 0) scene.maxScreenSpaceError = c.sse;
    if (c.sunAzimuth > -1000) scene.shading.sunAzimuthDeg = c.sunAzimuth;
    if (c.sunElevation > -1000) scene.shading.sunElevationDeg = c.sunElevation;
    if (c.noLabel) scene.label.clear(), scene.title.clear();
    if (c.cacheMiB > 0) scene.memory.cacheMiB = c.cacheMiB;
    if (c.gpuMiB > 0) scene.memory.gpuMiB = c.gpuMiB;
    if (c.noLayers) scene.layers.clear();
    if (!c.time.empty()) {
        const auto t = parseDate(c.time);
        if (!t) {
            error = "--time: " + t.error().message;
            return false;
        }
        // The timeline widens to a date outside the scene's range rather than refusing it.
        scene.timeline.start = std::min(scene.timeline.start, *t);
        scene.timeline.end = std::max(scene.timeline.end, *t);
        scene.timeline.current = *t;
    }
    return true;
}

bool undergroundOptions(const CommonOptions& c, UndergroundView& out, std::string& error) {
    // `out` comes in as the scene's own underground view; the command line adds to it.
    out.enabled = out.enabled || c.underground || c.terrainOpacity >= 0.0 || !c.cutaway.empty();
    if (c.terrainOpacity >= 0.0) out.terrainOpacity = c.terrainOpacity;
    if (!c.cutaway.empty()) {
        const auto cut = parseCutawayArg(c.cutaway, error);
        if (!cut) return false;
        out.cutawayOn = true;
        out.cutaway = *cut;
    }
    return true;
}

std::uint32_t tileCapacity(const Scene& scene) {
    const double perTile = double(gpu::TilePool::slotBytes());
    return std::uint32_t(std::max(64.0, scene.memory.gpuMiB * 1048576.0 / perTile));
}

std::uint32_t overlayCapacity(const Scene& scene) {
    const double perTile = double(kOverlayTileSize) * kOverlayTileSize * 4.0;
    return std::uint32_t(std::max(16.0, scene.memory.overlayMiB * 1048576.0 / perTile));
}

MemoryBudget memoryBudget(const Scene& scene) {
    MemoryBudget b;
    b.cpuBytes = std::size_t(scene.memory.cacheMiB * 1048576.0);
    return b;
}

ui::StatusInfo statusLabel(const Scene& scene, const GlobeView& view) {
    ui::StatusInfo s{scene.title, scene.label, "", 0, 0, 0.0, {}, {}};
    if (scene.timeline.present) s.date = formatDate(scene.timeline.current);
    if (!scene.terrain.attribution.empty()) s.attributions.push_back(scene.terrain.attribution);
    for (const std::string& a : view.attributions()) s.attributions.push_back(a);
    return s;
}

OffscreenOptions offscreenOptions(const CommonOptions& common, const Scene& scene, int width, int height) {
    OffscreenOptions oo;
    oo.width = width;
    oo.height = height;
    oo.validation = common.validation;
    oo.device = common.device;
    oo.forceStaging = common.forceStaging;
    oo.tileCapacity = tileCapacity(scene);
    oo.overlayCapacity = overlayCapacity(scene);
    return oo;
}

int runRender(const CommonOptions& common, const RenderOptions& opts) {
    int width = 0, height = 0;
    std::string error;
    if (!parseSizeArg(opts.size, width, height, error)) return logError(error), 1;
    if (opts.out.empty()) return logError("render: --out FILE.png is required"), 1;
    auto opened = openScene(common.scene, logLine);
    if (!opened) return logError(opened.error().message), 1;
    Scene& scene = opened->scene;
    if (std::string err; !applyOverrides(scene, common, err)) return logError(err), 1;
    UndergroundView underground = scene.underground;
    if (std::string err; !undergroundOptions(common, underground, err)) return logError(err), 1;
    CameraPose pose = scene.camera;
    if (!opts.camera.empty()) {
        auto p = parseCameraArg(opts.camera, error);
        if (!p) return logError(error), 1;
        pose = *p;
    }
    try {
        OffscreenSession session(offscreenOptions(common, scene, width, height));
        GlobeView view(opened->source, session.renderer(), logLine, memoryBudget(scene));
        LayerLoader(view, scene.layers, opened->cancel, logLine).wait();
        ViewModels models(session.renderer());
        ModelLoader(models, scene.layers, logLine).wait();
        DepositLayers deposits(scene.layers, logLine);
        const Camera cam = makeCamera(pose, width, height);
        const auto t0 = std::chrono::steady_clock::now();
        // A first, coarse frame is drawn as soon as anything is resident: the rasteriser builds
        // its shaders while the workers still load tiles (a software one takes long for that).
        const FrameInput input{cam, scene.timeline.current, 0.0};
        const auto frameOf = [&] {
            gpu::FrameDesc f = view.frame(input, scene.shading);
            f.style.underground = underground;
            f.models = models.instances(view, scene.shading.exaggeration);
            return f;
        };
        const auto stats = view.settle(
            input, selectionParams(scene.maxScreenSpaceError, scene.shading, opened->source->maxZoom()), 120.0,
            [&] { session.render(frameOf(), false); });
        if (!stats.settled) logLine("view not settled: " + std::to_string(stats.missing) + " tiles could not be loaded");
        ui::StatusInfo label = statusLabel(scene, view);
        for (const std::string& a : deposits.attributions()) label.attributions.push_back(a);
        const bool showLabel = !scene.label.empty() || !scene.title.empty();
        // Feature labels hide behind terrain by the depth of a frame drawn first without them.
        std::vector<ui::ScreenLabel> mapLabels;
        // Deposit markers likewise.
        if (hasLabels(view) || deposits.any()) {
            const gpu::FrameDesc plain = frameOf();
            session.target().requestDepth();
            session.render(plain, true);
            session.ensureImGui();
            const std::vector<float> depth = session.lastDepth();
            if (hasLabels(view))
                mapLabels = placeLabels(view, plain.camera, input.time, scene.shading.exaggeration, depth, ui::measureText);
            deposits.place(view, plain.camera, input.time, scene.shading.exaggeration, depth, ui::measureText);
            deposits.dropCoveredLabels(mapLabels, ui::measureText);
        }
        // Bodies lie under the ground: their labels belong to the underground view, where they
        // can be seen (above ground they would cover the deposit markers of the same place).
        if (underground.enabled)
            for (ui::ScreenLabel& l : models.labels(cam, view, scene.shading.exaggeration)) mapLabels.push_back(std::move(l));
        std::function<void()> drawDeposits;
        if (deposits.any()) drawDeposits = [&deposits] { deposits.draw(); };
        auto pixels = session.renderAndCapture(frameOf(), showLabel ? &label : nullptr, &mapLabels, drawDeposits);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        Image8 img{width, height, 4, std::move(pixels)};
        auto png = encodePng(img);
        if (!png) return logError(png.error().message), 1;
        auto st = writeFileAtomic(opts.out, *png);
        if (!st) return logError(st.error().message), 1;
        logLine("wrote " + opts.out + " (" + opts.size + ", " + std::to_string(stats.drawn) + " tiles, " +
                std::to_string(int(ms)) + " ms)");
        opened->cancelTransfers();  // requests still in flight must not hold up the exit
        if (session.context().validationMessageCount() > 0) {
            logError(std::to_string(session.context().validationMessageCount()) + " Vulkan validation messages");
            return 3;
        }
    } catch (const gpu::GpuError& e) {
        logError(e.what());
        return 1;
    }
    return 0;
}

}  // namespace plateau::app
