#pragma once
// VkResult checks that stay in release builds and name the failing call.
#include <stdexcept>
#include <string>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

class GpuError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

const char* vkResultName(VkResult r);
void vkCheck(VkResult r, const char* call);

}  // namespace plateau::gpu

#define VK_CHECK(call) ::plateau::gpu::vkCheck((call), #call)
