#include "gpu/vk_check.h"

namespace plateau::gpu {

const char* vkResultName(VkResult r) {
    switch (r) {
#define PLATEAU_CASE(x) case x: return #x;
        PLATEAU_CASE(VK_SUCCESS)
        PLATEAU_CASE(VK_NOT_READY)
        PLATEAU_CASE(VK_TIMEOUT)
        PLATEAU_CASE(VK_INCOMPLETE)
        PLATEAU_CASE(VK_SUBOPTIMAL_KHR)
        PLATEAU_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        PLATEAU_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        PLATEAU_CASE(VK_ERROR_INITIALIZATION_FAILED)
        PLATEAU_CASE(VK_ERROR_DEVICE_LOST)
        PLATEAU_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        PLATEAU_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        PLATEAU_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        PLATEAU_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        PLATEAU_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        PLATEAU_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        PLATEAU_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        PLATEAU_CASE(VK_ERROR_SURFACE_LOST_KHR)
        PLATEAU_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        PLATEAU_CASE(VK_ERROR_OUT_OF_DATE_KHR)
#undef PLATEAU_CASE
        default: return "VK_ERROR_(unknown)";
    }
}

void vkCheck(VkResult r, const char* call) {
    if (r == VK_SUCCESS) return;
    throw GpuError(std::string(call) + " failed: " + vkResultName(r));
}

}  // namespace plateau::gpu
