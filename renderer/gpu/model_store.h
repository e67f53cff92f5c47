#pragma once
// Models on the GPU. Uploading a ModelData gives a handle; each model owns one device-local
// buffer (vertices, then indices, then one material block per material at 256-byte offsets, the
// largest uniform offset alignment Vulkan allows), one mipmapped image per texture, and one descriptor set
// per material (set 1: its block, base colour and normal textures). Sets per material rather than
// a texture array indexed in the shader: lavapipe has no descriptor indexing.
//
// Uploads are always staged through the frame's staging ring and recorded into the frame's command
// buffer (outside the render pass), with the barriers that make them visible to the draws of the
// same frame: models are uploaded once, so the copy costs nothing that matters, and the path is
// the one discrete GPUs need. Node transforms are baked into the vertices at upload.
//
// Released models are deferred-deleted like tiles: kept alive by the frame ring until the GPU
// has finished every frame that could have drawn them.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/model_data.h"
#include "gpu/resources.h"

namespace plateau::gpu {

class Context;
class FrameRing;

using ModelHandle = std::uint32_t;  // 0: none

struct GpuPrimitive {
    std::uint32_t firstIndex = 0, indexCount = 0;
    std::int32_t vertexOffset = 0;
    std::uint32_t material = 0;     // index into GpuModel::sets
    glm::vec3 centre{0.0f};         // bounding sphere in model space (for sorting)
    float radius = 0.0f;
};

struct GpuMaterialInfo {
    AlphaMode alphaMode = AlphaMode::Opaque;
    bool doubleSided = false;
};

class GpuModel {
public:
    GpuModel(VkDevice device) : device_(device) {}
    ~GpuModel();
    GpuModel(const GpuModel&) = delete;
    GpuModel& operator=(const GpuModel&) = delete;

    Buffer buffer;
    VkDeviceSize indexOffset = 0;
    std::vector<Image> textures;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    std::vector<VkDescriptorSet> sets;        // per material
    std::vector<GpuMaterialInfo> materials;   // per material
    std::vector<GpuPrimitive> primitives;
    glm::vec3 centre{0.0f};                   // bounding sphere of the whole model
    float radius = 0.0f;
    std::uint64_t triangles = 0;

private:
    VkDevice device_;
};

class ModelStore {
public:
    ModelStore(const Context& ctx, FrameRing& ring);
    ~ModelStore();
    ModelStore(const ModelStore&) = delete;
    ModelStore& operator=(const ModelStore&) = delete;

    // Records the upload into `cmd` (the frame being prepared, outside a render pass). Textures
    // the device cannot take (larger than its limit, or not width * height * 4 bytes) and
    // primitives with indices past their vertices are left out; throws GpuError only when memory
    // cannot be had.
    ModelHandle upload(VkCommandBuffer cmd, const ModelData& model);
    // Destroyed once the frames in flight have finished.
    void release(ModelHandle handle);
    const GpuModel* find(ModelHandle handle) const;
    VkDescriptorSetLayout materialLayout() const { return layout_; }
    std::size_t size() const { return models_.size(); }
    std::uint64_t bytesUploaded() const { return bytesUploaded_; }

private:
    Image uploadTexture(VkCommandBuffer cmd, const ModelTexture& tex, VkFormat format);

    const Context& ctx_;
    FrameRing& ring_;
    VkDescriptorSetLayout layout_ = VK_NULL_HANDLE;
    VkSampler sampler_ = VK_NULL_HANDLE;
    Image white_, flatNormal_;  // for materials without textures; made with the first upload
    bool defaultsMade_ = false;
    std::unordered_map<ModelHandle, std::shared_ptr<GpuModel>> models_;
    ModelHandle next_ = 1;
    std::uint64_t bytesUploaded_ = 0;
};

}  // namespace plateau::gpu
