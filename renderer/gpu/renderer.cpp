#include "gpu/renderer.h"

#include "gpu/context.h"
#include "gpu/tile_uploader.h"
#include "gpu/frame_resources.h"
#include "gpu/frame_ring.h"
#include "gpu/imgui_pass.h"
#include "gpu/model_store.h"
#include "gpu/overlay_pool.h"
#include "gpu/render_target.h"
#include "gpu/tile_pool.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

Renderer::Renderer(const Context& ctx, RenderTarget& target, std::uint32_t tileCapacity, std::uint32_t overlayCapacity)
    : ctx_(ctx), target_(target) {
    ring_ = std::make_unique<FrameRing>(ctx);
    pool_ = std::make_unique<TilePool>(ctx, *ring_, tileCapacity);
    overlays_ = std::make_unique<OverlayPool>(ctx, *ring_, overlayCapacity);
    resources_ = std::make_unique<FrameResources>(ctx, pool_->capacity(), overlays_->images(), pool_->normalMaps());
    const VkDescriptorSetLayout set = resources_->setLayout();
    const PassTarget format{target.renderPass(), target.samples()};
    passes_.push_back(std::make_unique<SkyPass>(ctx.device(), format, set));
    models_ = std::make_unique<ModelStore>(ctx, *ring_);
    terrainPass_ = passes_.size();
    passes_.push_back(std::make_unique<TerrainPass>(ctx.device(), format, set, *pool_, *resources_,
                                                   ctx.supportsWireframe()));
    modelPass_ = passes_.size();
    passes_.push_back(std::make_unique<ModelPass>(ctx.device(), format, set, *models_));
    // Screen-space symbols go here, between the models and the panel.
}

Renderer::~Renderer() {
    // Deferred work refers to the pool: run it while the pool still exists.
    ring_->waitIdle();
    imgui_.reset();
    passes_.clear();
    models_.reset();
    resources_.reset();
    overlays_.reset();
    pool_.reset();
    ring_.reset();
}

void Renderer::enableImGui() {
    if (!imgui_) imgui_ = std::make_unique<ImGuiPass>(ctx_, PassTarget{target_.renderPass(), target_.samples()}, target_.imageCount());
}

void Renderer::rebuildImGuiFonts() {
    if (!imgui_) return;
    ring_->waitIdle();
    imgui_->rebuildFonts();
}

void Renderer::beginFrame() {
    if (recording_) return;
    FrameSlot& slot = ring_->begin();
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK(vkBeginCommandBuffer(slot.cmd, &bi));
    recording_ = true;
}

bool Renderer::uploadTile(const TileMesh& mesh) {
    beginFrame();
    return pool_->upload(ring_->current().cmd, mesh);
}

bool Renderer::replaceTile(const TileMesh& mesh) {
    beginFrame();
    return pool_->replace(ring_->current().cmd, mesh);
}

bool Renderer::isUploaded(const TileId& id) const { return pool_->contains(id); }

void Renderer::releaseTile(const TileId& id) { pool_->release(id); }

std::optional<std::uint32_t> Renderer::uploadOverlay(const OverlayImage& image) {
    beginFrame();
    return overlays_->upload(ring_->current().cmd, image);
}

void Renderer::releaseOverlay(std::uint32_t slot) { overlays_->release(slot); }

ModelHandle Renderer::uploadModel(const ModelData& model) {
    beginFrame();
    return models_->upload(ring_->current().cmd, model);
}

void Renderer::releaseModel(ModelHandle handle) { models_->release(handle); }

FrameResult Renderer::drawFrame(const FrameDesc& frame) { return drawFrame(frame, target_); }

