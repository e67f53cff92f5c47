#pragma once
// Instance, validation, physical and logical device, and the graphics queue.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gpu/gpu_layer.h"

namespace plateau::gpu {

using LogFn = std::function<void(const std::string&)>;

struct ContextOptions {
    bool validation = false;                       // Khronos validation + synchronization checks
    std::string device;                            // --device: index or part of the name
    std::vector<std::string> instanceExtensions;   // e.g. from glfwGetRequiredInstanceExtensions
    // Creates the window surface once the instance exists; empty for offscreen use.
    std::function<VkSurfaceKHR(VkInstance)> createSurface;
    bool forceStaging = false;                     // stage uploads even on unified memory
    LogFn log;
};

class Context {
public:
    static std::unique_ptr<Context> create(const ContextOptions& opts);  // throws GpuError
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physicalDevice() const { return phys_; }
    VkDevice device() const { return device_; }
    VkQueue queue() const { return queue_; }
    std::uint32_t queueFamily() const { return queueFamily_; }
    VkSurfaceKHR surface() const { return surface_; }
    const VkPhysicalDeviceProperties& properties() const { return props_; }
    const VkPhysicalDeviceMemoryProperties& memoryProperties() const { return memProps_; }
    bool forceStaging() const { return forceStaging_; }
    // The device draws polygons as lines (fillModeNonSolid): the wireframe view is available.
    bool supportsWireframe() const { return wireframe_; }
    const std::string& deviceName() const { return deviceName_; }

    // Validation messages seen so far (warnings and errors); tests require zero.
    int validationMessageCount() const { return validationMessages_.load(); }
    // True when the validation layer is loaded and its messages reach validationMessageCount:
    // only then does a count of zero mean anything.
    bool validationActive() const { return messenger_ != VK_NULL_HANDLE; }
    void log(const std::string& line) const { if (log_) log_(line); }

    // Records and runs a command buffer, waiting for it (setup-time uploads only).
    void immediateSubmit(const std::function<void(VkCommandBuffer)>& record) const;

private:
    Context() = default;
    static VKAPI_ATTR VkBool32 VKAPI_CALL debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                       VkDebugUtilsMessageTypeFlagsEXT type,
                                                       const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                       void* user);

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkSurfaceKHR surface_ = VK_NULL_HANDLE;
    VkPhysicalDevice phys_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    std::uint32_t queueFamily_ = 0;
    VkCommandPool oneShotPool_ = VK_NULL_HANDLE;
    VkPhysicalDeviceProperties props_{};
    VkPhysicalDeviceMemoryProperties memProps_{};
    std::string deviceName_;
    bool forceStaging_ = false;
    bool wireframe_ = false;
    std::atomic<int> validationMessages_{0};
    LogFn log_;
};

}  // namespace plateau::gpu
