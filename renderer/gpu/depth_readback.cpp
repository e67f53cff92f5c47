#include "gpu/depth_readback.h"

#include <cstring>

#include "gpu/context.h"
#include "gpu/memory_types.h"
#include "gpu/render_target.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

static_assert(kDepthFormat == VK_FORMAT_D32_SFLOAT, "the readback copies 4-byte float depth texels");

DepthReadback::DepthReadback(const Context& ctx) : ctx_(ctx) {
    for (auto& s : slots_) {
        VkEventCreateInfo eci{VK_STRUCTURE_TYPE_EVENT_CREATE_INFO};
        VK_CHECK(vkCreateEvent(ctx.device(), &eci, nullptr, &s.done));
    }
}

DepthReadback::~DepthReadback() {
    for (auto& s : slots_) vkDestroyEvent(ctx_.device(), s.done, nullptr);
}

void DepthReadback::record(VkCommandBuffer cmd, VkImage depth, VkExtent2D extent) {
    if (!requested_) return;
    requested_ = false;
    ++serial_;
    Slot& s = slots_[serial_ % slots_.size()];
    // This slot's previous copy is finished (see the header), so its buffer and event are free.
    const VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * sizeof(float);
    if (!s.buffer || s.buffer.size() < bytes) {
        const auto type = findMemoryType(ctx_.memoryProperties(), bufferMemoryTypeBits(ctx_, VK_BUFFER_USAGE_TRANSFER_DST_BIT),
                                         VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                         VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
        if (!type) throw GpuError("depth readback: no host-visible memory");
        s.buffer = Buffer(ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, *type);
    }
    VK_CHECK(vkResetEvent(ctx_.device(), s.done));
    s.extent = extent;
    s.serial = serial_;
    s.tag = requestTag_;

    // Written by the depth tests at 1x, by the render pass's depth resolve with MSAA (resolves
    // run in the colour output stage as colour attachment writes, depth included).
    VkImageMemoryBarrier toSrc{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    toSrc.srcAccessMask = VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    toSrc.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    toSrc.oldLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    toSrc.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    toSrc.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toSrc.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toSrc.image = depth;
    toSrc.subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cmd,
                         VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT |
                             VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &toSrc);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, depth, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, s.buffer.handle(), 1, &region);
    // The copy's writes reach the host domain, then the event tells the host they have.
    VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0, nullptr, 0,
                         nullptr);
    vkCmdSetEvent(cmd, s.done, VK_PIPELINE_STAGE_TRANSFER_BIT);
}

DepthImage DepthReadback::latest() const {
    const Slot* best = nullptr;
    for (const auto& s : slots_)
        if (s.serial && (!best || s.serial > best->serial) && vkGetEventStatus(ctx_.device(), s.done) == VK_EVENT_SET)
            best = &s;
    DepthImage out;
    if (!best) return out;
    out.width = best->extent.width;
    out.height = best->extent.height;
    out.serial = best->serial;
    out.tag = best->tag;
    out.values.resize(std::size_t(out.width) * out.height);
    std::memcpy(out.values.data(), best->buffer.mapped(), out.values.size() * sizeof(float));
    return out;
}

}  // namespace plateau::gpu