FrameResult Renderer::drawFrame(const FrameDesc& frame, RenderTarget& target) {
    // The pipelines were made for target_'s render pass; another sample count is another
    // (incompatible) render pass.
    if (target.samples() != target_.samples())
        throw GpuError("drawFrame: the target has " + std::to_string(int(target.samples())) + "x MSAA, the renderer's " +
                       std::to_string(int(target_.samples())) + "x");
    beginFrame();
    FrameSlot& slot = ring_->current();
    VkCommandBuffer cmd = slot.cmd;
    FrameResult result;

    auto image = target.acquire(target.usesAcquireSemaphore() ? slot.acquired : VK_NULL_HANDLE);
    if (!image) {
        // Out of date: submit the uploads alone so recorded copies are not lost.
        VK_CHECK(vkEndCommandBuffer(cmd));
        VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        si.commandBufferCount = 1;
        si.pCommandBuffers = &cmd;
        VK_CHECK(vkResetFences(ctx_.device(), 1, &slot.fence));
        VK_CHECK(vkQueueSubmit(ctx_.queue(), 1, &si, slot.fence));
        recording_ = false;
        result.presented = false;
        return result;
    }
    pool_->finishUploads(cmd);
    const std::size_t slotIndex = ring_->slotIndex();
    writeFrameUniforms(*resources_, slotIndex, frame.camera, frame.style);
    PassContext pc;
    pc.cmd = cmd;
    pc.frame = &frame;
    pc.frameSet = resources_->set(slotIndex);
    pc.slot = slotIndex;
    pc.stats = &result.stats;
    for (auto& p : passes_) p->prepare(pc);

    const VkExtent2D extent = target.extent();
    VkClearValue clears[2];
    clears[0].color = {{frame.clearColour[0], frame.clearColour[1], frame.clearColour[2], frame.clearColour[3]}};
    clears[1].depthStencil = {0.0f, 0};  // reverse-Z: 0 is infinitely far
    VkRenderPassBeginInfo rbi{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    rbi.renderPass = target.renderPass();
    rbi.framebuffer = target.framebuffer(*image);
    rbi.renderArea = {{0, 0}, extent};
    rbi.clearValueCount = 2;
    rbi.pClearValues = clears;
    vkCmdBeginRenderPass(cmd, &rbi, VK_SUBPASS_CONTENTS_INLINE);
    VkViewport vp{0.0f, 0.0f, float(extent.width), float(extent.height), 0.0f, 1.0f};
    VkRect2D scissor{{0, 0}, extent};
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &scissor);

    const bool modelsFirst = frame.style.underground.opacity() < 1.0;
    for (std::size_t i = 0; i < passes_.size(); ++i) {
        std::size_t k = i;
        if (modelsFirst && i == terrainPass_) k = modelPass_;
        else if (modelsFirst && i == modelPass_) k = terrainPass_;
        passes_[k]->record(pc);
    }
    if (imgui_ && frame.ui) imgui_->record(cmd, frame.ui);
    vkCmdEndRenderPass(cmd);
    target.recordAfterPass(cmd, *image);
    VK_CHECK(vkEndCommandBuffer(cmd));

    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    VkSemaphore done = target.renderDone(*image);
    if (target.usesAcquireSemaphore()) {
        si.waitSemaphoreCount = 1;
        si.pWaitSemaphores = &slot.acquired;
        si.pWaitDstStageMask = &waitStage;
    }
    if (done) {
        si.signalSemaphoreCount = 1;
        si.pSignalSemaphores = &done;
    }
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd;
    VK_CHECK(vkResetFences(ctx_.device(), 1, &slot.fence));
    VK_CHECK(vkQueueSubmit(ctx_.queue(), 1, &si, slot.fence));
    recording_ = false;
    result.presented = target.present(ctx_.queue(), *image);
    return result;
}

void Renderer::waitIdle() { vkDeviceWaitIdle(ctx_.device()); }

}  // namespace plateau::gpu

namespace plateau::gpu {
std::size_t GpuOverlayUploader::capacity() const { return renderer_.overlayPool().capacity(); }
}  // namespace plateau::gpu
