#pragma once
// The program's commands. Each returns the process exit code: 0 success, 1 bad input (one line
// on stderr names the file or argument and the problem), 3 Vulkan validation messages were seen.
#include <string>

#include "app/globe_view.h"
#include "app/offscreen_session.h"
#include "core/scene.h"
#include "core/underground.h"
#include "core/tile_residency.h"

namespace plateau::app {

struct CommonOptions {
    std::string scene;
    std::string device;
    bool validation = false;
    bool forceStaging = false;
    double exaggeration = -1;  // < 0: keep the scene's value
    double contours = -1;
    double sse = -1;
    double fov = -1;  // vertical field of view in degrees; < 0: the scene camera's
    double sunAzimuth = -1000;
    double sunElevation = -1000;
    bool noLabel = false;
    double cacheMiB = -1;  // < 0: the scene's budget
    double gpuMiB = -1;
    std::string time;  // empty: the scene's current time
    bool noLayers = false;
    // Underground view: any of these turns it on.
    bool underground = false;
    double terrainOpacity = -1;  // < 0: opaque
    std::string cutaway;         // "LON,LAT,HEADING"
    int msaa = 0;  // MSAA samples per pixel (1, 2, 4, 8); 0: the command's default (1 here, 4 for recording)
};

struct RenderOptions {
    std::string camera;  // empty: the scene's camera
    std::string size = "1280x720";
    std::string out;
    bool withPanel = false;  // draw the panel and time bar as the window shows them
    std::string captionTitle, captionSubtitle, captionSource;  // a caption drawn into the still
    bool noScaleBar = false, noNorthArrow = false;
};

struct BenchOptions {
    std::string size = "1280x720";
    int frames = 240;
    std::string report;  // also write the figures as JSON here
    int soakMinutes = 0;     // > 0: the soak run instead (app/soak_command.cpp)
    unsigned long long seed = 1;  // the soak run's random flight
};

struct RecordOptions {
    std::string path;  // a camera path file (JSON)
    std::string tour;  // or a tour file
    std::string size = "1920x1080";
    int fps = 30;
    std::string out;   // a video file (.mp4), or a folder (or a name ending in '/') for PNGs
    bool sceneGiven = false;  // --scene was given: it wins over the tour's own scene
    int crf = 18;      // x264 quality: 0 lossless .. 51
    std::string codec = "libx264";
    double from = 0;   // seconds of the path: record from..to
    double to = -1;    // < 0: to the end
    bool noSettle = false;  // debugging: draw without waiting for tiles (the recorder then refuses the frames)
};

struct ViewOptions {
    std::string camera;
    std::string size = "1280x720";
    int frames = 0;  // > 0: close after this many frames (scripted runs)
    std::string fallbackOut = "plateau-view.png";
    std::string path;  // a flythrough path file to open in the panel
    std::string tour;        // a tour file to load (its scene unless --scene is given)
    bool sceneGiven = false; // --scene was given: it wins over the tour's
    bool present = false;    // start presenting the tour at once (fullscreen)
    bool autoplay = false;   // move on after each stop's dwell
};

// False (with a one-line error in `error`) when an option's value is invalid for this scene.
ui::StatusInfo statusLabel(const Scene& scene, const GlobeView& view);
bool applyOverrides(Scene& scene, const CommonOptions& common, std::string& error);
// The underground view: `out` holds the scene's on entry; the options switch it on and set opacity and cut.
bool undergroundOptions(const CommonOptions& common, UndergroundView& out, std::string& error);
// GPU tile slots allowed by the scene's GPU memory budget.
std::uint32_t tileCapacity(const Scene& scene);
// GPU slots for draped-layer tiles from the scene's memory.overlay_mib.
std::uint32_t overlayCapacity(const Scene& scene);
MemoryBudget memoryBudget(const Scene& scene);
OffscreenOptions offscreenOptions(const CommonOptions& common, const Scene& scene, int width, int height);
class Viewer;
// The end of a headless viewer run: stops the loaders, waits for the GPU, and returns 3 (with
// the count on stderr) when Vulkan validation reported anything, else 0.
int finishViewerRun(Viewer& viewer, OffscreenSession& session);
int runRender(const CommonOptions& common, const RenderOptions& opts);
int runBench(const CommonOptions& common, const BenchOptions& opts);
int runSoak(const CommonOptions& common, const BenchOptions& opts);
// Exit code 130 when stopped by Ctrl-C (the file holds the frames done).
int runRecord(const CommonOptions& common, const RecordOptions& opts);
int runView(const CommonOptions& common, const ViewOptions& opts);

}  // namespace plateau::app
