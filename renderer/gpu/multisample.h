#pragma once
// Multisampled render targets: the sample count a target gets on this device, and the
// multisampled colour and depth images it draws into before the render pass resolves them into
// its single-sample colour and depth (render_target.h, createRenderPass).
#include <cstdint>
#include <vector>

#include "gpu/resources.h"

namespace plateau::gpu {

class Context;

// `requested` samples per pixel (1, 2, 4, 8) if the device has them for colour and depth with a
// depth resolve (Context::multisampleCounts), else the nearest it has (core/sample_count.h),
// saying so in one log line.
VkSampleCountFlagBits targetSampleCount(const Context& ctx, std::uint32_t requested);

// The images drawn into when samples > 1 (empty at 1x: the pass draws into the target's own).
// Transient: never stored or read, only resolved.
class MultisampleImages {
public:
    MultisampleImages() = default;
    MultisampleImages(const Context& ctx, VkExtent2D extent, VkFormat colour, VkSampleCountFlagBits samples);

    // The framebuffer's views in the order createRenderPass declares its attachments, with the
    // target's single-sample colour and depth (what is read back or presented).
    std::vector<VkImageView> framebufferViews(VkImageView colour, VkImageView depth) const;

private:
    Image colour_;
    Image depth_;
};

}  // namespace plateau::gpu
