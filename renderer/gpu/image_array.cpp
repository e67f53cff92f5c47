#include "gpu/image_array.h"

#include <cstring>

#include "gpu/context.h"
#include "gpu/resources.h"
#include "gpu/staging_ring.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
// Overlay tiles are read by fragment shaders, normal maps possibly by vertex shaders.
constexpr VkPipelineStageFlags kSampleStages = VK_PIPELINE_STAGE_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;

VkImageCreateInfo imageInfo(VkFormat format, std::uint32_t size, std::uint32_t height, std::uint32_t layers, bool linear) {
    VkImageCreateInfo ici{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    ici.imageType = VK_IMAGE_TYPE_2D;
    ici.format = format;
    ici.extent = {size, height, 1};
    ici.mipLevels = 1;
    ici.arrayLayers = layers;
    ici.samples = VK_SAMPLE_COUNT_1_BIT;
    ici.tiling = linear ? VK_IMAGE_TILING_LINEAR : VK_IMAGE_TILING_OPTIMAL;
    // TRANSFER_SRC: readLayer. Linear images are written by the CPU, optimal ones by copies.
    ici.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                (linear ? VkImageUsageFlags(0) : VkImageUsageFlags(VK_IMAGE_USAGE_TRANSFER_DST_BIT));
    ici.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    // PREINITIALIZED keeps what the CPU writes before the first transition (linear only).
    ici.initialLayout = linear ? VK_IMAGE_LAYOUT_PREINITIALIZED : VK_IMAGE_LAYOUT_UNDEFINED;
    return ici;
}

// Whether the device can sample a linear image of this shape with linear filtering.
bool linearSupported(const Context& ctx, VkFormat format, std::uint32_t size, std::uint32_t height, std::uint32_t layers) {
    VkFormatProperties fp;
    vkGetPhysicalDeviceFormatProperties(ctx.physicalDevice(), format, &fp);
    const VkFormatFeatureFlags need = VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT | VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT |
                                      VK_FORMAT_FEATURE_TRANSFER_SRC_BIT;
    if ((fp.linearTilingFeatures & need) != need) return false;
    const VkImageCreateInfo ici = imageInfo(format, size, height, layers, true);
    VkImageFormatProperties ip;
    if (vkGetPhysicalDeviceImageFormatProperties(ctx.physicalDevice(), ici.format, ici.imageType, ici.tiling, ici.usage,
                                                 0, &ip) != VK_SUCCESS)
        return false;
    return ip.maxArrayLayers >= layers && ip.maxExtent.width >= size && ip.maxExtent.height >= height;
}

std::uint32_t imageTypeBits(const Context& ctx, const VkImageCreateInfo& ici) {
    VkImage probe = VK_NULL_HANDLE;
    VK_CHECK(vkCreateImage(ctx.device(), &ici, nullptr, &probe));
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(ctx.device(), probe, &req);
    vkDestroyImage(ctx.device(), probe, nullptr);
    return req.memoryTypeBits;
}

VkImageMemoryBarrier layerBarrier(VkImage image, std::uint32_t first, std::uint32_t count, VkImageLayout from,
                                  VkImageLayout to, VkAccessFlags src, VkAccessFlags dst) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = src;
    b.dstAccessMask = dst;
    b.oldLayout = from;
    b.newLayout = to;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, first, count};
    return b;
}
}  // namespace

std::uint32_t ImageArray::bytesPerTexel(VkFormat format) {
    switch (format) {
    case VK_FORMAT_R8G8B8A8_UNORM: return 4;
    case VK_FORMAT_R8G8_UNORM:
    case VK_FORMAT_R8G8_SNORM: return 2;
    default: throw GpuError("image array: unsupported format " + std::to_string(int(format)));
    }
}

