#pragma once
// Renders a clip (a flythrough or a tour) frame by frame into a frame sink (H.264 video or a PNG
// sequence), settled and deterministic. Used by `plateau record`; the panel runs that command.
//
// Frame i shows the clip at exactly i / fps seconds on a fixed clock (never the wall clock):
// the sample is applied to the viewer, the view settles (every terrain and layer tile it needs
// resident at the target error, layers opened, no morph), then the frame is drawn. A frame that
// would be drawn with tiles missing or morphing fails the recording with "frame 17 drawn with
// 3 missing tiles": an offline frame never shows parents standing in for their children.
//
// Pipelining: the GPU draws frame i while the CPU settles frame i+1 (tile loading and meshing);
// frame i's colour is copied into a ring of host buffers and read (and handed to the encoder
// thread through a bounded queue) while frame i+1 draws. The one wait per frame, for frame i
// before frame i+1's overlay is built, makes labels hide behind the depth of exactly frame i
// (the newest finished depth copy otherwise depends on timing), which identical runs need.
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>

#include "core/camera_path.h"
#include "core/record_progress.h"
#include "core/result.h"

namespace plateau {
class FrameSink;
}

namespace plateau::app {

class OffscreenSession;
class Viewer;

// What to record: every value at an instant comes from `at` (PathSampler::at, or a tour's path).
struct RecordClip {
    double duration = 0;  // seconds
    std::function<PathSample(double seconds)> at;
};

struct RecordSettings {
    int fps = 30;
    double from_s = 0;             // record the frames with from <= i / fps < to
    std::optional<double> to_s;    // none: to the clip's end
    bool settle = true;            // false (debugging only): no waiting, so the residency check fails
    double settleTimeout_s = 120;  // per frame; a view still unsettled then fails the recording
    std::size_t queueFrames = 4;   // frames waiting for the encoder at most (a 1080p frame is 8 MB)
};

struct RecordOutcome {
    FrameSpan span;            // the frames asked for
    int frames = 0;            // frames written to the sink
    bool interrupted = false;  // stopped early; the sink was finished with the frames done
    double seconds = 0;        // wall time, for the figures
};

// Records `clip` through `viewer` (drawn into `session`'s offscreen target, whose size is the
// frame size) into `sink`, and finishes the sink, also when stopped early: `stop` is polled
// before each frame (Ctrl-C sets it). `progress` is called after each frame. Errors: the first
// frame drawn with tiles missing, or the sink's own one-line error (naming the file).
Result<RecordOutcome> recordClip(Viewer& viewer, OffscreenSession& session, const RecordClip& clip,
                                 const RecordSettings& settings, FrameSink& sink, const std::atomic<bool>& stop,
                                 const std::function<void(const RecordProgress&)>& progress = {});

}  // namespace plateau::app
