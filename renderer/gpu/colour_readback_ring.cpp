#include "gpu/colour_readback_ring.h"

#include "gpu/context.h"
#include "gpu/memory_types.h"
#include "gpu/render_target.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

static_assert(kColourFormat == VK_FORMAT_B8G8R8A8_UNORM, "the ring converts BGRA8 texels to RGBA8");

ColourReadbackRing::ColourReadbackRing(const Context& ctx, VkExtent2D extent, std::size_t slots)
    : ctx_(ctx), extent_(extent), slots_(slots < 2 ? 2 : slots) {
    const VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
    // Host-cached memory where there is some: the host reads every byte of each copy.
    const auto type = findMemoryType(ctx.memoryProperties(), bufferMemoryTypeBits(ctx, VK_BUFFER_USAGE_TRANSFER_DST_BIT),
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                     VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    if (!type) throw GpuError("colour readback: no host-visible memory");
    for (Slot& s : slots_) {
        s.buffer = Buffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, *type);
        VkEventCreateInfo eci{VK_STRUCTURE_TYPE_EVENT_CREATE_INFO};
        VK_CHECK(vkCreateEvent(ctx.device(), &eci, nullptr, &s.done));
    }
}

ColourReadbackRing::~ColourReadbackRing() {
    vkDeviceWaitIdle(ctx_.device());  // no copy may still target a buffer freed here
    for (Slot& s : slots_) vkDestroyEvent(ctx_.device(), s.done, nullptr);
}

void ColourReadbackRing::record(VkCommandBuffer cmd, VkImage colour) {
    if (!requested_) return;
    requested_ = false;
    Slot& s = slots_[next_];
    next_ = (next_ + 1) % slots_.size();
    VK_CHECK(vkResetEvent(ctx_.device(), s.done));
    s.tag = requestTag_;
    s.used = true;
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent_.width, extent_.height, 1};
    vkCmdCopyImageToBuffer(cmd, colour, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, s.buffer.handle(), 1, &region);
    // The copy's writes reach the host domain, then the event tells the host they have.
    VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0, nullptr, 0,
                         nullptr);
    vkCmdSetEvent(cmd, s.done, VK_PIPELINE_STAGE_TRANSFER_BIT);
}

bool ColourReadbackRing::read(std::uint64_t tag, std::vector<std::uint8_t>& rgba) const {
    for (const Slot& s : slots_) {
        if (!s.used || s.tag != tag) continue;
        if (vkGetEventStatus(ctx_.device(), s.done) != VK_EVENT_SET) return false;
        const std::size_t n = std::size_t(extent_.width) * extent_.height;
        rgba.resize(n * 4);
        const auto* src = static_cast<const std::uint8_t*>(s.buffer.mapped());
        std::uint8_t* dst = rgba.data();
        for (std::size_t i = 0; i < n; ++i, src += 4, dst += 4) {  // BGRA -> RGBA
            dst[0] = src[2];
            dst[1] = src[1];
            dst[2] = src[0];
            dst[3] = 255;
        }
        return true;
    }
    return false;
}

}  // namespace plateau::gpu
