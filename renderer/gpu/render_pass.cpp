#include "gpu/render_target.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {

// The same dependencies for both passes. In: the previous frame's writes and readback copy of the
// same images must finish before this frame clears them. Out: colour writes (and the resolves,
// which run in the colour attachment output stage as colour writes, depth included) before the
// readback copy / presentation.
template <typename Dep>
void fillDependencies(Dep (&deps)[2]) {
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                            VK_ACCESS_TRANSFER_READ_BIT;
    deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
                            VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
    deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
}

VkAttachmentDescription2 attachment2(VkFormat format, VkSampleCountFlagBits samples, bool multisampled,
                                     VkImageLayout finalLayout) {
    VkAttachmentDescription2 a{VK_STRUCTURE_TYPE_ATTACHMENT_DESCRIPTION_2};
    a.format = format;
    a.samples = samples;
    // The multisampled images are cleared and only resolved, never stored (a tiler keeps them on
    // chip); the single-sample ones are only written by the resolve, so nothing is loaded.
    a.loadOp = multisampled ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    a.storeOp = multisampled ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
    a.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    a.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    a.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    a.finalLayout = finalLayout;
    return a;
}

VkRenderPass createMultisampleRenderPass(VkDevice device, VkFormat colour, VkImageLayout finalLayout,
                                         VkSampleCountFlagBits samples) {
    const VkImageLayout colourAtt = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    const VkImageLayout depthAtt = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    VkAttachmentDescription2 att[4] = {
        attachment2(colour, samples, true, colourAtt),
        attachment2(kDepthFormat, samples, true, depthAtt),
        attachment2(colour, VK_SAMPLE_COUNT_1_BIT, false, finalLayout),
        // Left where DepthReadback expects the single-sample depth of a 1x pass.
        attachment2(kDepthFormat, VK_SAMPLE_COUNT_1_BIT, false, depthAtt),
    };
    VkAttachmentReference2 refs[4]{};
    const VkImageLayout layouts[4] = {colourAtt, depthAtt, colourAtt, depthAtt};
    const VkImageAspectFlags aspects[4] = {VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_ASPECT_DEPTH_BIT,
                                           VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_ASPECT_DEPTH_BIT};
    for (std::uint32_t i = 0; i < 4; ++i) {
        refs[i].sType = VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2;
        refs[i].attachment = i;
        refs[i].layout = layouts[i];
        refs[i].aspectMask = aspects[i];
    }
    VkSubpassDescriptionDepthStencilResolve depthResolve{VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_DEPTH_STENCIL_RESOLVE};
    depthResolve.depthResolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;  // always supported (Context checks)
    depthResolve.stencilResolveMode = VK_RESOLVE_MODE_NONE;           // D32: no stencil
    depthResolve.pDepthStencilResolveAttachment = &refs[3];
    VkSubpassDescription2 sub{VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_2};
    sub.pNext = &depthResolve;
    sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    sub.colorAttachmentCount = 1;
    sub.pColorAttachments = &refs[0];
    sub.pResolveAttachments = &refs[2];
    sub.pDepthStencilAttachment = &refs[1];

    VkSubpassDependency2 deps[2]{};
    for (auto& d : deps) d.sType = VK_STRUCTURE_TYPE_SUBPASS_DEPENDENCY_2;
    fillDependencies(deps);

    VkRenderPassCreateInfo2 rci{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO_2};
    rci.attachmentCount = 4;
    rci.pAttachments = att;
    rci.subpassCount = 1;
    rci.pSubpasses = &sub;
    rci.dependencyCount = 2;
    rci.pDependencies = deps;
    VkRenderPass rp = VK_NULL_HANDLE;
    VK_CHECK(vkCreateRenderPass2(device, &rci, nullptr, &rp));
    return rp;
}

}  // namespace

VkRenderPass createRenderPass(VkDevice device, VkFormat colour, VkImageLayout finalLayout, VkSampleCountFlagBits samples) {
    if (samples != VK_SAMPLE_COUNT_1_BIT) return createMultisampleRenderPass(device, colour, finalLayout, samples);
    VkAttachmentDescription att[2]{};
    att[0].format = colour;
    att[0].samples = VK_SAMPLE_COUNT_1_BIT;
    att[0].loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    att[0].storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    att[0].stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    att[0].stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    att[0].initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    att[0].finalLayout = finalLayout;
    att[1].format = kDepthFormat;
    att[1].samples = VK_SAMPLE_COUNT_1_BIT;
    att[1].loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    att[1].storeOp = VK_ATTACHMENT_STORE_OP_STORE;  // kept: tests and picking read depth back
    att[1].stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    att[1].stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    att[1].initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    att[1].finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;

    VkAttachmentReference colourRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkAttachmentReference depthRef{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
    VkSubpassDescription sub{};
    sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    sub.colorAttachmentCount = 1;
    sub.pColorAttachments = &colourRef;
    sub.pDepthStencilAttachment = &depthRef;

    VkSubpassDependency deps[2]{};
    fillDependencies(deps);

    VkRenderPassCreateInfo rci{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    rci.attachmentCount = 2;
    rci.pAttachments = att;
    rci.subpassCount = 1;
    rci.pSubpasses = &sub;
    rci.dependencyCount = 2;
    rci.pDependencies = deps;
    VkRenderPass rp = VK_NULL_HANDLE;
    VK_CHECK(vkCreateRenderPass(device, &rci, nullptr, &rp));
    return rp;
}

VkFramebuffer createFramebuffer(VkDevice device, VkRenderPass pass, const std::vector<VkImageView>& views,
                                VkExtent2D extent) {
    VkFramebufferCreateInfo fci{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fci.renderPass = pass;
    fci.attachmentCount = std::uint32_t(views.size());
    fci.pAttachments = views.data();
    fci.width = extent.width;
    fci.height = extent.height;
    fci.layers = 1;
    VkFramebuffer fb = VK_NULL_HANDLE;
    VK_CHECK(vkCreateFramebuffer(device, &fci, nullptr, &fb));
    return fb;
}

}  // namespace plateau::gpu
