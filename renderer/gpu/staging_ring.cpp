#include "gpu/staging_ring.h"

#include <algorithm>

#include "gpu/context.h"
#include "gpu/memory_types.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
VkDeviceSize alignUp(VkDeviceSize v, VkDeviceSize a) { return (v + a - 1) & ~(a - 1); }
}  // namespace

StagingRing::StagingRing(const Context& ctx, std::size_t slotCount, VkDeviceSize bytesPerFrame)
    : ctx_(ctx), bytesPerFrame_(std::max<VkDeviceSize>(bytesPerFrame, 4096)), slots_(slotCount) {
    if (slotCount == 0) throw GpuError("staging ring: no frame slots");
}

StagingRing::Block StagingRing::makeBlock(VkDeviceSize size) {
    if (!haveType_) {
        // The same choice as planStaticUpload's staging type: host-visible and coherent, so a
        // memcpy before the submit is all it takes (no flush).
        const auto type = findMemoryType(ctx_.memoryProperties(), bufferMemoryTypeBits(ctx_, VK_BUFFER_USAGE_TRANSFER_SRC_BIT),
                                         VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
        if (!type) throw GpuError("staging ring: no host-visible coherent memory for staging buffers");
        memoryType_ = *type;
        haveType_ = true;
    }
    Block b;
    b.buffer = Buffer(ctx_, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, memoryType_);
    ++stats_.buffersCreated;
    return b;
}

StagingSpan StagingRing::allocate(VkDeviceSize size, VkDeviceSize alignment) {
    if (size == 0) throw GpuError("staging ring: empty allocation");
    if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        throw GpuError("staging ring: alignment " + std::to_string(alignment) + " is not a power of two");
    auto& blocks = slots_[current_];
    if (blocks.empty()) blocks.push_back(makeBlock(bytesPerFrame_));
    Block* block = &blocks.back();
    VkDeviceSize offset = alignUp(block->used, alignment);
    if (offset + size > block->buffer.size()) {
        // Over budget for this frame: an extra buffer, at least as large as the request.
        blocks.push_back(makeBlock(std::max(bytesPerFrame_, alignUp(size, 256))));
        ++stats_.overflowBuffers;
        block = &blocks.back();
        offset = 0;
    }
    block->used = offset + size;
    frameBytes_ += size;
    stats_.peakFrameBytes = std::max(stats_.peakFrameBytes, frameBytes_);
    ++stats_.allocations;
    stats_.bytes += size;
    return StagingSpan{block->buffer.handle(), offset, size, static_cast<std::uint8_t*>(block->buffer.mapped()) + offset};
}

void StagingRing::beginSlot(std::size_t slot) {
    current_ = slot % slots_.size();
    frameBytes_ = 0;
    auto& blocks = slots_[current_];
    if (blocks.size() > 1) blocks.resize(1);  // the frame that overflowed has finished: free the extra
    if (!blocks.empty()) blocks.front().used = 0;
}

VkDeviceSize StagingRing::bytesHeld() const {
    VkDeviceSize n = 0;
    for (const auto& blocks : slots_)
        for (const auto& b : blocks) n += b.buffer.size();
    return n;
}

}  // namespace plateau::gpu
