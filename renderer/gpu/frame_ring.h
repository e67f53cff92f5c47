#pragma once
// Two frames in flight. Each slot owns its command buffer, fence and acquire semaphore, plus the
// resources retired while it was being recorded: they are destroyed when the slot comes round
// again, i.e. after the GPU has finished every frame that could have used them. The same rule
// frees each slot's staging space (see staging_ring.h).
#include <array>
#include <functional>
#include <memory>
#include <vector>

#include "gpu/gpu_layer.h"
#include "gpu/staging_ring.h"

namespace plateau::gpu {

class Context;

constexpr int kFramesInFlight = 2;

struct FrameSlot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkSemaphore acquired = VK_NULL_HANDLE;
    std::vector<std::shared_ptr<void>> retired;
    std::vector<std::function<void()>> deferred;
};

class FrameRing {
public:
    explicit FrameRing(const Context& ctx, VkDeviceSize stagingBytesPerFrame = StagingRing::kDefaultBytesPerFrame);
    ~FrameRing();
    FrameRing(const FrameRing&) = delete;
    FrameRing& operator=(const FrameRing&) = delete;

    // Waits for the slot's previous use, frees what was retired then, resets its command buffer.
    FrameSlot& begin();
    FrameSlot& current() { return slots_[index_]; }
    std::uint64_t frameNumber() const { return frame_; }
    std::size_t slotIndex() const { return index_; }
    // Staging space for uploads recorded into the current frame.
    StagingRing& staging() { return staging_; }
    const StagingRing& staging() const { return staging_; }

    // Keep `obj` alive until the GPU is done with the current frame.
    template <class T>
    void retire(T&& obj) {
        current().retired.push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(obj)));
    }
    // Run `fn` once the GPU is done with the current frame.
    void defer(std::function<void()> fn) { current().deferred.push_back(std::move(fn)); }
    // Wait for all frames (before resizing or shutting down).
    void waitIdle();

private:
    static void release(FrameSlot& s);
    const Context& ctx_;
    std::array<FrameSlot, kFramesInFlight> slots_{};
    StagingRing staging_;
    std::size_t index_ = 0;
    std::uint64_t frame_ = 0;
    bool begun_ = false;
};

}  // namespace plateau::gpu
