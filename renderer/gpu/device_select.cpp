#include "gpu/device_select.h"

#include <algorithm>
#include <cctype>

namespace plateau::gpu {

namespace {
int typeRank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
        default: return 0;
    }
}
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
bool usable(const DeviceCandidate& d) { return d.hasGraphicsQueue && d.canPresent; }
}  // namespace

const char* deviceTypeName(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU (software)";
        default: return "other";
    }
}

std::optional<DeviceChoice> chooseDevice(const std::vector<DeviceCandidate>& devices,
                                         const std::string& request, std::string& error) {
    if (devices.empty()) {
        error = "no Vulkan device found (install mesa-vulkan-drivers for the software renderer)";
        return std::nullopt;
    }
    if (!request.empty()) {
        const bool numeric = std::all_of(request.begin(), request.end(), [](unsigned char c) { return std::isdigit(c); });
        for (std::size_t i = 0; i < devices.size(); ++i) {
            const bool match = numeric ? std::stoul(request) == i
                                       : lower(devices[i].name).find(lower(request)) != std::string::npos;
            if (!match) continue;
            if (!usable(devices[i])) {
                error = "--device " + request + ": '" + devices[i].name + "' cannot draw" +
                        (devices[i].hasGraphicsQueue ? " to this window" : " (no graphics queue)");
                return std::nullopt;
            }
            return DeviceChoice{int(i), "requested with --device " + request};
        }
        std::string names;
        for (std::size_t i = 0; i < devices.size(); ++i)
            names += (i ? ", " : "") + std::to_string(i) + ": " + devices[i].name;
        error = "--device " + request + ": no such device (available: " + names + ")";
        return std::nullopt;
    }
    int best = -1;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        if (!usable(devices[i])) continue;
        if (best < 0 || typeRank(devices[i].type) > typeRank(devices[std::size_t(best)].type)) best = int(i);
    }
    if (best < 0) {
        error = "no Vulkan device can draw (none has a graphics queue that can present)";
        return std::nullopt;
    }
    const auto& d = devices[std::size_t(best)];
    std::string reason = std::string("best available: ") + deviceTypeName(d.type);
    if (d.type == VK_PHYSICAL_DEVICE_TYPE_CPU) reason += ", no hardware GPU found";
    return DeviceChoice{best, reason};
}

}  // namespace plateau::gpu
