#include "gpu/model_store.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "gpu/context.h"
#include "gpu/frame_ring.h"
#include "gpu/memory_types.h"
#include "gpu/vk_check.h"
#include "model_shared.h"

namespace plateau::gpu {

namespace {

static_assert(sizeof(ModelVertex) == 48, "vertex layout of the model pipeline (see model_pass.cpp)");

constexpr VkDeviceSize kUniformAlign = 256;  // the largest minUniformBufferOffsetAlignment allowed

VkDeviceSize alignUp(VkDeviceSize v, VkDeviceSize a) { return (v + a - 1) / a * a; }

void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to, VkAccessFlags srcAccess,
                  VkAccessFlags dstAccess, VkPipelineStageFlags srcStage, VkPipelineStageFlags dstStage,
                  std::uint32_t baseLevel, std::uint32_t levels) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.oldLayout = from;
    b.newLayout = to;
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, baseLevel, levels, 0, 1};
    vkCmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, nullptr, 0, nullptr, 1, &b);
}

shader::ModelMaterialBlock materialBlock(const ModelMaterial& m, bool hasBase, bool hasNormal) {
    shader::ModelMaterialBlock b{};
    b.base_colour = glm::vec4(m.baseColour[0], m.baseColour[1], m.baseColour[2], m.baseColour[3]);
    b.emissive = glm::vec4(m.emissive[0], m.emissive[1], m.emissive[2], m.alphaCutoff);
    const float mode = m.alphaMode == AlphaMode::Opaque ? 0.0f : m.alphaMode == AlphaMode::Mask ? 1.0f : 2.0f;
    b.pbr = glm::vec4(m.metallic, m.roughness, m.normalScale, mode);
    b.textures = glm::vec4(hasBase ? 1.0f : 0.0f, hasNormal ? 1.0f : 0.0f, 0.0f, 0.0f);
    return b;
}

bool usableTexture(const ModelData& model, int index, std::uint32_t maxSize) {
    if (index < 0 || std::size_t(index) >= model.textures.size()) return false;
    const ModelTexture& t = model.textures[std::size_t(index)];
    return t.width > 0 && t.height > 0 && t.width <= maxSize && t.height <= maxSize &&
           t.rgba.size() == std::size_t(t.width) * t.height * 4;
}

}  // namespace

GpuModel::~GpuModel() {
    if (pool) vkDestroyDescriptorPool(device_, pool, nullptr);
}

ModelStore::ModelStore(const Context& ctx, FrameRing& ring) : ctx_(ctx), ring_(ring) {
    VkDescriptorSetLayoutBinding b[3] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
    };
    VkDescriptorSetLayoutCreateInfo lci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    lci.bindingCount = 3;
    lci.pBindings = b;
    VK_CHECK(vkCreateDescriptorSetLayout(ctx.device(), &lci, nullptr, &layout_));
    // glTF's default sampler: linear, mipmapped, repeat.
    VkSamplerCreateInfo sci{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    sci.magFilter = VK_FILTER_LINEAR;
    sci.minFilter = VK_FILTER_LINEAR;
    sci.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
    sci.addressModeU = sci.addressModeV = sci.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    sci.maxLod = VK_LOD_CLAMP_NONE;
    VK_CHECK(vkCreateSampler(ctx.device(), &sci, nullptr, &sampler_));
}

ModelStore::~ModelStore() {
    models_.clear();  // the renderer has waited for the GPU before destroying the store
    white_ = Image();
    flatNormal_ = Image();
    if (sampler_) vkDestroySampler(ctx_.device(), sampler_, nullptr);
    if (layout_) vkDestroyDescriptorSetLayout(ctx_.device(), layout_, nullptr);
}