ImageArray::ImageArray(const Context& ctx, StagingRing& staging, std::uint32_t size, std::uint32_t layers,
                       VkFormat format, std::uint32_t height)
    : ctx_(ctx), staging_(staging), size_(size), height_(height ? height : size), layers_(layers), format_(format) {
    (void)bytesPerTexel(format);  // rejects formats this class cannot copy
    const auto& lim = ctx.properties().limits;
    if (size == 0 || layers == 0 || size > lim.maxImageDimension2D || height_ > lim.maxImageDimension2D ||
        layers > lim.maxImageArrayLayers)
        throw GpuError("image array: " + std::to_string(layers) + " layers of " + std::to_string(size) + "x" +
                       std::to_string(size) + " is outside this device's limits (" +
                       std::to_string(lim.maxImageArrayLayers) + " layers of up to " +
                       std::to_string(lim.maxImageDimension2D) + ")");
    const bool canLinear = linearSupported(ctx, format, size, height_, layers);
    const std::uint32_t linearBits = canLinear ? imageTypeBits(ctx, imageInfo(format, size, height_, layers, true)) : 0;
    auto plan = planImageUpload(ctx.memoryProperties(), imageTypeBits(ctx, imageInfo(format, size, height_, layers, false)), linearBits,
                                bufferMemoryTypeBits(ctx, VK_BUFFER_USAGE_TRANSFER_SRC_BIT), canLinear,
                                ctx.forceStaging());
    if (!plan) throw GpuError("image array: no memory type for a sampled image");
    plan_ = *plan;
    try {
        createImage(plan_.linear, plan_.memory.deviceType);
        initialise();
    } catch (...) {
        destroy();
        throw;
    }
}

void ImageArray::createImage(bool linear, std::uint32_t memoryType) {
    const VkDevice dev = ctx_.device();
    const VkImageCreateInfo ici = imageInfo(format_, size_, height_, layers_, linear);
    VK_CHECK(vkCreateImage(dev, &ici, nullptr, &image_));
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(dev, image_, &req);
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = memoryType;
    VK_CHECK(vkAllocateMemory(dev, &ai, nullptr, &memory_));
    VK_CHECK(vkBindImageMemory(dev, image_, memory_, 0));
    if (linear) {
        void* p = nullptr;
        VK_CHECK(vkMapMemory(dev, memory_, 0, VK_WHOLE_SIZE, 0, &p));
        mapped_ = static_cast<std::uint8_t*>(p);
        std::memset(mapped_, 0, req.size);  // transparent black, kept by the PREINITIALIZED transition
        layerOffsets_.resize(layers_);
        for (std::uint32_t l = 0; l < layers_; ++l) {
            const VkImageSubresource sub{VK_IMAGE_ASPECT_COLOR_BIT, 0, l};
            VkSubresourceLayout sl;
            vkGetImageSubresourceLayout(dev, image_, &sub, &sl);
            layerOffsets_[l] = sl.offset;
            rowPitch_ = sl.rowPitch;
        }
        layout_ = VK_IMAGE_LAYOUT_GENERAL;  // the layout in which both the CPU may write and shaders sample
    }

    VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vci.image = image_;
    vci.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    vci.format = format_;
    vci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers_};
    VK_CHECK(vkCreateImageView(dev, &vci, nullptr, &view_));

    VkSamplerCreateInfo sci{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    sci.magFilter = VK_FILTER_LINEAR;
    sci.minFilter = VK_FILTER_LINEAR;
    sci.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    // Clamped: a tile's texels never bleed into the neighbouring tile's edge.
    sci.addressModeU = sci.addressModeV = sci.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    sci.maxLod = 0.0f;
    VK_CHECK(vkCreateSampler(dev, &sci, nullptr, &sampler_));
}

void ImageArray::initialise() {
    ctx_.immediateSubmit([&](VkCommandBuffer cmd) {
        if (plan_.linear) {
            // Host writes before a submit are visible to it: an execution dependency is all it takes.
            const auto b = layerBarrier(image_, 0, layers_, VK_IMAGE_LAYOUT_PREINITIALIZED, VK_IMAGE_LAYOUT_GENERAL,
                                        VK_ACCESS_HOST_WRITE_BIT, VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_TRANSFER_READ_BIT);
            vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_HOST_BIT, kSampleStages | VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                                 nullptr, 0, nullptr, 1, &b);
            return;
        }
        const auto toDst = layerBarrier(image_, 0, layers_, VK_IMAGE_LAYOUT_UNDEFINED,
                                        VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0, VK_ACCESS_TRANSFER_WRITE_BIT);
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0,
                             nullptr, 1, &toDst);
        const VkClearColorValue clear{{0.0f, 0.0f, 0.0f, 0.0f}};
        const VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers_};
        vkCmdClearColorImage(cmd, image_, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &clear, 1, &all);
        const auto toRead = layerBarrier(image_, 0, layers_, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                         VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                                         VK_ACCESS_SHADER_READ_BIT);
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, kSampleStages, 0, 0, nullptr, 0, nullptr, 1, &toRead);
    });
}

