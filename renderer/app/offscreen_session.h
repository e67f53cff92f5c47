#pragma once
// A headless renderer: Vulkan context, offscreen target, renderer and a headless ImGui context
// for the label. Used by `plateau render`, `plateau bench` and the GPU tests.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gpu/context.h"
#include "gpu/offscreen_target.h"
#include "gpu/renderer.h"
#include "ui/view_settings.h"

namespace plateau::app {

struct OffscreenOptions {
    int width = 1280;
    int height = 720;
    bool validation = false;
    bool forceStaging = false;
    std::string device;
    std::uint32_t tileCapacity = 2048;
    std::uint32_t overlayCapacity = 1024;
    // MSAA samples per pixel (1: none; 2, 4, 8): the nearest the device has, logged when it
    // differs (gpu::targetSampleCount). target().samples() says what was used.
    std::uint32_t samples = 1;
};

class OffscreenSession {
public:
    explicit OffscreenSession(const OffscreenOptions& opts);  // throws gpu::GpuError
    ~OffscreenSession();
    OffscreenSession(const OffscreenSession&) = delete;
    OffscreenSession& operator=(const OffscreenSession&) = delete;

    gpu::Context& context() { return *ctx_; }
    gpu::Renderer& renderer() { return *renderer_; }
    gpu::OffscreenTarget& target() { return *target_; }
    int width() const { return width_; }
    int height() const { return height_; }

    // Draws one frame (with the label when given) and returns its RGBA pixels, top row first.
    // Map labels (may be null) are drawn under the status label; `drawMore` (may be empty) draws
    // more ImGui content first (deposit markers and their legend).
    std::vector<std::uint8_t> renderAndCapture(gpu::FrameDesc frame, const ui::StatusInfo* label,
                                               const std::vector<ui::ScreenLabel>* mapLabels = nullptr,
                                               const std::function<void()>& drawMore = {});
    // Creates the headless ImGui context (fonts, style) if there is none yet; text can be measured
    // after this.
    void ensureImGui();
    // Draws one frame without reading it back (benchmarks); waits for the GPU when `wait`.
    gpu::FrameResult render(const gpu::FrameDesc& frame, bool wait);
    std::vector<float> lastDepth() const { return target_->readDepth().values; }

private:
    int width_, height_;
    std::unique_ptr<gpu::Context> ctx_;
    std::unique_ptr<gpu::OffscreenTarget> target_;
    std::unique_ptr<gpu::Renderer> renderer_;
    bool imgui_ = false;
};

}  // namespace plateau::app
