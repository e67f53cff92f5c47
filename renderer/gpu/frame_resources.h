#pragma once
// Per-frame GPU data of the globe passes: a uniform buffer (camera, sun, shading) and a storage
// buffer of per-tile draw records, one pair per frame in flight, bound as descriptor set 0 with
// the overlay texture array. Replaces push constants, which had room for one tile's settings
// and none for the draped layers. Host-visible on every GPU: written once per frame by the CPU
// and read once by the GPU, which is what such memory is for.
#include <array>
#include <cstdint>

#include "gpu/frame_ring.h"
#include "gpu/resources.h"
#include "terrain_shared.h"

namespace plateau::gpu {

class Context;
class ImageArray;

class FrameResources {
public:
    // Binding 2: the overlay array; binding 3: the tile slots' normal maps.
    FrameResources(const Context& ctx, std::uint32_t maxDraws, const ImageArray& overlays, const ImageArray& normals);
    ~FrameResources();
    FrameResources(const FrameResources&) = delete;
    FrameResources& operator=(const FrameResources&) = delete;

    VkDescriptorSetLayout setLayout() const { return layout_; }
    // For the frame slot being recorded.
    shader::FrameUniforms& uniforms(std::size_t slot);
    shader::TileDraw* draws(std::size_t slot);
    std::uint32_t maxDraws() const { return maxDraws_; }
    VkDescriptorSet set(std::size_t slot) const { return slots_[slot].set; }

private:
    struct Slot {
        Buffer uniforms;
        Buffer draws;
        VkDescriptorSet set = VK_NULL_HANDLE;
    };
    VkDevice device_;
    std::uint32_t maxDraws_;
    VkDescriptorSetLayout layout_ = VK_NULL_HANDLE;
    VkDescriptorPool pool_ = VK_NULL_HANDLE;
    std::array<Slot, kFramesInFlight> slots_;
};

}  // namespace plateau::gpu
