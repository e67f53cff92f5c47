#include "app/offscreen_session.h"

#include <imgui.h>

#include "app/log.h"
#include "ui/overlay.h"

namespace plateau::app {

OffscreenSession::OffscreenSession(const OffscreenOptions& opts) : width_(opts.width), height_(opts.height) {
    gpu::ContextOptions co;
    co.validation = opts.validation;
    co.device = opts.device;
    co.forceStaging = opts.forceStaging;
    co.log = [](const std::string& s) { logLine(s); };
    ctx_ = gpu::Context::create(co);
    target_ = std::make_unique<gpu::OffscreenTarget>(*ctx_, VkExtent2D{std::uint32_t(opts.width), std::uint32_t(opts.height)},
                                                     opts.samples);
    renderer_ = std::make_unique<gpu::Renderer>(*ctx_, *target_, opts.tileCapacity, opts.overlayCapacity);
}

OffscreenSession::~OffscreenSession() {
    renderer_.reset();  // shuts the ImGui backend down while its context still exists
    if (imgui_) ImGui::DestroyContext();
}

gpu::FrameResult OffscreenSession::render(const gpu::FrameDesc& frame, bool wait) {
    auto r = renderer_->drawFrame(frame);
    if (wait) renderer_->waitIdle();
    return r;
}

void OffscreenSession::ensureImGui() {
    if (imgui_) return;
    ImGui::CreateContext();
    ui::setupImGui(float(height_) / 720.0f < 0.75f ? 0.75f : float(height_) / 720.0f);
    ImGui::GetIO().DisplaySize = ImVec2(float(width_), float(height_));
    // Fonts are built for measuring before the first frame.
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    renderer_->enableImGui();
    imgui_ = true;
}

std::vector<std::uint8_t> OffscreenSession::renderAndCapture(gpu::FrameDesc frame, const ui::StatusInfo* label,
                                                             const std::vector<ui::ScreenLabel>* mapLabels,
                                                             const std::function<void()>& drawMore) {
    if (label || (mapLabels && !mapLabels->empty()) || drawMore) {
        ensureImGui();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(width_), float(height_));
        io.DeltaTime = 1.0f / 30.0f;
        // Auto-sized windows take their size on their second frame.
        for (int i = 0; i < 2; ++i) {
            // Text the first frame drew that the atlas lacked (names in new scripts) is baked in
            // for the second.
            if (ui::fontsNeedRebuild()) {
                ui::buildFonts(ui::builtFontOptions());
                renderer_->rebuildImGuiFonts();
            }
            ImGui::NewFrame();
            if (drawMore) drawMore();
            if (mapLabels) ui::drawMapLabels(*mapLabels);
            if (label) ui::drawLabel(*label);
            ImGui::Render();
        }
        frame.ui = ImGui::GetDrawData();
    }
    target_->requestCapture();
    renderer_->drawFrame(frame);
    renderer_->waitIdle();
    return target_->readColourRgba();
}

}  // namespace plateau::app
