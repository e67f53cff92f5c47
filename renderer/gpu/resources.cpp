#include "gpu/resources.h"

#include "gpu/context.h"
#include "gpu/memory_types.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

std::uint32_t bufferMemoryTypeBits(const Context& ctx, VkBufferUsageFlags usage) {
    VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bci.size = 256;
    bci.usage = usage;
    VkBuffer b = VK_NULL_HANDLE;
    VK_CHECK(vkCreateBuffer(ctx.device(), &bci, nullptr, &b));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(ctx.device(), b, &req);
    vkDestroyBuffer(ctx.device(), b, nullptr);
    return req.memoryTypeBits;
}

Buffer::Buffer(const Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, std::uint32_t memoryType)
    : device_(ctx.device()), size_(size) {
    VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bci.size = size;
    bci.usage = usage;
    bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VK_CHECK(vkCreateBuffer(device_, &bci, nullptr, &buffer_));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(device_, buffer_, &req);
    if (!(req.memoryTypeBits & (1u << memoryType))) {
        reset();
        throw GpuError("buffer: memory type " + std::to_string(memoryType) + " not allowed for this buffer");
    }
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = memoryType;
    VkResult r = vkAllocateMemory(device_, &ai, nullptr, &memory_);
    if (r != VK_SUCCESS) {
        reset();
        vkCheck(r, "vkAllocateMemory");
    }
    VK_CHECK(vkBindBufferMemory(device_, buffer_, memory_, 0));
    const auto flags = ctx.memoryProperties().memoryTypes[memoryType].propertyFlags;
    if (flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) VK_CHECK(vkMapMemory(device_, memory_, 0, VK_WHOLE_SIZE, 0, &mapped_));
}

Buffer& Buffer::operator=(Buffer&& o) noexcept {
    if (this != &o) {
        reset();
        device_ = std::exchange(o.device_, VK_NULL_HANDLE);
        buffer_ = std::exchange(o.buffer_, VK_NULL_HANDLE);
        memory_ = std::exchange(o.memory_, VK_NULL_HANDLE);
        size_ = std::exchange(o.size_, 0);
        mapped_ = std::exchange(o.mapped_, nullptr);
    }
    return *this;
}

void Buffer::reset() {
    if (!device_) return;
    if (buffer_) vkDestroyBuffer(device_, buffer_, nullptr);
    if (memory_) vkFreeMemory(device_, memory_, nullptr);  // also unmaps
    buffer_ = VK_NULL_HANDLE;
    memory_ = VK_NULL_HANDLE;
    mapped_ = nullptr;
}

Buffer::~Buffer() { reset(); }

Image::Image(const Context& ctx, VkExtent2D extent, VkFormat format, VkImageUsageFlags usage, VkImageAspectFlags aspect,
             std::uint32_t mipLevels, VkSampleCountFlagBits samples)
    : device_(ctx.device()), format_(format), extent_(extent), mipLevels_(mipLevels) {
    VkImageCreateInfo ici{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    ici.imageType = VK_IMAGE_TYPE_2D;
    ici.format = format;
    ici.extent = {extent.width, extent.height, 1};
    ici.mipLevels = mipLevels;
    ici.arrayLayers = 1;
    ici.samples = samples;
    ici.tiling = VK_IMAGE_TILING_OPTIMAL;
    ici.usage = usage;
    ici.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VK_CHECK(vkCreateImage(device_, &ici, nullptr, &image_));
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device_, image_, &req);
    auto type = findMemoryType(ctx.memoryProperties(), req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (!type) type = findMemoryType(ctx.memoryProperties(), req.memoryTypeBits, 0);
    if (!type) {
        reset();
        throw GpuError("image: no memory type");
    }
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = *type;
    VK_CHECK(vkAllocateMemory(device_, &ai, nullptr, &memory_));
    VK_CHECK(vkBindImageMemory(device_, image_, memory_, 0));
    VkImageViewCreateInfo vci{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vci.image = image_;
    vci.viewType = VK_IMAGE_VIEW_TYPE_2D;
    vci.format = format;
    vci.subresourceRange = {aspect, 0, mipLevels, 0, 1};
    VK_CHECK(vkCreateImageView(device_, &vci, nullptr, &view_));
}

Image& Image::operator=(Image&& o) noexcept {
    if (this != &o) {
        reset();
        device_ = std::exchange(o.device_, VK_NULL_HANDLE);
        image_ = std::exchange(o.image_, VK_NULL_HANDLE);
        view_ = std::exchange(o.view_, VK_NULL_HANDLE);
        memory_ = std::exchange(o.memory_, VK_NULL_HANDLE);
        format_ = o.format_;
        extent_ = o.extent_;
        mipLevels_ = o.mipLevels_;
    }
    return *this;
}

void Image::reset() {
    if (!device_) return;
    if (view_) vkDestroyImageView(device_, view_, nullptr);
    if (image_) vkDestroyImage(device_, image_, nullptr);
    if (memory_) vkFreeMemory(device_, memory_, nullptr);
    view_ = VK_NULL_HANDLE;
    image_ = VK_NULL_HANDLE;
    memory_ = VK_NULL_HANDLE;
}

Image::~Image() { reset(); }

}  // namespace plateau::gpu
