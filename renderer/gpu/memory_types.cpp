#include "gpu/memory_types.h"

namespace plateau::gpu {

std::optional<std::uint32_t> findMemoryType(const VkPhysicalDeviceMemoryProperties& props,
                                            std::uint32_t typeBits, VkMemoryPropertyFlags required,
                                            VkMemoryPropertyFlags preferred) {
    std::optional<std::uint32_t> fallback;
    for (std::uint32_t i = 0; i < props.memoryTypeCount; ++i) {
        if (!(typeBits & (1u << i))) continue;
        const VkMemoryPropertyFlags f = props.memoryTypes[i].propertyFlags;
        if ((f & required) != required) continue;
        if ((f & preferred) == preferred) return i;
        if (!fallback) fallback = i;
    }
    return fallback;
}

std::optional<UploadPlan> planStaticUpload(const VkPhysicalDeviceMemoryProperties& props,
                                           std::uint32_t deviceTypeBits, std::uint32_t stagingTypeBits,
                                           bool forceStaging) {
    const VkMemoryPropertyFlags hostVisible =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    UploadPlan plan;
    auto local = findMemoryType(props, deviceTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (!local) {
        // No device-local type for this resource: any host-visible type works, written directly.
        auto host = findMemoryType(props, deviceTypeBits, hostVisible);
        if (!host) return std::nullopt;
        plan.deviceType = *host;
        return plan;
    }
    plan.deviceType = *local;
    const VkMemoryPropertyFlags f = props.memoryTypes[*local].propertyFlags;
    if ((f & hostVisible) == hostVisible && !forceStaging) return plan;  // unified memory: write in place
    auto staging = findMemoryType(props, stagingTypeBits, hostVisible);
    if (!staging) return std::nullopt;
    plan.staged = true;
    plan.stagingType = *staging;
    return plan;
}

std::optional<ImageUploadPlan> planImageUpload(const VkPhysicalDeviceMemoryProperties& props,
                                               std::uint32_t optimalTypeBits, std::uint32_t linearTypeBits,
                                               std::uint32_t stagingTypeBits, bool linearSupported,
                                               bool forceStaging) {
    const VkMemoryPropertyFlags hostVisible =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    auto local = findMemoryType(props, optimalTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (!local) local = findMemoryType(props, optimalTypeBits, 0);
    if (!local) return std::nullopt;
    const bool unified = (props.memoryTypes[*local].propertyFlags & hostVisible) == hostVisible;
    if (unified && linearSupported && !forceStaging) {
        // In place only where the GPU's own memory is mappable (integrated GPUs, lavapipe). A
        // discrete GPU's small BAR window is not used for textures: linear images sample slowly
        // there, and the copy runs once per layer.
        auto linear = findMemoryType(props, linearTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | hostVisible);
        if (linear) return ImageUploadPlan{true, UploadPlan{*linear, false, 0}};
    }
    auto staging = findMemoryType(props, stagingTypeBits, hostVisible);
    if (!staging) return std::nullopt;
    return ImageUploadPlan{false, UploadPlan{*local, true, *staging}};
}

}  // namespace plateau::gpu
