#pragma once
// Depth of a drawn frame copied into host memory on request, for picking and for hiding labels
// behind terrain; the same for the window and offscreen targets.
//
// Reading never waits: each copy sets an event when the GPU has finished it, and latest() returns
// the newest finished copy. After Renderer::waitIdle that is the requested frame's; in a frame
// loop that requests every frame it is a frame or two old. Copies rotate through one buffer more
// than there are frames in flight, so the buffer being read is never the one being written (a
// copy is recorded at most once per frame, and FrameRing::begin has waited for the frame that
// last used the buffer it reuses).
#include <array>
#include <cstdint>
#include <vector>

#include "gpu/frame_ring.h"
#include "gpu/resources.h"

namespace plateau::gpu {

class Context;

struct DepthImage {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::uint64_t serial = 0;   // 1 for the first copy, then 2, ...; 0: no copy has finished
    std::uint64_t tag = 0;      // as given to request: e.g. a frame number to find that frame's camera
    std::vector<float> values;  // rows top to bottom; reverse-Z: 1 at the near plane, 0 infinitely far
    bool empty() const { return values.empty(); }
    float at(std::uint32_t x, std::uint32_t y) const { return values[std::size_t(y) * width + x]; }
};

class DepthReadback {
public:
    explicit DepthReadback(const Context& ctx);
    ~DepthReadback();
    DepthReadback(const DepthReadback&) = delete;
    DepthReadback& operator=(const DepthReadback&) = delete;

    void request(std::uint64_t tag = 0) {
        requested_ = true;
        requestTag_ = tag;
    }
    bool requested() const { return requested_; }
    // After the render pass, when requested: copies `depth` (D32_SFLOAT, left by the pass in
    // DEPTH_STENCIL_ATTACHMENT_OPTIMAL) to host memory and clears the request. The image is left
    // in TRANSFER_SRC_OPTIMAL; the next pass starts from UNDEFINED (it clears depth anyway).
    void record(VkCommandBuffer cmd, VkImage depth, VkExtent2D extent);
    // The newest copy the GPU has finished; empty when none has.
    DepthImage latest() const;

private:
    struct Slot {
        Buffer buffer;
        VkExtent2D extent{0, 0};
        VkEvent done = VK_NULL_HANDLE;
        std::uint64_t serial = 0;
        std::uint64_t tag = 0;
    };
    const Context& ctx_;
    std::array<Slot, kFramesInFlight + 1> slots_;
    std::uint64_t serial_ = 0;
    bool requested_ = false;
    std::uint64_t requestTag_ = 0;
};

}  // namespace plateau::gpu
