#pragma once
// A window's swapchain with a depth buffer; recreated when the window is resized or the
// swapchain reports it is out of date.
#include <vector>

#include "gpu/multisample.h"
#include "gpu/render_target.h"
#include "gpu/resources.h"

namespace plateau::gpu {

class Context;

class SwapchainTarget : public RenderTarget {
public:
    // `samples` as for OffscreenTarget: the multisampled images are resolved into the swapchain's.
    SwapchainTarget(const Context& ctx, VkExtent2D windowExtent, std::uint32_t samples = 1);
    ~SwapchainTarget() override;

    // Call after the GPU is idle; extent 0x0 (minimised) keeps the old swapchain.
    void recreate(VkExtent2D windowExtent);

    VkExtent2D extent() const override { return extent_; }
    VkRenderPass renderPass() const override { return renderPass_; }
    VkSampleCountFlagBits samples() const override { return samples_; }
    std::uint32_t imageCount() const override { return std::uint32_t(images_.size()); }
    std::optional<std::uint32_t> acquire(VkSemaphore signal) override;
    VkFramebuffer framebuffer(std::uint32_t image) const override { return framebuffers_[image]; }
    VkSemaphore renderDone(std::uint32_t image) const override { return renderDone_[image]; }
    bool present(VkQueue queue, std::uint32_t image) override;
    bool usesAcquireSemaphore() const override { return true; }
    void recordAfterPass(VkCommandBuffer cmd, std::uint32_t image) override;

private:
    void build(VkExtent2D windowExtent);
    void destroySwapchainObjects();

    const Context& ctx_;
    VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
    VkRenderPass renderPass_ = VK_NULL_HANDLE;
    VkExtent2D extent_{0, 0};
    std::vector<VkImage> images_;
    std::vector<VkImageView> views_;
    std::vector<VkFramebuffer> framebuffers_;
    std::vector<VkSemaphore> renderDone_;  // one per image: reused only when that image comes back
    Image depth_;
    VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
    MultisampleImages multisample_;  // one for all swapchain images, like depth_
};

}  // namespace plateau::gpu
