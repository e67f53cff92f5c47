#include "app/cli.h"

#include <cstdlib>

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/log.h"
#include "app/process_memory.h"
#include "app/scene_setup.h"

namespace plateau::app {

namespace {
void addCommon(CLI::App& app, CommonOptions& c) {
    app.add_option("--scene", c.scene, "Scene file (JSON); default: assets/default.json, the southern plateau around Qulong");
    app.add_option("--device", c.device, "Vulkan device: index or part of its name (default: best GPU, else lavapipe)");
    app.add_flag("--validation", c.validation, "Enable Vulkan validation; exit with code 3 if it reports anything");
    app.add_flag("--force-staging", c.forceStaging, "Upload through staging buffers even on unified memory");
    app.add_option("--exaggeration", c.exaggeration, "Vertical exaggeration, 1 to 5")->check(CLI::Range(1.0, 5.0));
    app.add_option("--contours", c.contours, "Contour line interval in metres (0: none)")->check(CLI::Range(0.0, 10000.0));
    app.add_option("--fov", c.fov, "Vertical field of view in degrees (default: the scene camera's, 45)")
        ->check(CLI::Range(1.0, 150.0));
    app.add_option("--msaa", c.msaa,
                   "Anti-aliasing: MSAA samples per pixel, 1 (none), 2, 4 or 8 (the nearest the device has); default 1, "
                   "4 when recording")
        ->check(CLI::IsMember({1, 2, 4, 8}));
    app.add_option("--sse", c.sse, "Maximum screen-space error in pixels (level of detail)")->check(CLI::Range(0.25, 64.0));
    app.add_option("--sun-azimuth", c.sunAzimuth, "Sun azimuth in degrees clockwise from north")->check(CLI::Range(0.0, 360.0));
    app.add_option("--sun-elevation", c.sunElevation, "Sun elevation in degrees")->check(CLI::Range(0.0, 90.0));
    app.add_flag("--no-label", c.noLabel, "Do not draw the scene's title and data label");
    app.add_option("--time", c.time, "Timeline date YYYY, YYYY-MM or YYYY-MM-DD (default: the scene's)");
    app.add_flag("--no-layers", c.noLayers, "Draw the terrain alone, without the scene's layers");
    app.add_flag("--underground", c.underground,
                 "Underground view: the terrain's underside is drawn hatched and the camera may go below it");
    app.add_option("--terrain-opacity", c.terrainOpacity, "Terrain opacity 0..1 (underground view: bodies show through)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--cutaway", c.cutaway,
                   "Underground view: cut the terrain away on the side of a vertical plane through LON,LAT facing "
                   "HEADING (degrees clockwise from north)");
    app.add_option("--cache-budget-mib", c.cacheMiB, "Memory for decoded tiles (MiB; default: the scene's, 384)")
        ->check(CLI::Range(16.0, 1.0e6));
    app.add_option("--gpu-budget-mib", c.gpuMiB, "GPU memory for tile meshes (MiB; default: the scene's, 128)")
        ->check(CLI::Range(8.0, 1.0e6));
}
}  // namespace

int run(int argc, char** argv) {
    returnLargeBlocksWhenFreed();  // before any thread: tiles leave resident memory when evicted
    CLI::App app{"plateau: the Tibetan plateau in 3D on a Vulkan globe.\n"
                 "Without a command, opens a window on the scene (or, with no display, renders it to an image)."};
    app.set_help_all_flag("--help-all", "Show help for every command");
    app.require_subcommand(0, 1);

    CommonOptions common;
    ViewOptions view;
    addCommon(app, common);
    app.add_option("--camera", view.camera, "Start camera LON,LAT,HEIGHT[,HEADING[,PITCH[,FOV]]] (degrees, metres)");
    app.add_option("--size", view.size, "Window size WxH")->capture_default_str();
    app.add_option("--frames", view.frames, "Close the window after N frames (scripted runs)");
    app.add_option("--path", view.path, "Flythrough path file (JSON) to open in the panel's Flythrough section");
    app.add_option("--fallback-out", view.fallbackOut, "Image written when there is no display")->capture_default_str();
    app.add_option("--tour", view.tour, "Tour file (JSON) to load; its scene unless --scene is given");
    app.add_flag("--present", view.present, "Present the tour at once: fullscreen, keys step through the stops");
    app.add_flag("--autoplay", view.autoplay, "Present the tour moving on after each stop's dwell");

    RenderOptions render;
    CommonOptions renderCommon;
    auto* rc = app.add_subcommand("render", "Render one fully loaded still image without a display");
    addCommon(*rc, renderCommon);
    rc->add_option("--camera", render.camera, "Camera LON,LAT,HEIGHT[,HEADING[,PITCH[,FOV]]] (default: the scene's)");
    rc->add_option("--size", render.size, "Image size WxH")->capture_default_str();
    rc->add_option("--out", render.out, "Output PNG file (written atomically)")->required();
    rc->add_flag("--with-panel", render.withPanel, "Draw the panel and the time bar, as the window shows them");
    rc->add_option("--caption-title", render.captionTitle, "Caption title drawn into the image (UTF-8)");
    rc->add_option("--caption-subtitle", render.captionSubtitle, "Caption subtitle");
    rc->add_option("--caption-source", render.captionSource, "Caption source line");
    rc->add_flag("--no-scale-bar", render.noScaleBar, "Leave out the scale bar");
    rc->add_flag("--no-north-arrow", render.noNorthArrow, "Leave out the north arrow");

    BenchOptions bench;
    CommonOptions benchCommon;
    auto* bc = app.add_subcommand("bench", "Fly a fixed path headless and print frame-time figures");
    addCommon(*bc, benchCommon);
    bc->add_option("--size", bench.size, "Frame size WxH")->capture_default_str();
    bc->add_option("--frames", bench.frames, "Number of frames along the path")->capture_default_str();
    bc->add_option("--report", bench.report, "Also write the figures to this JSON file");
    bc->add_option("--soak", bench.soakMinutes,
                   "Soak run instead: fly a random path with every layer for MINUTES, printing resident memory each minute")
        ->check(CLI::Range(1, 100000));
    bc->add_option("--seed", bench.seed, "The soak run's random flight")->capture_default_str();

    RecordOptions record;
    CommonOptions recordCommon;
    auto* rec = app.add_subcommand("record", "Record a camera path or a tour to an MP4 video or PNG frames, settled and "
                                             "deterministic, without a display");
    addCommon(*rec, recordCommon);
    auto* pathOpt = rec->add_option("--path", record.path, "Camera path file (JSON), as the Flythrough section saves it");
    rec->add_option("--tour", record.tour, "Tour file (JSON)")->excludes(pathOpt);
    rec->add_option("--size", record.size, "Frame size WxH (even for video)")->capture_default_str();
    rec->add_option("--fps", record.fps, "Frames per second")->check(CLI::Range(1, 240))->capture_default_str();
    rec->add_option("--out", record.out,
                    "Output: a video file (.mp4: H.264, yuv420p), or a folder (or a name ending in '/') for "
                    "frame_00001.png, ...")
        ->required();
    rec->add_option("--crf", record.crf, "Video quality, x264's constant rate factor: 0 lossless .. 51 worst")
        ->check(CLI::Range(0, 51))
        ->capture_default_str();
    rec->add_option("--codec", record.codec, "FFmpeg video encoder")->capture_default_str();
    rec->add_option("--from", record.from, "Record from this second of the path")->check(CLI::Range(0.0, 1.0e6));
    rec->add_option("--to", record.to, "Record up to this second of the path (default: its end)")
        ->check(CLI::Range(0.0, 1.0e6));
    // Debugging the recorder's own check; not in --help.
    rec->add_flag("--debug-no-settle", record.noSettle, "")->group("");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        logError(e.what() + std::string(" (see plateau --help)"));
        return 1;
    }
    auto withScene = [](CommonOptions c) {
        if (c.scene.empty()) c.scene = defaultScenePath().string();
#ifdef PLATEAU_DEBUG_VALIDATION
        c.validation = true;  // debug builds always validate
#endif
        if (const char* v = std::getenv("PLATEAU_VALIDATION"); v && std::string(v) == "1") c.validation = true;
        return c;
    };
    view.sceneGiven = !common.scene.empty();
    if (*rc) return runRender(withScene(renderCommon), render);
    if (*bc) return bench.soakMinutes > 0 ? runSoak(withScene(benchCommon), bench) : runBench(withScene(benchCommon), bench);
    record.sceneGiven = !recordCommon.scene.empty();
    if (*rec) return runRecord(withScene(recordCommon), record);
    return runView(withScene(common), view);
}

}  // namespace plateau::app
