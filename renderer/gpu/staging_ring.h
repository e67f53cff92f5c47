#pragma once
// Host-visible staging memory for uploads, one persistently mapped buffer per frame slot, handed
// out by bumping an offset: an upload costs a memcpy and a copy command, never an allocation.
//
// Lifetime: space handed out while a frame is recorded stays untouched until that frame's fence
// has signalled; FrameRing::begin then calls beginSlot and the slot's space is reused.
//
// When a frame needs more than the budget (a settled still uploads hundreds of tiles into one
// frame), the slot grows by extra buffers for that frame only, freed when the slot comes round
// again: uploads never fail or wait, and the memory held returns to the budget after the burst.
// Deferring to the next frame was the alternative; it would make an upload fail for a reason
// callers cannot fix (the tile pool reads "false" as "no free slot" and would evict tiles).
#include <cstdint>
#include <vector>

#include "gpu/resources.h"

namespace plateau::gpu {

class Context;

// Where to write `size` bytes (mapped, host-coherent) and which buffer range to copy from.
struct StagingSpan {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;
    std::uint8_t* data = nullptr;
};

class StagingRing {
public:
    static constexpr VkDeviceSize kDefaultBytesPerFrame = VkDeviceSize(8) << 20;

    // No memory is allocated until the first allocate (devices that never stage pay nothing).
    StagingRing(const Context& ctx, std::size_t slotCount, VkDeviceSize bytesPerFrame = kDefaultBytesPerFrame);

    // Space for `size` bytes at an offset that is a multiple of `alignment` (a power of two; 16
    // suits buffer copies and every texel size of buffer-to-image copies). Valid until the GPU
    // has finished the frame being recorded.
    StagingSpan allocate(VkDeviceSize size, VkDeviceSize alignment = 16);

    // The slot's previous frame has finished on the GPU: reuse its space, drop its overflow.
    void beginSlot(std::size_t slot);

    struct Stats {
        std::uint64_t buffersCreated = 0;   // vkAllocateMemory calls, overflow included
        std::uint64_t overflowBuffers = 0;  // of which extra buffers for frames over budget
        std::uint64_t allocations = 0;      // spans handed out
        std::uint64_t bytes = 0;            // bytes handed out
        VkDeviceSize peakFrameBytes = 0;    // most bytes one frame used
    };
    const Stats& stats() const { return stats_; }
    VkDeviceSize bytesPerFrame() const { return bytesPerFrame_; }
    VkDeviceSize bytesThisFrame() const { return frameBytes_; }
    // Bytes of staging memory held now, over all slots.
    VkDeviceSize bytesHeld() const;

private:
    struct Block {
        Buffer buffer;
        VkDeviceSize used = 0;
    };
    Block makeBlock(VkDeviceSize size);

    const Context& ctx_;
    VkDeviceSize bytesPerFrame_;
    std::uint32_t memoryType_ = 0;
    bool haveType_ = false;
    std::vector<std::vector<Block>> slots_;  // [slot][0]: the budget; more only after an overflow
    std::size_t current_ = 0;
    VkDeviceSize frameBytes_ = 0;
    Stats stats_;
};

}  // namespace plateau::gpu
