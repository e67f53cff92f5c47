#pragma once
// A 2D array image of N square layers (RGBA8 by default) with its view and a linear,
// clamp-to-edge sampler:
// fixed slots for per-tile images (draped overlay tiles, normal maps), so a tile's image costs a
// layer, not an allocation. Which layer holds what is the caller's business.
//
// Uploads follow the tile pool's rule: where the GPU's own memory is mappable (integrated GPUs,
// lavapipe) the image is linear-tiled and a layer is written in place; elsewhere (discrete GPUs,
// --force-staging) it is optimal-tiled in device-local memory and a layer is copied from the
// frame's staging ring. Either way every layer starts transparent black and is always in the
// layout that shaders sample it in (sampleLayout()), between uploads.
#include <cstdint>
#include <vector>

#include "gpu/memory_types.h"

namespace plateau::gpu {

class Context;
class StagingRing;

class ImageArray {
public:
    static constexpr VkFormat kFormat = VK_FORMAT_R8G8B8A8_UNORM;  // imagery, rasterised vectors
    // Formats with 8-bit channels only (bytes as given): RGBA8 and R8G8 (UNORM or SNORM).
    static std::uint32_t bytesPerTexel(VkFormat format);

    // Throws GpuError when the device cannot hold `layers` layers of size x size (size x height
    // when height is not 0: normal maps keep their smaller levels beside the largest).
    ImageArray(const Context& ctx, StagingRing& staging, std::uint32_t size, std::uint32_t layers,
               VkFormat format = kFormat, std::uint32_t height = 0);
    ~ImageArray();
    ImageArray(const ImageArray&) = delete;
    ImageArray& operator=(const ImageArray&) = delete;

    // Writes layer `layer` from bytesPerLayer() bytes, rows top to bottom. Staged: the copy and its
    // barriers are recorded into cmd, the current frame's command buffer, outside a render pass;
    // the layer is ready for shaders that run after it in that command buffer. In place: written
    // now, cmd is not used. Either way no frame still on the GPU may sample this layer: hand
    // freed layers out again only after FrameRing::defer, as TilePool does with its slots.
    void upload(VkCommandBuffer cmd, std::uint32_t layer, const std::uint8_t* rgba);

    // Copies a layer back to the CPU and waits for it (tests, debugging): bytesPerLayer() bytes.
    std::vector<std::uint8_t> readLayer(std::uint32_t layer) const;

    VkImage image() const { return image_; }
    VkImageView view() const { return view_; }  // VK_IMAGE_VIEW_TYPE_2D_ARRAY, all layers
    VkSampler sampler() const { return sampler_; }
    VkImageLayout sampleLayout() const { return layout_; }  // for descriptor writes
    std::uint32_t size() const { return size_; }  // width
    std::uint32_t height() const { return height_; }
    std::uint32_t layers() const { return layers_; }
    bool staged() const { return !plan_.linear; }
    VkFormat format() const { return format_; }
    std::size_t bytesPerLayer() const { return std::size_t(size_) * height_ * bytesPerTexel(format_); }
    std::uint64_t bytesUploaded() const { return bytesUploaded_; }

private:
    void createImage(bool linear, std::uint32_t memoryType);
    void initialise();
    void destroy();

    const Context& ctx_;
    StagingRing& staging_;
    std::uint32_t size_;
    std::uint32_t height_;
    std::uint32_t layers_;
    VkFormat format_;
    ImageUploadPlan plan_;
    VkImage image_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    VkImageView view_ = VK_NULL_HANDLE;
    VkSampler sampler_ = VK_NULL_HANDLE;
    VkImageLayout layout_ = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    std::uint8_t* mapped_ = nullptr;  // linear only
    VkDeviceSize rowPitch_ = 0;       // linear only
    std::vector<VkDeviceSize> layerOffsets_;  // linear only
    std::uint64_t bytesUploaded_ = 0;
};

}  // namespace plateau::gpu
