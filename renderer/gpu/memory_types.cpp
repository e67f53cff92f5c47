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

}  // namespace plateau::gpu
