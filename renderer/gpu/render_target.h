#pragma once
// Where a frame is drawn: an offscreen image (tests, `plateau render`, recording) or a window's
// swapchain. The passes only see this interface, so both paths draw exactly the same way.
#include <cstdint>
#include <optional>
#include <vector>

#include "gpu/depth_readback.h"
#include "gpu/gpu_layer.h"

namespace plateau::gpu {

class Context;

constexpr VkFormat kColourFormat = VK_FORMAT_B8G8R8A8_UNORM;
constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

// Colour + depth, cleared; the colour ends in `finalLayout`. Offscreen and swapchain passes differ
// only in that layout, so pipelines made for one are compatible with the other when both have
// the same sample count (a render pass with another count is not compatible: Renderer::drawFrame
// refuses such a target).
// With samples > 1 colour and depth are multisampled and resolved at the end of the pass into
// single-sample colour (the image read back or presented) and depth (sample zero: a depth some
// surface really has, which picking and label occlusion read; an average would put points in
// mid-air at silhouettes). The multisampled images are then never stored.
// Attachments, in framebuffer order: 1x: colour, depth; MSAA: MS colour, MS depth, colour, depth.
VkRenderPass createRenderPass(VkDevice device, VkFormat colour, VkImageLayout finalLayout,
                              VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT);
VkFramebuffer createFramebuffer(VkDevice device, VkRenderPass pass, const std::vector<VkImageView>& views,
                                VkExtent2D extent);

class RenderTarget {
public:
    virtual ~RenderTarget() = default;
    virtual VkExtent2D extent() const = 0;
    virtual VkRenderPass renderPass() const = 0;
    // Samples per pixel of the pass's colour and depth; every pipeline drawn into the target
    // is made with this count.
    virtual VkSampleCountFlagBits samples() const { return VK_SAMPLE_COUNT_1_BIT; }
    virtual std::uint32_t imageCount() const = 0;
    // Index of the image to draw into, or nullopt when the target must be recreated first.
    virtual std::optional<std::uint32_t> acquire(VkSemaphore signal) = 0;
    virtual VkFramebuffer framebuffer(std::uint32_t image) const = 0;
    // Commands after the render pass (offscreen: copy to the readback buffer when asked).
    virtual void recordAfterPass(VkCommandBuffer, std::uint32_t) {}
    // Semaphore the submit signals and present waits on (none offscreen).
    virtual VkSemaphore renderDone(std::uint32_t) const { return VK_NULL_HANDLE; }
    // False when the target is out of date and must be recreated.
    virtual bool present(VkQueue, std::uint32_t) { return true; }
    virtual bool usesAcquireSemaphore() const { return false; }

    // Depth for picking and label occlusion, window and offscreen alike: after requestDepth the
    // next frame drawn copies its depth to host memory after the pass (recordAfterPass does it).
    // readDepth never waits: the newest finished copy (see depth_readback.h), empty if none.
    // The tag comes back with the copy, so a frame loop can find the camera that frame used.
    void requestDepth(std::uint64_t tag = 0) { depthReadback_.request(tag); }
    DepthImage readDepth() const { return depthReadback_.latest(); }

protected:
    explicit RenderTarget(const Context& ctx) : depthReadback_(ctx) {}
    DepthReadback depthReadback_;
};

}  // namespace plateau::gpu
