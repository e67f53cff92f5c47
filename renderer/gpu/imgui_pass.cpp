#include "gpu/imgui_pass.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include "gpu/context.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
void checkImGuiVk(VkResult r) { vkCheck(r, "imgui vulkan backend"); }
}  // namespace

ImGuiPass::ImGuiPass(const Context& ctx, VkRenderPass renderPass, std::uint32_t imageCount) : ctx_(ctx) {
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
    VkDescriptorPoolCreateInfo dpi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpi.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    dpi.maxSets = 16;
    dpi.poolSizeCount = 1;
    dpi.pPoolSizes = &size;
    VK_CHECK(vkCreateDescriptorPool(ctx.device(), &dpi, nullptr, &pool_));

    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = ctx.instance();
    info.PhysicalDevice = ctx.physicalDevice();
    info.Device = ctx.device();
    info.QueueFamily = ctx.queueFamily();
    info.Queue = ctx.queue();
    info.DescriptorPool = pool_;
    info.Subpass = 0;
    info.MinImageCount = 2;
    info.ImageCount = imageCount < 2 ? 2 : imageCount;
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = &checkImGuiVk;
    if (!ImGui_ImplVulkan_Init(&info, renderPass)) throw GpuError("ImGui_ImplVulkan_Init failed");
    ctx.immediateSubmit([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
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
