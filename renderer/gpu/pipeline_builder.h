#pragma once
// The few graphics pipeline shapes the renderer needs, from SPIR-V compiled into the binary.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

struct PipelineDesc {
    const std::uint32_t* vertexCode = nullptr;
    std::size_t vertexBytes = 0;
    const std::uint32_t* fragmentCode = nullptr;
    std::size_t fragmentBytes = 0;
    std::vector<VkVertexInputBindingDescription> bindings;
    std::vector<VkVertexInputAttributeDescription> attributes;
    std::uint32_t pushConstantBytes = 0;
    std::vector<VkDescriptorSetLayout> setLayouts;
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    bool depthTest = true;
    bool depthWrite = true;
    bool alphaBlend = false;        // straight alpha over what is drawn (labels, symbols, glass)
    VkCompareOp depthCompare = VK_COMPARE_OP_GREATER;  // reverse-Z; GREATER_OR_EQUAL after a depth pre-pass
    bool colourWrite = true;        // false: depth only (a pre-pass)
    float depthBiasConstant = 0.0f;  // depth bias (reverse-Z: positive pulls toward the camera)
    float depthBiasSlope = 0.0f;
    VkPolygonMode polygonMode = VK_POLYGON_MODE_FILL;
    // Triangles wound counter-clockwise on screen face the viewer.
    VkCullModeFlags cullMode = VK_CULL_MODE_NONE;
};

// The render pass a pipeline is made for and the sample count it must match (the target's:
// RenderTarget::renderPass and samples).
struct PassTarget {
    VkRenderPass renderPass = VK_NULL_HANDLE;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
};

struct Pipeline {
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkPipelineLayout layout = VK_NULL_HANDLE;
};

// Depth compares GREATER (reverse-Z); viewport and scissor are dynamic.
Pipeline createPipeline(VkDevice device, const PassTarget& target, const PipelineDesc& desc);
void destroyPipeline(VkDevice device, Pipeline& p);

}  // namespace plateau::gpu
