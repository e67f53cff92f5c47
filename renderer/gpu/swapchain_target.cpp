#include "gpu/swapchain_target.h"

#include <algorithm>

#include "gpu/context.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

SwapchainTarget::SwapchainTarget(const Context& ctx, VkExtent2D windowExtent, std::uint32_t samples)
    : RenderTarget(ctx), ctx_(ctx), samples_(targetSampleCount(ctx, samples)) {
    renderPass_ = createRenderPass(ctx.device(), kColourFormat, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, samples_);
    build(windowExtent);
}

SwapchainTarget::~SwapchainTarget() {
    vkDeviceWaitIdle(ctx_.device());
    destroySwapchainObjects();
    if (swapchain_) vkDestroySwapchainKHR(ctx_.device(), swapchain_, nullptr);
    vkDestroyRenderPass(ctx_.device(), renderPass_, nullptr);
}

void SwapchainTarget::destroySwapchainObjects() {
    for (auto fb : framebuffers_) vkDestroyFramebuffer(ctx_.device(), fb, nullptr);
    for (auto v : views_) vkDestroyImageView(ctx_.device(), v, nullptr);
    for (auto s : renderDone_) vkDestroySemaphore(ctx_.device(), s, nullptr);
    framebuffers_.clear();
    views_.clear();
    renderDone_.clear();
    images_.clear();
}

void SwapchainTarget::recreate(VkExtent2D windowExtent) {
    if (windowExtent.width == 0 || windowExtent.height == 0) return;
    vkDeviceWaitIdle(ctx_.device());
    destroySwapchainObjects();
    build(windowExtent);
}

void SwapchainTarget::build(VkExtent2D windowExtent) {
    VkPhysicalDevice pd = ctx_.physicalDevice();
    VkSurfaceKHR surface = ctx_.surface();
    VkSurfaceCapabilitiesKHR caps;
    VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(pd, surface, &caps));
    std::uint32_t nf = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &nf, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(nf);
    vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &nf, formats.data());
    const bool hasFormat = std::any_of(formats.begin(), formats.end(), [](const VkSurfaceFormatKHR& f) {
        return f.format == kColourFormat && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    });
    if (!hasFormat) throw GpuError("window surface does not support B8G8R8A8_UNORM");

    VkExtent2D extent = caps.currentExtent;
    if (extent.width == UINT32_MAX) {
        extent.width = std::clamp(windowExtent.width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent.height = std::clamp(windowExtent.height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    extent_ = extent;
    std::uint32_t count = std::max(caps.minImageCount + 1, 2u);
    if (caps.maxImageCount) count = std::min(count, caps.maxImageCount);

    VkSwapchainKHR old = swapchain_;
    VkSwapchainCreateInfoKHR sci{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    sci.surface = surface;
    sci.minImageCount = count;
    sci.imageFormat = kColourFormat;
    sci.imageColorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    sci.imageExtent = extent;
    sci.imageArrayLayers = 1;
    sci.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    sci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    sci.preTransform = caps.currentTransform;
    sci.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    sci.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available; no tearing
    sci.clipped = VK_TRUE;
    sci.oldSwapchain = old;
    VK_CHECK(vkCreateSwapchainKHR(ctx_.device(), &sci, nullptr, &swapchain_));
    if (old) vkDestroySwapchainKHR(ctx_.device(), old, nullptr);

    std::uint32_t n = 0;
    vkGetSwapchainImagesKHR(ctx_.device(), swapchain_, &n, nullptr);
    images_.resize(n);
    vkGetSwapchainImagesKHR(ctx_.device(), swapchain_, &n, images_.data());
    // TRANSFER_SRC: the depth can be read back for picking (requestDepth).
    depth_ = Image(ctx_, extent, kDepthFormat,
                   VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT, VK_IMAGE_ASPECT_DEPTH_BIT);
    multisample_ = MultisampleImages(ctx_, extent, kColourFormat, samples_);
    for (VkImage img : images_) {
        VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
        vci.image = img;
        vci.viewType = VK_IMAGE_VIEW_TYPE_2D;
        vci.format = kColourFormat;
        vci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        VkImageView view = VK_NULL_HANDLE;
        VK_CHECK(vkCreateImageView(ctx_.device(), &vci, nullptr, &view));
        views_.push_back(view);
        framebuffers_.push_back(
            createFramebuffer(ctx_.device(), renderPass_, multisample_.framebufferViews(view, depth_.view()), extent));
        VkSemaphoreCreateInfo semi{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
        VkSemaphore s = VK_NULL_HANDLE;
        VK_CHECK(vkCreateSemaphore(ctx_.device(), &semi, nullptr, &s));
        renderDone_.push_back(s);
    }
}

void SwapchainTarget::recordAfterPass(VkCommandBuffer cmd, std::uint32_t) {
    depthReadback_.record(cmd, depth_.handle(), extent_);
}

std::optional<std::uint32_t> SwapchainTarget::acquire(VkSemaphore signal) {
    std::uint32_t index = 0;
    VkResult r = vkAcquireNextImageKHR(ctx_.device(), swapchain_, UINT64_MAX, signal, VK_NULL_HANDLE, &index);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) return std::nullopt;
    if (r != VK_SUBOPTIMAL_KHR) VK_CHECK(r);
    return index;
}

bool SwapchainTarget::present(VkQueue queue, std::uint32_t image) {
    VkPresentInfoKHR pi{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    pi.waitSemaphoreCount = 1;
    pi.pWaitSemaphores = &renderDone_[image];
    pi.swapchainCount = 1;
    pi.pSwapchains = &swapchain_;
    pi.pImageIndices = &image;
    VkResult r = vkQueuePresentKHR(queue, &pi);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) return false;
    VK_CHECK(r);
    return true;
}

}  // namespace plateau::gpu
