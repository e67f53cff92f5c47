#include "gpu/multisample.h"

#include "core/sample_count.h"
#include "gpu/context.h"
#include "gpu/render_target.h"

namespace plateau::gpu {

VkSampleCountFlagBits targetSampleCount(const Context& ctx, std::uint32_t requested) {
    const std::uint32_t counts = ctx.multisampleCounts();
    const std::uint32_t chosen = chooseSampleCount(requested, counts);
    if (requested > 1 && chosen != requested)
        ctx.log("anti-aliasing: " + std::to_string(requested) + "x MSAA is not available on " + ctx.deviceName() +
                " (it has " + describeSampleCounts(counts) + "); drawing with " + std::to_string(chosen) + "x");
    else if (chosen > 1)
        ctx.log("anti-aliasing: " + std::to_string(chosen) + "x MSAA");
    return VkSampleCountFlagBits(chosen);
}

MultisampleImages::MultisampleImages(const Context& ctx, VkExtent2D extent, VkFormat colour,
                                     VkSampleCountFlagBits samples) {
    if (samples == VK_SAMPLE_COUNT_1_BIT) return;
    colour_ = Image(ctx, extent, colour, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                    VK_IMAGE_ASPECT_COLOR_BIT, 1, samples);
    depth_ = Image(ctx, extent, kDepthFormat,
                   VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                   VK_IMAGE_ASPECT_DEPTH_BIT, 1, samples);
}

std::vector<VkImageView> MultisampleImages::framebufferViews(VkImageView colour, VkImageView depth) const {
    if (!colour_.handle()) return {colour, depth};
    return {colour_.view(), depth_.view(), colour, depth};
}

}  // namespace plateau::gpu
