#pragma once
// RAII owners of buffers and images with their memory. Move-only; destruction while the GPU may
// still use them goes through FrameRing::retire.
#include <cstdint>
#include <utility>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

class Context;

// Memory types a buffer with `usage` may live in (asked of a throwaway 256-byte buffer).
std::uint32_t bufferMemoryTypeBits(const Context& ctx, VkBufferUsageFlags usage);

class Buffer {
public:
    Buffer() = default;
    // Memory type chosen by the caller (see memory_types.h); host-visible memory stays mapped.
    Buffer(const Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, std::uint32_t memoryType);
    ~Buffer();
    Buffer(Buffer&& o) noexcept { *this = std::move(o); }
    Buffer& operator=(Buffer&& o) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer handle() const { return buffer_; }
    VkDeviceSize size() const { return size_; }
    void* mapped() const { return mapped_; }  // null unless host-visible
    explicit operator bool() const { return buffer_ != VK_NULL_HANDLE; }

private:
    void reset();
    VkDevice device_ = VK_NULL_HANDLE;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    VkDeviceSize size_ = 0;
    void* mapped_ = nullptr;
};

class Image {
public:
    Image() = default;
    Image(const Context& ctx, VkExtent2D extent, VkFormat format, VkImageUsageFlags usage, VkImageAspectFlags aspect,
          std::uint32_t mipLevels = 1, VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT);
    ~Image();
    Image(Image&& o) noexcept { *this = std::move(o); }
    Image& operator=(Image&& o) noexcept;
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    VkImage handle() const { return image_; }
    VkImageView view() const { return view_; }
    VkFormat format() const { return format_; }
    VkExtent2D extent() const { return extent_; }
    std::uint32_t mipLevels() const { return mipLevels_; }

private:
    void reset();
    VkDevice device_ = VK_NULL_HANDLE;
    VkImage image_ = VK_NULL_HANDLE;
    VkImageView view_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkExtent2D extent_{0, 0};
    std::uint32_t mipLevels_ = 1;
};

}  // namespace plateau::gpu
