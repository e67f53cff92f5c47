#include "gpu/frame_ring.h"

#include "gpu/context.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

FrameRing::FrameRing(const Context& ctx, VkDeviceSize stagingBytesPerFrame)
    : ctx_(ctx), staging_(ctx, kFramesInFlight, stagingBytesPerFrame) {
    for (auto& s : slots_) {
        VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
        pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
        pci.queueFamilyIndex = ctx.queueFamily();
        VK_CHECK(vkCreateCommandPool(ctx.device(), &pci, nullptr, &s.pool));
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = s.pool;
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        VK_CHECK(vkAllocateCommandBuffers(ctx.device(), &ai, &s.cmd));
        VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        fci.flags = VK_FENCE_CREATE_SIGNALED_BIT;
        VK_CHECK(vkCreateFence(ctx.device(), &fci, nullptr, &s.fence));
        VkSemaphoreCreateInfo sci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VK_CHECK(vkCreateSemaphore(ctx.device(), &sci, nullptr, &s.acquired));
    }
}

void FrameRing::release(FrameSlot& s) {
    for (auto& fn : s.deferred) fn();
    s.deferred.clear();
    s.retired.clear();
}

FrameSlot& FrameRing::begin() {
    if (begun_) index_ = (index_ + 1) % slots_.size();
    begun_ = true;
    ++frame_;
    FrameSlot& s = slots_[index_];
    VK_CHECK(vkWaitForFences(ctx_.device(), 1, &s.fence, VK_TRUE, UINT64_MAX));
    release(s);
    staging_.beginSlot(index_);
    VK_CHECK(vkResetCommandPool(ctx_.device(), s.pool, 0));
    return s;
}

void FrameRing::waitIdle() {
    vkDeviceWaitIdle(ctx_.device());
    for (auto& s : slots_) release(s);
}

FrameRing::~FrameRing() {
    waitIdle();
    for (auto& s : slots_) {
        vkDestroySemaphore(ctx_.device(), s.acquired, nullptr);
        vkDestroyFence(ctx_.device(), s.fence, nullptr);
        vkDestroyCommandPool(ctx_.device(), s.pool, nullptr);
    }
}

}  // namespace plateau::gpu
