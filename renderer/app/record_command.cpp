// `plateau record`: a flythrough (or a tour) rendered headless, frame by frame and settled, into
// an H.264 MP4 or a PNG sequence (app/recorder.h does the frames).
#include <atomic>
#include <csignal>
#include <cstdio>

#include <unistd.h>

#include <imgui.h>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/log.h"
#include "app/offscreen_session.h"
#include "app/path_ground.h"
#include "app/recorder.h"
#include "app/scene_setup.h"
#include "app/viewer.h"
#include "core/camera_path.h"
#include "core/record_progress.h"
#include "gpu/vk_check.h"
#include "io/camera_path_file.h"
#include "io/frame_sink.h"

namespace plateau::app {

namespace {

// Set by SIGINT: the recorder stops after the frame it is drawing and finishes the file.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void onInterrupt(int) { g_stop.store(true); }

// Ctrl-C is caught while recording and restored after (a second Ctrl-C still stops at once).
class InterruptGuard {
public:
    InterruptGuard() {
        g_stop.store(false);
        struct sigaction sa {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(SIGINT, &sa, &old_);
        sigaction(SIGTERM, &sa, &oldTerm_);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &old_, nullptr);
        sigaction(SIGTERM, &oldTerm_, nullptr);
    }

private:
    struct sigaction old_ {};
    struct sigaction oldTerm_ {};
};

// Progress on stderr: a bar redrawn in place on a terminal; otherwise (a log, or the panel's
// pipe) a line a second and the last one.
class ProgressPrinter {
public:
    ProgressPrinter() : tty_(::isatty(STDERR_FILENO) == 1) {}
    void operator()(const RecordProgress& p) {
        if (tty_) {
            std::fprintf(stderr, "\r%s", formatProgressBar(p).c_str());
            std::fflush(stderr);
            shown_ = true;
            return;
        }
        if (p.done == p.total || p.elapsedSeconds - lastLine_ >= 1.0) {
            lastLine_ = p.elapsedSeconds;
            std::fprintf(stderr, "%s\n", formatProgressLine(p).c_str());
            std::fflush(stderr);
        }
    }
    void end() {
        if (tty_ && shown_) std::fprintf(stderr, "\n");
        shown_ = false;
    }

private:
    bool tty_;
    bool shown_ = false;
    double lastLine_ = -1.0;
};

Result<RecordClip> loadClip(const RecordOptions& opts, const OpenedScene& opened) {
    if (!opts.tour.empty())
        return makeError(opts.tour + ": recording tours is not available in this build yet (record a --path)");
    auto path = readCameraPathFile(opts.path);
    if (!path) return path.error();
    // The ground read at one fixed level from the source (app/path_ground.h), not from whichever
    // tiles happen to be resident: every run samples the same path.
    auto sampler = std::make_shared<PathSampler>(
        std::move(*path), pathGround(opened.source, opened.scene.shading.exaggeration));
    return RecordClip{sampler->duration(), [sampler](double t) { return sampler->at(t); }};
}

}  // namespace

int runRecord(const CommonOptions& common, const RecordOptions& opts) {
    int width = 0, height = 0;
    std::string error;
    if (!parseSizeArg(opts.size, width, height, error)) return logError(error), 1;
    if (opts.path.empty() == opts.tour.empty()) return logError("record: give one of --path FILE or --tour FILE"), 1;
    auto opened = openScene(common.scene, logLine);
    if (!opened) return logError(opened.error().message), 1;
    Scene& scene = opened->scene;
    if (std::string err; !applyOverrides(scene, common, err)) return logError(err), 1;
    auto clip = loadClip(opts, *opened);
    if (!clip) return logError(clip.error().message), 1;
    ViewerOptions vo;
    vo.underground = scene.underground;
    if (std::string err; !undergroundOptions(common, vo.underground, err)) return logError(err), 1;
    vo.log = logLine;

    RecordSettings rs;
    rs.fps = opts.fps;
    rs.from_s = opts.from;
    if (opts.to >= 0) rs.to_s = opts.to;
    rs.settle = !opts.noSettle;
    const FrameSpan span = recordFrameSpan(clip->duration, rs.fps, rs.from_s, rs.to_s);
    if (span.count == 0)
        return logError("record: no frames between --from " + std::to_string(opts.from) + " and --to of a " +
                        std::to_string(clip->duration) + " s path"),
               1;

    // The output is opened before any rendering: an unwritable file, an odd size for yuv420p or
    // an unknown codec fail at once.
    VideoOptions video;
    video.width = width;
    video.height = height;
    video.fps = opts.fps;
    video.crf = opts.crf;
    video.codec = opts.codec;
    auto sink = openFrameSink(opts.out, video);
    if (!sink) return logError(sink.error().message), 1;

    int code = 0;
    try {
        OffscreenOptions oo = offscreenOptions(common, scene, width, height);
        // --msaa is handed to the renderer's targets once they draw multisampled; until then
        // frames are single-sampled whatever it says.
        (void)opts.msaa;
        OffscreenSession session(oo);
        session.ensureImGui();
        Viewer viewer(std::move(*opened), session.context(), session.renderer(), session.target(), vo);
        viewer.panel().settings.showPanel = false;  // a recording shows the view, not the window's panel
        viewer.panel().showTimeBar = false;
        logLine("recording " + std::to_string(span.count) + " frames at " + std::to_string(opts.fps) + " fps, " +
                opts.size + ", to " + opts.out);
        ProgressPrinter printer;
        InterruptGuard guard;
        auto done = recordClip(viewer, session, *clip, rs, **sink, g_stop,
                               [&printer](const RecordProgress& p) { printer(p); });
        printer.end();
        viewer.shutdown();
        session.renderer().waitIdle();
        if (!done) {
            logError(done.error().message);
            code = 1;
        } else if (done->interrupted) {
            logLine("interrupted: " + opts.out + " holds the first " + std::to_string(done->frames) + " of " +
                    std::to_string(span.count) + " frames");
            code = 130;  // 128 + SIGINT, as a shell reports a process stopped by Ctrl-C
        } else {
            char rate[32];
            std::snprintf(rate, sizeof rate, "%.2f", done->seconds > 0 ? done->frames / done->seconds : 0.0);
            logLine("wrote " + opts.out + " (" + std::to_string(done->frames) + " frames, " + opts.size + ", " +
                    std::to_string(int(done->seconds * 1000)) + " ms, " + rate + " frames/s)");
        }
        if (session.context().validationMessageCount() > 0) {
            logError(std::to_string(session.context().validationMessageCount()) + " Vulkan validation messages");
            return 3;
        }
    } catch (const gpu::GpuError& e) {
        logError(e.what());
        return 1;
    }
    return code;
}

}  // namespace plateau::app
