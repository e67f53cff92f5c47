#pragma once
// Memory type selection, kept free of device calls so it can be tested with the memory
// properties of GPUs we do not have. lavapipe has a single type that is device-local and
// host-visible, which would hide a missing staging copy; a discrete GPU's device-local memory is
// usually not host-visible, and the plan below then stages.
#include <cstdint>
#include <optional>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

// Lowest-index type allowed by typeBits that has all `required` flags, preferring one that also
// has all `preferred` flags.
std::optional<std::uint32_t> findMemoryType(const VkPhysicalDeviceMemoryProperties& props,
                                            std::uint32_t typeBits, VkMemoryPropertyFlags required,
                                            VkMemoryPropertyFlags preferred = 0);

struct UploadPlan {
    std::uint32_t deviceType = 0;   // where the data lives for the GPU to read
    bool staged = false;            // true: write a staging buffer, copy with the GPU
    std::uint32_t stagingType = 0;  // valid when staged
};

// Plan for static data the GPU reads often (vertex and index buffers). forceStaging exercises the
// staging path on unified-memory devices.
std::optional<UploadPlan> planStaticUpload(const VkPhysicalDeviceMemoryProperties& props,
                                           std::uint32_t deviceTypeBits, std::uint32_t stagingTypeBits,
                                           bool forceStaging);

struct ImageUploadPlan {
    bool linear = false;  // true: a linear-tiled image in host-visible memory, written by memcpy
    UploadPlan memory;    // memory.deviceType is for the image; staged means optimal tiling + copies
};

// Plan for sampled images written from the CPU. Writing in place needs linear tiling, which the
// device must support for the format, usage and layer count (linearSupported), and memory the
// CPU can map; otherwise (discrete GPUs, forceStaging) an optimal-tiled image in device-local
// memory is filled by copies from staging memory.
std::optional<ImageUploadPlan> planImageUpload(const VkPhysicalDeviceMemoryProperties& props,
                                               std::uint32_t optimalTypeBits, std::uint32_t linearTypeBits,
                                               std::uint32_t stagingTypeBits, bool linearSupported,
                                               bool forceStaging);

}  // namespace plateau::gpu
