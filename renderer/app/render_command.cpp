// `plateau render`: one still image of a scene, fully loaded, without a display.
#include <algorithm>
#include <chrono>

#include <imgui.h>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "app/layer_setup.h"
#include "app/map_labels.h"
#include "app/model_loading.h"
#include "app/viewer.h"
#include "core/attributions.h"
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
    if (c.fov > 0) scene.camera.fov_deg = c.fov;
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
    // The credits of what is visible: the terrain and each visible layer, draped or not, once each;
    // a layer without its own credit shows its source's (a TileJSON attribution).
    s.attributions = visibleAttributions(scene.terrain.attribution, scene.layers, [&view](const LayerDesc& l) {
        if (const auto i = view.indexOf(l.id))
            if (const ViewLayer& v = view.layers()[*i]; v.residency) return v.residency->source().attribution();
        return std::string();
    });
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
    oo.samples = common.msaa > 0 ? std::uint32_t(common.msaa) : 1u;
    return oo;
}

int finishViewerRun(Viewer& viewer, OffscreenSession& session) {
    viewer.shutdown();  // requests still in flight must not hold up the exit
    session.renderer().waitIdle();
    if (session.context().validationMessageCount() > 0) {
        logError(std::to_string(session.context().validationMessageCount()) + " Vulkan validation messages");
        return 3;
    }
    return 0;
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
    ViewerOptions vo;
    vo.underground = scene.underground;  // the scene's own, with the options' additions
    if (std::string err; !undergroundOptions(common, vo.underground, err)) return logError(err), 1;
    if (!opts.camera.empty()) {
        auto p = parseCameraArg(opts.camera, error, scene.camera.fov_deg);
        if (!p) return logError(error), 1;
        vo.camera = *p;
    }
    vo.log = logLine;
    try {
        // The window's own viewer, drawn offscreen: a still shows what the window shows.
        OffscreenSession session(offscreenOptions(common, scene, width, height));
        session.ensureImGui();
        Viewer viewer(std::move(*opened), session.context(), session.renderer(), session.target(), vo);
        viewer.panel().settings.showPanel = opts.withPanel;
        viewer.panel().showTimeBar = opts.withPanel;
        viewer.panel().settings.scaleBar = !opts.noScaleBar;
        viewer.panel().settings.northArrow = !opts.noNorthArrow;
        const Caption caption{opts.captionTitle, opts.captionSubtitle, opts.captionSource};
        if (!caption.empty()) viewer.setCaption(caption);
        const auto t0 = std::chrono::steady_clock::now();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(width), float(height));
        io.DeltaTime = 1.0f / 30.0f;
        io.MousePos = ImVec2(-1.0f, -1.0f);
        double now = 0.0;
        const auto drawOne = [&](bool capture) {
            now += 1.0 / 30.0;
            const gpu::FrameDesc f = viewer.frame(now);
            if (capture) session.target().requestCapture();
            session.render(f, true);
        };
        // A first, coarse frame is drawn while the layers open: the rasteriser builds its
        // shaders meanwhile (a software one takes long for that).
        drawOne(false);
        viewer.waitForLayers();
        const auto stats = viewer.settle(120.0);
        if (!stats.settled) logLine("view not settled: " + std::to_string(stats.missing) + " tiles could not be loaded");
        // Labels and markers hide behind terrain by the depth of a settled frame drawn first;
        // auto-sized windows take their size on their second frame.
        drawOne(false);
        drawOne(true);
        auto pixels = session.target().readColourRgba();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        Image8 img{width, height, 4, std::move(pixels)};
        auto png = encodePng(img);
        if (!png) return logError(png.error().message), 1;
        auto st = writeFileAtomic(opts.out, *png);
        if (!st) return logError(st.error().message), 1;
        logLine("wrote " + opts.out + " (" + opts.size + ", " + std::to_string(viewer.view().drawList().size()) +
                " tiles, " + std::to_string(int(ms)) + " ms)");
        return finishViewerRun(viewer, session);
    } catch (const gpu::GpuError& e) {
        logError(e.what());
        return 1;
    }
    return 0;
}

}  // namespace plateau::app
