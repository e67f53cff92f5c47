#pragma once
// Renders into an image of any size (up to the device limit) and reads it back as RGBA8.
#include <vector>

#include "gpu/render_target.h"
#include "gpu/resources.h"

namespace plateau::gpu {

class Context;

class OffscreenTarget : public RenderTarget {
public:
    OffscreenTarget(const Context& ctx, VkExtent2D extent);
    ~OffscreenTarget() override;

    VkExtent2D extent() const override { return extent_; }
    VkRenderPass renderPass() const override { return renderPass_; }
    std::uint32_t imageCount() const override { return 1; }
    std::optional<std::uint32_t> acquire(VkSemaphore) override { return 0u; }
    VkFramebuffer framebuffer(std::uint32_t) const override { return framebuffer_; }
    void recordAfterPass(VkCommandBuffer cmd, std::uint32_t image) override;

    // Ask the next frame to copy colour and depth for readback.
    void requestCapture() {
        captureNext_ = true;
        requestDepth();
    }
    // After the capturing frame's fence: RGBA8 rows top to bottom (depth: readDepth).
    std::vector<std::uint8_t> readColourRgba() const;

private:
    const Context& ctx_;
    VkExtent2D extent_;
    Image colour_;
    Image depth_;
    VkRenderPass renderPass_ = VK_NULL_HANDLE;
    VkFramebuffer framebuffer_ = VK_NULL_HANDLE;
    Buffer colourReadback_;
    bool captureNext_ = false;
};

}  // namespace plateau::gpu
