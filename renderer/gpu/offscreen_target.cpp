#include "gpu/offscreen_target.h"

#include <cstring>

#include "gpu/context.h"
#include "gpu/memory_types.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
Buffer makeReadback(const Context& ctx, VkDeviceSize size) {
    const VkMemoryPropertyFlags req = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    auto type = findMemoryType(ctx.memoryProperties(), ~0u, req, VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    if (!type) throw GpuError("offscreen target: no host-visible memory for readback");
    return Buffer(ctx, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, *type);
}
}  // namespace

OffscreenTarget::OffscreenTarget(const Context& ctx, VkExtent2D extent) : RenderTarget(ctx), ctx_(ctx), extent_(extent) {
    const auto& lim = ctx.properties().limits;
    if (extent.width == 0 || extent.height == 0 || extent.width > lim.maxImageDimension2D ||
        extent.height > lim.maxImageDimension2D)
        throw GpuError("image size " + std::to_string(extent.width) + "x" + std::to_string(extent.height) +
                       " is outside 1.." + std::to_string(lim.maxImageDimension2D) + " on this device");
    colour_ = Image(ctx, extent, kColourFormat, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                    VK_IMAGE_ASPECT_COLOR_BIT);
    depth_ = Image(ctx, extent, kDepthFormat,
                   VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                   VK_IMAGE_ASPECT_DEPTH_BIT);
    renderPass_ = createRenderPass(ctx.device(), kColourFormat, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
    framebuffer_ = createFramebuffer(ctx.device(), renderPass_, colour_.view(), depth_.view(), extent);
    const VkDeviceSize pixels = VkDeviceSize(extent.width) * extent.height;
    colourReadback_ = makeReadback(ctx, pixels * 4);
}

OffscreenTarget::~OffscreenTarget() {
    vkDeviceWaitIdle(ctx_.device());
    vkDestroyFramebuffer(ctx_.device(), framebuffer_, nullptr);
    vkDestroyRenderPass(ctx_.device(), renderPass_, nullptr);
}

void OffscreenTarget::recordAfterPass(VkCommandBuffer cmd, std::uint32_t) {
    depthReadback_.record(cmd, depth_.handle(), extent_);
    if (ring_) ring_->record(cmd, colour_.handle());
    if (!captureNext_) return;
    captureNext_ = false;
    // Colour is already TRANSFER_SRC (the render pass's final layout).
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent_.width, extent_.height, 1};
    vkCmdCopyImageToBuffer(cmd, colour_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, colourReadback_.handle(), 1, &region);
    // Make the copy visible to the host once the fence signals.
    VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0, nullptr, 0,
                         nullptr);
}

void OffscreenTarget::requestRingCapture(std::uint64_t tag) {
    if (!ring_) ring_ = std::make_unique<ColourReadbackRing>(ctx_, extent_);
    ring_->request(tag);
}

std::vector<std::uint8_t> OffscreenTarget::readColourRgba() const {
    const std::size_t n = std::size_t(extent_.width) * extent_.height;
    std::vector<std::uint8_t> out(n * 4);
    const auto* src = static_cast<const std::uint8_t*>(colourReadback_.mapped());
    for (std::size_t i = 0; i < n; ++i) {  // BGRA -> RGBA
        out[i * 4 + 0] = src[i * 4 + 2];
        out[i * 4 + 1] = src[i * 4 + 1];
        out[i * 4 + 2] = src[i * 4 + 0];
        out[i * 4 + 3] = 255;
    }
    return out;
}

}  // namespace plateau::gpu