void ImageArray::upload(VkCommandBuffer cmd, std::uint32_t layer, const std::uint8_t* rgba) {
    if (layer >= layers_)
        throw GpuError("image array: layer " + std::to_string(layer) + " of " + std::to_string(layers_));
    const std::size_t rowBytes = std::size_t(size_) * bytesPerTexel(format_);
    bytesUploaded_ += bytesPerLayer();
    if (plan_.linear) {
        std::uint8_t* dst = mapped_ + layerOffsets_[layer];
        for (std::uint32_t y = 0; y < height_; ++y) std::memcpy(dst + y * rowPitch_, rgba + y * rowBytes, rowBytes);
        return;
    }
    const StagingSpan span = staging_.allocate(bytesPerLayer(), 16);
    std::memcpy(span.data, rgba, bytesPerLayer());
    // Shaders of earlier frames may still read the layer (write-after-read: an execution
    // dependency); the copy then writes it; shaders after it read the new texels.
    const auto toDst = layerBarrier(image_, layer, 1, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0, VK_ACCESS_TRANSFER_WRITE_BIT);
    vkCmdPipelineBarrier(cmd, kSampleStages, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &toDst);
    VkBufferImageCopy region{};
    region.bufferOffset = span.offset;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.imageExtent = {size_, height_, 1};
    vkCmdCopyBufferToImage(cmd, span.buffer, image_, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    const auto toRead = layerBarrier(image_, layer, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                     VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                                     VK_ACCESS_SHADER_READ_BIT);
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, kSampleStages, 0, 0, nullptr, 0, nullptr, 1, &toRead);
}

std::vector<std::uint8_t> ImageArray::readLayer(std::uint32_t layer) const {
    if (layer >= layers_)
        throw GpuError("image array: layer " + std::to_string(layer) + " of " + std::to_string(layers_));
    const auto type = findMemoryType(ctx_.memoryProperties(), bufferMemoryTypeBits(ctx_, VK_BUFFER_USAGE_TRANSFER_DST_BIT),
                                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                     VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    if (!type) throw GpuError("image array: no host-visible memory for readback");
    Buffer out(ctx_, bytesPerLayer(), VK_BUFFER_USAGE_TRANSFER_DST_BIT, *type);
    ctx_.immediateSubmit([&](VkCommandBuffer cmd) {
        const bool transition = layout_ != VK_IMAGE_LAYOUT_GENERAL;
        // Earlier copies into the layer were made visible to shaders; reach the copy too.
        const auto toSrc = layerBarrier(image_, layer, 1, layout_,
                                        transition ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : layout_,
                                        VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT);
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT | kSampleStages, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                             nullptr, 0, nullptr, 1, &toSrc);
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
        region.imageExtent = {size_, height_, 1};
        vkCmdCopyImageToBuffer(cmd, image_, toSrc.newLayout, out.handle(), 1, &region);
        const auto back = layerBarrier(image_, layer, 1, toSrc.newLayout, layout_, 0, VK_ACCESS_SHADER_READ_BIT);
        VkMemoryBarrier toHost{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, kSampleStages | VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost,
                             0, nullptr, transition ? 1 : 0, &back);
    });
    const auto* p = static_cast<const std::uint8_t*>(out.mapped());
    return std::vector<std::uint8_t>(p, p + bytesPerLayer());
}

void ImageArray::destroy() {
    const VkDevice dev = ctx_.device();
    vkDestroySampler(dev, sampler_, nullptr);
    vkDestroyImageView(dev, view_, nullptr);
    vkDestroyImage(dev, image_, nullptr);
    vkFreeMemory(dev, memory_, nullptr);  // also unmaps
    sampler_ = VK_NULL_HANDLE;
    view_ = VK_NULL_HANDLE;
    image_ = VK_NULL_HANDLE;
    memory_ = VK_NULL_HANDLE;
    mapped_ = nullptr;
}

ImageArray::~ImageArray() { destroy(); }

}  // namespace plateau::gpu
