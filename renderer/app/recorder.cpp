#include "app/recorder.h"

#include <cfloat>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <imgui.h>

#include "app/offscreen_session.h"
#include "app/viewer.h"
#include "core/bounded_queue.h"
#include "io/frame_sink.h"
#include "ui/fonts.h"

namespace plateau::app {

namespace {

struct QueuedFrame {
    int number = 0;
    std::vector<std::uint8_t> rgba;
};

// The encoder thread: takes frames from the queue and writes them to the sink, in order. After
// the sink's first error it only drains the queue (the render loop sees failed() and stops).
class EncoderThread {
public:
    EncoderThread(FrameSink& sink, std::size_t capacity) : sink_(sink), queue_(capacity) {
        thread_ = std::thread([this] { run(); });
    }
    ~EncoderThread() { join(); }
    // Waits while the queue is full: rendering never runs more than `capacity` frames ahead.
    void push(QueuedFrame f) { queue_.push(std::move(f)); }
    void join() {
        queue_.close();
        if (thread_.joinable()) thread_.join();
    }
    bool failed() const { return failed_.load(); }
    int written() const { return written_.load(); }
    std::optional<Error> error() const {
        std::lock_guard lock(m_);
        return error_;
    }

private:
    void run() {
        while (auto f = queue_.pop()) {
            if (failed_) continue;
            if (auto st = sink_.write(f->number, f->rgba); !st) {
                std::lock_guard lock(m_);
                error_ = st.error();
                failed_ = true;
            } else {
                ++written_;
            }
        }
    }
    FrameSink& sink_;
    BoundedQueue<QueuedFrame> queue_;
    std::thread thread_;
    std::atomic<bool> failed_{false};
    std::atomic<int> written_{0};
    mutable std::mutex m_;
    std::optional<Error> error_;
};

}  // namespace

Result<RecordOutcome> recordClip(Viewer& viewer, OffscreenSession& session, const RecordClip& clip,
                                 const RecordSettings& settings, FrameSink& sink, const std::atomic<bool>& stop,
                                 const std::function<void(const RecordProgress&)>& progress) {
    RecordOutcome out;
    out.span = recordFrameSpan(clip.duration, settings.fps, settings.from_s, settings.to_s);
    if (out.span.count == 0) return makeError("record: no frames between " + std::to_string(settings.from_s) + " s and " +
                                              std::to_string(settings.to_s.value_or(clip.duration)) + " s of a " +
                                              std::to_string(clip.duration) + " s clip");
    const double fps = settings.fps;
    const auto t0 = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(session.width()), float(session.height()));
    io.DeltaTime = float(1.0 / fps);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no pointer: no hover, no picking

    gpu::Renderer& renderer = session.renderer();
    gpu::OffscreenTarget& target = session.target();
    EncoderThread encoder(sink, settings.queueFrames);
    std::optional<Error> failure;

    // A first frame while the layers open: the rasteriser builds its pipelines meanwhile.
    const double firstT = out.span.first / fps;
    viewer.applyPathSample(clip.at(firstT));
    session.render(viewer.frame(firstT), false);
    viewer.waitForLayers();

    std::optional<int> pending;  // the number of the frame drawn last, not yet handed to the encoder
    const auto handOver = [&](int number) {
        QueuedFrame f{number, {}};
        if (!target.readRingCapture(std::uint64_t(number), f.rgba)) {
            failure = makeError("record: frame " + std::to_string(number) + " was not read back");
            return;
        }
        encoder.push(std::move(f));
        ++out.frames;
    };

    for (int k = 0; k < out.span.count && !failure; ++k) {
        if (stop.load()) {
            out.interrupted = true;
            break;
        }
        if (encoder.failed()) break;
        const int i = out.span.first + k;
        const int number = i + 1;  // frame_00001.png shows t = 0
        const double t = i / fps;
        viewer.applyPathSample(clip.at(t));
        if (settings.settle) viewer.settle(settings.settleTimeout_s);
        // Frame i-1 is finished from here on: its depth hides this frame's labels and its
        // colour copy can be read.
        renderer.waitIdle();
        if (k == 0) {
            // The first frame's labels need a drawn depth of this view, like every later frame has.
            session.render(viewer.frame(t), false);
            renderer.waitIdle();
        }
        gpu::FrameDesc desc = viewer.frame(t);
        // Text the overlay had no glyphs for is baked into the atlas by the next frame(): draw that.
        for (int again = 0; again < 2 && ui::fontsNeedRebuild(); ++again) desc = viewer.frame(t);
        const PrepareStatsLite res = viewer.lastFrameResidency();
        int morphing = 0;
        for (float m : desc.tileMorph) morphing += m < 1.0f ? 1 : 0;
        if (res.missing > 0 || morphing > 0) {
            failure = makeError("frame " + std::to_string(number) + " drawn with " +
                                (res.missing > 0 ? std::to_string(res.missing) + " missing tiles"
                                                 : std::to_string(morphing) + " tiles morphing") +
                                (settings.settle ? " (the view did not settle in " +
                                                       std::to_string(int(settings.settleTimeout_s)) + " s)"
                                                 : " (settling is off)"));
            break;
        }
        target.requestRingCapture(std::uint64_t(number));
        session.render(desc, false);
        viewer.afterFrame();
        // Frame i-1's colour is read and queued while frame i draws.
        if (pending) handOver(*pending);
        pending = number;
        if (progress) progress({k + 1, out.span.count, elapsed()});
    }
    renderer.waitIdle();
    if (pending && !failure) handOver(*pending);
    encoder.join();
    out.frames = encoder.written();
    out.seconds = elapsed();
    if (auto e = encoder.error()) return *e;
    if (failure) return *failure;
    // Finished also when interrupted: the frames done make a playable file.
    if (auto st = sink.finish(); !st) return st.error();
    return out;
}

}  // namespace plateau::app
