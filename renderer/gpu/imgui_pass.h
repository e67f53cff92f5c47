#pragma once
// Dear ImGui's Vulkan backend (Debian's 1.86, which needs a render pass). The ui layer builds the
// draw lists; this only turns them into draw calls inside the frame's render pass.
#include <cstdint>

#include "gpu/gpu_layer.h"
#include "gpu/pipeline_builder.h"

struct ImDrawData;

namespace plateau::gpu {

class Context;

class ImGuiPass {
public:
    // Requires a current ImGui context with its fonts added.
    ImGuiPass(const Context& ctx, const PassTarget& target, std::uint32_t imageCount);
    ~ImGuiPass();
    ImGuiPass(const ImGuiPass&) = delete;
    ImGuiPass& operator=(const ImGuiPass&) = delete;
    void record(VkCommandBuffer cmd, ImDrawData* data) const;
    // The font atlas was rebuilt (text size, new scripts): uploads it again. Call between frames
    // with no frame in flight (Renderer::rebuildImGuiFonts waits for that).
    void rebuildFonts();

private:
    void init();

    const Context& ctx_;
    PassTarget target_;
    std::uint32_t imageCount_ = 2;
    VkDescriptorPool pool_ = VK_NULL_HANDLE;
};

}  // namespace plateau::gpu
