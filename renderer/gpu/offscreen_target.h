#pragma once
// Renders into an image of any size (up to the device limit) and reads it back as RGBA8.
#include <memory>
#include <vector>

#include "gpu/colour_readback_ring.h"
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
    // Recording: the next frame copies its colour into a ring of host buffers, tagged, so it can
    // be read while later frames render (see colour_readback_ring.h). The ring is made on first use.
    void requestRingCapture(std::uint64_t tag);
    // The copy tagged `tag` as RGBA8; false when it is not there or not finished.
    bool readRingCapture(std::uint64_t tag, std::vector<std::uint8_t>& rgba) const {
        return ring_ && ring_->read(tag, rgba);
    }

private:
    const Context& ctx_;
    VkExtent2D extent_;
    Image colour_;
    Image depth_;
    VkRenderPass renderPass_ = VK_NULL_HANDLE;
    VkFramebuffer framebuffer_ = VK_NULL_HANDLE;
    Buffer colourReadback_;
    bool captureNext_ = false;
    std::unique_ptr<ColourReadbackRing> ring_;
};

}  // namespace plateau::gpu
