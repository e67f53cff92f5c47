#include "gpu/imgui_pass.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include "gpu/context.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
void checkImGuiVk(VkResult r) { vkCheck(r, "imgui vulkan backend"); }
}  // namespace

ImGuiPass::ImGuiPass(const Context& ctx, const PassTarget& target, std::uint32_t imageCount)
    : ctx_(ctx), target_(target), imageCount_(imageCount < 2 ? 2 : imageCount) {
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
    VkDescriptorPoolCreateInfo dpi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpi.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    dpi.maxSets = 16;
    dpi.poolSizeCount = 1;
    dpi.pPoolSizes = &size;
    VK_CHECK(vkCreateDescriptorPool(ctx.device(), &dpi, nullptr, &pool_));
    init();
}

void ImGuiPass::init() {
    const Context& ctx = ctx_;
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = ctx.instance();
    info.PhysicalDevice = ctx.physicalDevice();
    info.Device = ctx.device();
    info.QueueFamily = ctx.queueFamily();
    info.Queue = ctx.queue();
    info.DescriptorPool = pool_;
    info.Subpass = 0;
    info.MinImageCount = 2;
    info.ImageCount = imageCount_;
    info.MSAASamples = target_.samples;  // the backend's one pipeline must match the pass
    info.CheckVkResultFn = &checkImGuiVk;
    if (!ImGui_ImplVulkan_Init(&info, target_.renderPass)) throw GpuError("ImGui_ImplVulkan_Init failed");
    // The backend stages the atlas: a host-visible buffer copied into a device-local image.
    ctx.immediateSubmit([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
}

void ImGuiPass::rebuildFonts() {
    // Debian's backend (1.86) has no call that replaces the font texture (a second
    // CreateFontsTexture would leak the first image), so the backend is shut down and started
    // again: that frees the old image, view and pipeline. Its descriptor sets all come from
    // pool_, so resetting the pool returns them too. A text-size change costs one pipeline
    // creation, which is fine for a setting the user changes by hand.
    vkDeviceWaitIdle(ctx_.device());
    ImGui_ImplVulkan_Shutdown();
    VK_CHECK(vkResetDescriptorPool(ctx_.device(), pool_, 0));
    init();
}

ImGuiPass::~ImGuiPass() {
    vkDeviceWaitIdle(ctx_.device());
    ImGui_ImplVulkan_Shutdown();
    vkDestroyDescriptorPool(ctx_.device(), pool_, nullptr);
}

void ImGuiPass::record(VkCommandBuffer cmd, ImDrawData* data) const {
    if (data && data->CmdListsCount > 0) ImGui_ImplVulkan_RenderDrawData(data, cmd);
}

}  // namespace plateau::gpu
