#pragma once
// One step of a frame inside the render pass. The renderer records its passes in a fixed order:
// sky, terrain (with the draped layers sampled in its shader), 3D models, screen-space symbols
// and labels, then the ImGui panel. Each pass owns its pipelines, and so its blend, topology,
// depth test, depth write and depth bias.
#include <cstddef>
#include <cstdint>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

struct FrameDesc;

struct DrawStats {
    std::uint32_t tiles = 0;
    std::uint64_t triangles = 0;
    std::uint32_t overlays = 0;  // overlay layers sampled, summed over tiles
    std::uint32_t models = 0;          // model instances drawn
    std::uint64_t modelTriangles = 0;  // their triangles (not counted in `triangles`)
};

struct PassContext {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    const FrameDesc* frame = nullptr;
    VkDescriptorSet frameSet = VK_NULL_HANDLE;  // set 0: uniforms, tile draws, overlay array
    std::size_t slot = 0;                        // frame-in-flight slot
    DrawStats* stats = nullptr;
};

class Pass {
public:
    virtual ~Pass() = default;
    virtual const char* name() const = 0;
    // Before the render pass begins: write per-frame data, record copies.
    virtual void prepare(const PassContext&) {}
    virtual void record(const PassContext& ctx) = 0;
};

}  // namespace plateau::gpu