Image ModelStore::uploadTexture(VkCommandBuffer cmd, const ModelTexture& tex, VkFormat format) {
    // A full mip chain, built on the GPU by halving blits, where the format can be blitted and
    // filtered (every common GPU and lavapipe for RGBA8): a textured body seen from afar samples a
    // level that fits instead of aliasing.
    VkFormatProperties fp{};
    vkGetPhysicalDeviceFormatProperties(ctx_.physicalDevice(), format, &fp);
    const VkFormatFeatureFlags need = VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
    std::uint32_t levels = 1;
    if ((fp.optimalTilingFeatures & need) == need)
        while ((std::max(tex.width, tex.height) >> levels) > 0) ++levels;
    Image img(ctx_, {tex.width, tex.height}, format,
              VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
              VK_IMAGE_ASPECT_COLOR_BIT, levels);
    const VkDeviceSize bytes = tex.rgba.size();
    const StagingSpan span = ring_.staging().allocate(bytes, 16);
    std::memcpy(span.data, tex.rgba.data(), bytes);
    imageBarrier(cmd, img.handle(), VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
                 VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                 levels);
    VkBufferImageCopy region{};
    region.bufferOffset = span.offset;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {tex.width, tex.height, 1};
    vkCmdCopyBufferToImage(cmd, span.buffer, img.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    std::int32_t w = std::int32_t(tex.width), h = std::int32_t(tex.height);
    for (std::uint32_t level = 1; level < levels; ++level) {
        // Level - 1 becomes a blit source, then is done: ready for the shaders.
        imageBarrier(cmd, img.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                     VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                     VK_PIPELINE_STAGE_TRANSFER_BIT, level - 1, 1);
        const std::int32_t nw = std::max(w / 2, 1), nh = std::max(h / 2, 1);
        VkImageBlit blit{};
        blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
        blit.srcOffsets[1] = {w, h, 1};
        blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
        blit.dstOffsets[1] = {nw, nh, 1};
        vkCmdBlitImage(cmd, img.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, img.handle(),
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
        imageBarrier(cmd, img.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                     VK_ACCESS_TRANSFER_READ_BIT, VK_ACCESS_SHADER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                     VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, level - 1, 1);
        w = nw;
        h = nh;
    }
    imageBarrier(cmd, img.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                 VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_SHADER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                 VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, levels - 1, 1);
    bytesUploaded_ += bytes;
    return img;
}

ModelHandle ModelStore::upload(VkCommandBuffer cmd, const ModelData& model) {
    if (!defaultsMade_) {
        white_ = uploadTexture(cmd, ModelTexture{1, 1, {255, 255, 255, 255}}, VK_FORMAT_R8G8B8A8_SRGB);
        flatNormal_ = uploadTexture(cmd, ModelTexture{1, 1, {128, 128, 255, 255}}, VK_FORMAT_R8G8B8A8_UNORM);
        defaultsMade_ = true;
    }
    auto gm = std::make_shared<GpuModel>(ctx_.device());

    // Materials, plus glTF's default (grey, rough, dielectric) for primitives without a valid one.
    std::vector<ModelMaterial> materials = model.materials;
    const auto defaultIndex = std::uint32_t(materials.size());
    bool needDefault = false;
    for (const ModelPrimitive& p : model.primitives)
        if (p.material < 0 || std::size_t(p.material) >= model.materials.size()) needDefault = true;
    if (needDefault) {
        ModelMaterial m;
        m.name = "default";
        m.baseColour = {0.6f, 0.6f, 0.6f, 1.0f};
        m.metallic = 0.0f;
        materials.push_back(m);
    }

    // Vertices with their node transforms baked in; primitives with bad indices are left out.
    std::vector<ModelVertex> vertices;
    std::vector<std::uint32_t> indices;
    glm::vec3 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
    for (const ModelPrimitive& p : model.primitives) {
        if (p.vertices.empty() || p.indices.size() < 3) continue;
        if (*std::max_element(p.indices.begin(), p.indices.end()) >= p.vertices.size()) continue;
        const glm::mat3 m3(p.transform);
        const glm::mat3 nm = glm::transpose(glm::inverse(m3));
        GpuPrimitive gp;
        gp.vertexOffset = std::int32_t(vertices.size());
        gp.firstIndex = std::uint32_t(indices.size());
        gp.indexCount = std::uint32_t(p.indices.size() / 3 * 3);
        gp.material = p.material < 0 || std::size_t(p.material) >= model.materials.size() ? defaultIndex
                                                                                          : std::uint32_t(p.material);
        glm::vec3 plo(std::numeric_limits<float>::max()), phi(std::numeric_limits<float>::lowest());
        for (ModelVertex v : p.vertices) {
            v.position = glm::vec3(p.transform * glm::vec4(v.position, 1.0f));
            v.normal = nm * v.normal;
            v.tangent = glm::vec4(m3 * glm::vec3(v.tangent), v.tangent.w);
            plo = glm::min(plo, v.position);
            phi = glm::max(phi, v.position);
            vertices.push_back(v);
        }
        indices.insert(indices.end(), p.indices.begin(), p.indices.begin() + gp.indexCount);
        gp.centre = (plo + phi) * 0.5f;
        gp.radius = glm::length(phi - plo) * 0.5f;
        lo = glm::min(lo, plo);
        hi = glm::max(hi, phi);
        gm->triangles += gp.indexCount / 3;
        gm->primitives.push_back(gp);
    }
    if (!gm->primitives.empty()) {
        gm->centre = (lo + hi) * 0.5f;
        gm->radius = glm::length(hi - lo) * 0.5f;
    }

    // One buffer: vertices | indices | material blocks.
    const VkDeviceSize vBytes = std::max<VkDeviceSize>(vertices.size() * sizeof(ModelVertex), 16);
    gm->indexOffset = alignUp(vBytes, kUniformAlign);
    const VkDeviceSize iBytes = std::max<VkDeviceSize>(indices.size() * sizeof(std::uint32_t), 16);
    const VkDeviceSize matOffset = alignUp(gm->indexOffset + iBytes, kUniformAlign);
    const VkDeviceSize total = matOffset + kUniformAlign * materials.size();
    const VkBufferUsageFlags usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_INDEX_BUFFER_BIT |
                                     VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    const auto type = findMemoryType(ctx_.memoryProperties(), bufferMemoryTypeBits(ctx_, usage),
                                     VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (!type) throw GpuError("model " + model.source + ": no device-local memory for its buffer");
    gm->buffer = Buffer(ctx_, total, usage, *type);

    // Textures, each in the format its use needs (base colour sRGB, normals linear).
    const std::uint32_t maxSize = ctx_.properties().limits.maxImageDimension2D;
    std::map<std::pair<int, VkFormat>, std::size_t> made;
    auto texture = [&](int index, VkFormat format) -> VkImageView {
        if (!usableTexture(model, index, maxSize)) return VK_NULL_HANDLE;
        const auto key = std::make_pair(index, format);
        if (auto it = made.find(key); it != made.end()) return gm->textures[it->second].view();
        gm->textures.push_back(uploadTexture(cmd, model.textures[std::size_t(index)], format));
        made[key] = gm->textures.size() - 1;
        return gm->textures.back().view();
    };

    const StagingSpan span = ring_.staging().allocate(total, 16);
    std::memset(span.data, 0, total);
    // A model whose primitives were all left out has no vertices: memcpy from an empty vector's
    // null data() is undefined even for zero bytes.
    if (!vertices.empty()) std::memcpy(span.data, vertices.data(), vertices.size() * sizeof(ModelVertex));
    if (!indices.empty())
        std::memcpy(span.data + gm->indexOffset, indices.data(), indices.size() * sizeof(std::uint32_t));

    const auto nMat = std::uint32_t(materials.size());
    VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, nMat},
                                     {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * nMat}};
    VkDescriptorPoolCreateInfo pci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pci.maxSets = nMat;
    pci.poolSizeCount = 2;
    pci.pPoolSizes = sizes;
    if (nMat > 0) VK_CHECK(vkCreateDescriptorPool(ctx_.device(), &pci, nullptr, &gm->pool));
    for (std::uint32_t i = 0; i < nMat; ++i) {
        const ModelMaterial& m = materials[i];
        const VkImageView base = texture(m.baseColourTexture, VK_FORMAT_R8G8B8A8_SRGB);
        const VkImageView normal = texture(m.normalTexture, VK_FORMAT_R8G8B8A8_UNORM);
        const shader::ModelMaterialBlock block = materialBlock(m, base != VK_NULL_HANDLE, normal != VK_NULL_HANDLE);
        std::memcpy(span.data + matOffset + kUniformAlign * i, &block, sizeof(block));
        gm->materials.push_back({m.alphaMode, m.doubleSided});

        VkDescriptorSet set = VK_NULL_HANDLE;
        VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        ai.descriptorPool = gm->pool;
        ai.descriptorSetCount = 1;
        ai.pSetLayouts = &layout_;
        VK_CHECK(vkAllocateDescriptorSets(ctx_.device(), &ai, &set));
        VkDescriptorBufferInfo bi{gm->buffer.handle(), matOffset + kUniformAlign * i, sizeof(shader::ModelMaterialBlock)};
        VkDescriptorImageInfo ii[2] = {{sampler_, base ? base : white_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
                                       {sampler_, normal ? normal : flatNormal_.view(),
                                        VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL}};
        VkWriteDescriptorSet w[3] = {{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET}, {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET},
                                     {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET}};
        for (std::uint32_t k = 0; k < 3; ++k) {
            w[k].dstSet = set;
            w[k].dstBinding = k;
            w[k].descriptorCount = 1;
            w[k].descriptorType = k == 0 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
        }
        w[0].pBufferInfo = &bi;
        w[1].pImageInfo = &ii[0];
        w[2].pImageInfo = &ii[1];
        vkUpdateDescriptorSets(ctx_.device(), 3, w, 0, nullptr);
        gm->sets.push_back(set);
    }

    VkBufferCopy region{span.offset, 0, total};
    vkCmdCopyBuffer(cmd, span.buffer, gm->buffer.handle(), 1, &region);
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_INDEX_READ_BIT | VK_ACCESS_UNIFORM_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_VERTEX_INPUT_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0, 1, &mb, 0,
                         nullptr, 0, nullptr);
    bytesUploaded_ += total;

    const ModelHandle handle = next_++;
    models_[handle] = std::move(gm);
    return handle;
}

void ModelStore::release(ModelHandle handle) {
    auto it = models_.find(handle);
    if (it == models_.end()) return;
    ring_.retire(std::move(it->second));  // destroyed once the frames that drew it are done
    models_.erase(it);
}

const GpuModel* ModelStore::find(ModelHandle handle) const {
    auto it = models_.find(handle);
    return it == models_.end() ? nullptr : it->second.get();
}

}  // namespace plateau::gpu
