#include "gpu/frame_resources.h"

#include "gpu/context.h"
#include "gpu/image_array.h"
#include "gpu/memory_types.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {

std::uint32_t hostVisibleType(const Context& ctx, VkBufferUsageFlags usage) {
    const std::uint32_t bits = bufferMemoryTypeBits(ctx, usage);
    const auto type = findMemoryType(ctx.memoryProperties(), bits,
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                     VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (!type) throw GpuError("no host-visible coherent memory for per-frame buffers");
    return *type;
}

}  // namespace

FrameResources::FrameResources(const Context& ctx, std::uint32_t maxDraws, const ImageArray& overlays,
                               const ImageArray& normals)
    : device_(ctx.device()), maxDraws_(maxDraws) {
    const VkShaderStageFlags both = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    constexpr std::uint32_t kBindings = 4;
    VkDescriptorSetLayoutBinding b[kBindings] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, both, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, both, nullptr},
        {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
    };
    VkDescriptorSetLayoutCreateInfo lci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    lci.bindingCount = kBindings;
    lci.pBindings = b;
    VK_CHECK(vkCreateDescriptorSetLayout(device_, &lci, nullptr, &layout_));

    VkDescriptorPoolSize sizes[3] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, kFramesInFlight},
                                     {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kFramesInFlight},
                                     {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * kFramesInFlight}};
    VkDescriptorPoolCreateInfo pci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pci.maxSets = kFramesInFlight;
    pci.poolSizeCount = 3;
    pci.pPoolSizes = sizes;
    VK_CHECK(vkCreateDescriptorPool(device_, &pci, nullptr, &pool_));

    const std::uint32_t uboType = hostVisibleType(ctx, VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT);
    const std::uint32_t ssboType = hostVisibleType(ctx, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    for (Slot& s : slots_) {
        s.uniforms = Buffer(ctx, sizeof(shader::FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, uboType);
        s.draws = Buffer(ctx, VkDeviceSize(maxDraws) * sizeof(shader::TileDraw), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                         ssboType);
        VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        ai.descriptorPool = pool_;
        ai.descriptorSetCount = 1;
        ai.pSetLayouts = &layout_;
        VK_CHECK(vkAllocateDescriptorSets(device_, &ai, &s.set));

        VkDescriptorBufferInfo ubi{s.uniforms.handle(), 0, VK_WHOLE_SIZE};
        VkDescriptorBufferInfo sbi{s.draws.handle(), 0, VK_WHOLE_SIZE};
        VkDescriptorImageInfo ii{overlays.sampler(), overlays.view(), overlays.sampleLayout()};
        VkDescriptorImageInfo ni{normals.sampler(), normals.view(), normals.sampleLayout()};
        VkWriteDescriptorSet w[kBindings] = {{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET}, {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET},
                                             {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET}, {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET}};
        for (std::uint32_t k = 0; k < kBindings; ++k) {
            w[k].dstSet = s.set;
            w[k].dstBinding = k;
            w[k].descriptorCount = 1;
            w[k].descriptorType = b[k].descriptorType;
        }
        w[0].pBufferInfo = &ubi;
        w[1].pBufferInfo = &sbi;
        w[2].pImageInfo = &ii;
        w[3].pImageInfo = &ni;
        vkUpdateDescriptorSets(device_, kBindings, w, 0, nullptr);
    }
}

FrameResources::~FrameResources() {
    for (Slot& s : slots_) {
        s.uniforms = Buffer();
        s.draws = Buffer();
    }
    if (pool_) vkDestroyDescriptorPool(device_, pool_, nullptr);
    if (layout_) vkDestroyDescriptorSetLayout(device_, layout_, nullptr);
}

shader::FrameUniforms& FrameResources::uniforms(std::size_t slot) {
    return *static_cast<shader::FrameUniforms*>(slots_[slot].uniforms.mapped());
}

shader::TileDraw* FrameResources::draws(std::size_t slot) {
    return static_cast<shader::TileDraw*>(slots_[slot].draws.mapped());
}

}  // namespace plateau::gpu
