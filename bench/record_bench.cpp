// Recording speed and the cost of a settled frame against an interactive one, on the same path.
// Prints figures (no Google Benchmark: each frame depends on the ones before it).
//
//   build/bench/plateau_record_bench [--size 1280x720] [--seconds 4] [--fps 30] [--msaa 1|4] [--scene FILE] [--out FILE.mp4]
//
// --msaa: samples per pixel of every pass here (1 by default; `plateau record` uses 4).
//
// 1. cold: the path recorded from a fresh viewer into an MP4 (settling loads the tiles as it
//    goes): frames per second, encoding included;
// 2. interactive: the same frames as the window draws them (sample applied, frame(), drawn, no
//    waiting), with the tiles now resident;
// 3. warm: the path recorded again with those tiles resident: what settling, the per-frame wait,
//    readback and encoding add to an interactive frame of the same view.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/commands.h"
#include "app/offscreen_session.h"
#include "app/recorder.h"
#include "app/scene_setup.h"
#include "app/viewer.h"
#include "io/frame_sink.h"

using namespace plateau;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Pass {
    double seconds = 0;
    std::vector<double> frameMs;
};

Pass recordPass(app::Viewer& viewer, app::OffscreenSession& session, const app::RecordClip& clip, int fps,
                const std::string& out) {
    VideoOptions vo;
    vo.width = session.width();
    vo.height = session.height();
    vo.fps = fps;
    auto sink = openFrameSink(out, vo);
    if (!sink) {
        std::fprintf(stderr, "%s\n", sink.error().message.c_str());
        std::exit(1);
    }
    app::RecordSettings rs;
    rs.fps = fps;
    std::atomic<bool> stop{false};
    Pass p;
    double last = 0;
    auto done = app::recordClip(viewer, session, clip, rs, **sink, stop, [&](const RecordProgress& pr) {
        p.frameMs.push_back((pr.elapsedSeconds - last) * 1000.0);
        last = pr.elapsedSeconds;
    });
    if (!done) {
        std::fprintf(stderr, "%s\n", done.error().message.c_str());
        std::exit(1);
    }
    p.seconds = done->seconds;
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    std::string size = "1280x720", scenePath, out = "/tmp/plateau_record_bench.mp4";
    double seconds = 4.0;
    int fps = 30, msaa = 1;
    bool onlyCold = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--size") size = next();
        else if (a == "--seconds") seconds = std::stod(next());
        else if (a == "--fps") fps = std::stoi(next());
        else if (a == "--scene") scenePath = next();
        else if (a == "--out") out = next();
        else if (a == "--msaa") msaa = std::stoi(next());
        else if (a == "--only-record") onlyCold = true;  // one cold recording (for farm-bench)
    }
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2) return 1;
    auto opened = app::openScene(scenePath.empty() ? app::defaultScenePath() : std::filesystem::path(scenePath),
                                 [](const std::string&) {});
    if (!opened) return std::fprintf(stderr, "%s\n", opened.error().message.c_str()), 1;
    const CameraPose start = opened->scene.camera;
    auto oo = app::offscreenOptions(app::CommonOptions{}, opened->scene, w, h);
    oo.samples = msaa;
    app::OffscreenSession session(oo);
    session.ensureImGui();
    app::ViewerOptions vopt;
    app::Viewer viewer(std::move(*opened), session.context(), session.renderer(), session.target(), vopt);
    viewer.panel().settings.showPanel = false;
    viewer.panel().showTimeBar = false;
    // A flythrough's pace: forward about 1.5 km a second, turning 3 degrees a second.
    const app::RecordClip clip{seconds, [start](double t) {
                                   PathSample s;
                                   s.pose = start;
                                   const double north = std::cos(start.heading_deg * M_PI / 180.0);
                                   const double east = std::sin(start.heading_deg * M_PI / 180.0);
                                   s.pose.lat_deg += 0.0135 * t * north;
                                   s.pose.lon_deg += 0.0155 * t * east;
                                   s.pose.heading_deg += 3.0 * t;
                                   return s;
                               }};
    const int frames = int(std::ceil(seconds * fps - 1e-6));
    std::printf("scene camera %.3f %.3f %.0f m, %s, %dx MSAA, %d frames at %d fps\n", start.lon_deg, start.lat_deg,
                start.height_m, size.c_str(), msaa, frames, fps);

    const Pass cold = recordPass(viewer, session, clip, fps, out);
    std::printf("cold recording (settling loads tiles):  %.2f frames/s, %.0f ms a frame (median %.0f ms)\n",
                frames / cold.seconds, cold.seconds * 1000.0 / frames, median(cold.frameMs));
    if (onlyCold) return 0;

    // Interactive frames of the same views, tiles resident: what the window does each frame.
    ImGuiIO& io = ImGui::GetIO();
    std::vector<double> interactive;
    for (int i = 0; i < frames; ++i) {
        const double t = i / double(fps);
        const auto t0 = Clock::now();
        viewer.applyPathSample(clip.at(t));
        session.render(viewer.frame(100.0 + t), false);
        io.DeltaTime = float(1.0 / fps);
        interactive.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    session.renderer().waitIdle();
    const Pass warm = recordPass(viewer, session, clip, fps, out);
    const double mi = median(interactive), mw = median(warm.frameMs);
    std::printf("interactive frames, same views:         median %.1f ms\n", mi);
    std::printf("settled recording, tiles resident:      %.2f frames/s, median %.1f ms a frame\n",
                frames / warm.seconds, mw);
    std::printf("settled / interactive frame:            %.2fx\n", mw / mi);
    viewer.shutdown();
    session.renderer().waitIdle();
    return 0;
}
