#pragma once
// Physical device choice as a pure function over what the devices report, so the policy is
// testable without the devices: a real GPU wins over a software rasteriser, a discrete GPU over an
// integrated one; --device picks by index or by part of the name.
#include <optional>
#include <string>
#include <vector>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

struct DeviceCandidate {
    std::string name;
    VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
    std::uint32_t apiVersion = 0;
    bool hasGraphicsQueue = false;
    bool canPresent = true;  // only checked when presenting to a window
};

struct DeviceChoice {
    int index = -1;
    std::string reason;  // for the log: why this one
};

// `request`: empty (automatic), a decimal index, or a case-insensitive part of the device name.
// On failure returns nullopt and sets `error` to one line.
std::optional<DeviceChoice> chooseDevice(const std::vector<DeviceCandidate>& devices,
                                         const std::string& request, std::string& error);
const char* deviceTypeName(VkPhysicalDeviceType t);

}  // namespace plateau::gpu
