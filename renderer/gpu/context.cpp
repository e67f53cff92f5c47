#include "gpu/context.h"

#include <cstring>

#include "gpu/device_select.h"
#include "gpu/vk_check.h"

namespace plateau::gpu {

namespace {
constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool hasLayer(const char* name) {
    std::uint32_t n = 0;
    vkEnumerateInstanceLayerProperties(&n, nullptr);
    std::vector<VkLayerProperties> layers(n);
    vkEnumerateInstanceLayerProperties(&n, layers.data());
    for (const auto& l : layers)
        if (std::strcmp(l.layerName, name) == 0) return true;
    return false;
}
}  // namespace

VKAPI_ATTR VkBool32 VKAPI_CALL Context::debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                     VkDebugUtilsMessageTypeFlagsEXT,
                                                     const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    auto* self = static_cast<Context*>(user);
    if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        self->validationMessages_.fetch_add(1);
        self->log(std::string("vulkan validation: ") + (data && data->pMessage ? data->pMessage : "(no message)"));
    }
    return VK_FALSE;
}

std::unique_ptr<Context> Context::create(const ContextOptions& opts) {
    std::unique_ptr<Context> ctx(new Context());
    ctx->log_ = opts.log;
    ctx->forceStaging_ = opts.forceStaging;

    const bool validation = opts.validation;
    // Asked for and missing is an error, not a warning: carrying on would make every "no
    // validation messages" check pass without anything having been checked.
    if (validation && !hasLayer(kValidationLayer))
        throw GpuError("validation requested but " + std::string(kValidationLayer) +
                       " is not installed (apt-get install vulkan-validationlayers)");

    std::vector<const char*> exts;
    for (const auto& e : opts.instanceExtensions) exts.push_back(e.c_str());
    if (validation) exts.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "plateau";
    app.pEngineName = "plateau";
    app.apiVersion = VK_API_VERSION_1_1;

    VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ici.pApplicationInfo = &app;
    ici.enabledExtensionCount = std::uint32_t(exts.size());
    ici.ppEnabledExtensionNames = exts.data();

    VkDebugUtilsMessengerCreateInfoEXT dbg{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    dbg.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    dbg.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                      VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    dbg.pfnUserCallback = &Context::debugCallback;
    dbg.pUserData = ctx.get();
    // Synchronization validation catches missing barriers that a CPU rasteriser would forgive.
    VkValidationFeatureEnableEXT enables[] = {VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
    VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
    features.enabledValidationFeatureCount = 1;
    features.pEnabledValidationFeatures = enables;
    features.pNext = &dbg;
    if (validation) {
        ici.enabledLayerCount = 1;
        ici.ppEnabledLayerNames = &kValidationLayer;
        ici.pNext = &features;
    }
    VK_CHECK(vkCreateInstance(&ici, nullptr, &ctx->instance_));
    if (validation) {
        auto createMessenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(ctx->instance_, "vkCreateDebugUtilsMessengerEXT"));
        if (!createMessenger) throw GpuError("validation requested but vkCreateDebugUtilsMessengerEXT is missing");
        VK_CHECK(createMessenger(ctx->instance_, &dbg, nullptr, &ctx->messenger_));
    }
    if (opts.createSurface) ctx->surface_ = opts.createSurface(ctx->instance_);

    std::uint32_t count = 0;
    VK_CHECK(vkEnumeratePhysicalDevices(ctx->instance_, &count, nullptr));
    std::vector<VkPhysicalDevice> physicals(count);
    VK_CHECK(vkEnumeratePhysicalDevices(ctx->instance_, &count, physicals.data()));
    std::vector<DeviceCandidate> candidates;
    std::vector<int> graphicsFamily;
    for (VkPhysicalDevice pd : physicals) {
        VkPhysicalDeviceProperties p;
        vkGetPhysicalDeviceProperties(pd, &p);
        DeviceCandidate c;
        c.name = p.deviceName;
        c.type = p.deviceType;
        c.apiVersion = p.apiVersion;
        std::uint32_t nq = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, nullptr);
        std::vector<VkQueueFamilyProperties> qs(nq);
        vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, qs.data());
        int family = -1;
        for (std::uint32_t q = 0; q < nq; ++q) {
            if (!(qs[q].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
            VkBool32 present = VK_TRUE;
            if (ctx->surface_) vkGetPhysicalDeviceSurfaceSupportKHR(pd, q, ctx->surface_, &present);
            if (present) { family = int(q); break; }
            if (family < 0) family = -2;  // graphics but no present
        }
        c.hasGraphicsQueue = family != -1;
        c.canPresent = family >= 0;
        candidates.push_back(c);
        graphicsFamily.push_back(family);
    }
    std::string error;
    auto choice = chooseDevice(candidates, opts.device, error);
    if (!choice) throw GpuError(error);
    const auto idx = std::size_t(choice->index);
    ctx->phys_ = physicals[idx];
    ctx->queueFamily_ = std::uint32_t(graphicsFamily[idx]);
    vkGetPhysicalDeviceProperties(ctx->phys_, &ctx->props_);
    vkGetPhysicalDeviceMemoryProperties(ctx->phys_, &ctx->memProps_);
    ctx->deviceName_ = ctx->props_.deviceName;
    ctx->log("vulkan device: " + ctx->deviceName_ + " (" + deviceTypeName(ctx->props_.deviceType) + "; " +
             choice->reason + ")" + (validation ? ", validation on" : ""));

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qci.queueFamilyIndex = ctx->queueFamily_;
    qci.queueCount = 1;
    qci.pQueuePriorities = &priority;
    std::vector<const char*> devExts;
    if (ctx->surface_) devExts.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
    // Line fill for the wireframe debug view, where the device has it (lavapipe and every desktop
    // GPU do); without it the view simply stays filled.
    VkPhysicalDeviceFeatures supported{}, enabled{};
    vkGetPhysicalDeviceFeatures(ctx->phys_, &supported);
    enabled.fillModeNonSolid = supported.fillModeNonSolid;
    ctx->wireframe_ = supported.fillModeNonSolid == VK_TRUE;
    VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    dci.pEnabledFeatures = &enabled;
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qci;
    dci.enabledExtensionCount = std::uint32_t(devExts.size());
    dci.ppEnabledExtensionNames = devExts.data();
    VK_CHECK(vkCreateDevice(ctx->phys_, &dci, nullptr, &ctx->device_));
    vkGetDeviceQueue(ctx->device_, ctx->queueFamily_, 0, &ctx->queue_);

    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    pci.queueFamilyIndex = ctx->queueFamily_;
    VK_CHECK(vkCreateCommandPool(ctx->device_, &pci, nullptr, &ctx->oneShotPool_));
    return ctx;
}

void Context::immediateSubmit(const std::function<void(VkCommandBuffer)>& record) const {
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = oneShotPool_;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VK_CHECK(vkAllocateCommandBuffers(device_, &ai, &cmd));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK(vkBeginCommandBuffer(cmd, &bi));
    record(cmd);
    VK_CHECK(vkEndCommandBuffer(cmd));
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd;
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence = VK_NULL_HANDLE;
    VK_CHECK(vkCreateFence(device_, &fci, nullptr, &fence));
    VK_CHECK(vkQueueSubmit(queue_, 1, &si, fence));
    VK_CHECK(vkWaitForFences(device_, 1, &fence, VK_TRUE, UINT64_MAX));
    vkDestroyFence(device_, fence, nullptr);
    vkFreeCommandBuffers(device_, oneShotPool_, 1, &cmd);
}

Context::~Context() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        vkDestroyCommandPool(device_, oneShotPool_, nullptr);
        vkDestroyDevice(device_, nullptr);
    }
    if (surface_) vkDestroySurfaceKHR(instance_, surface_, nullptr);
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(instance_, messenger_, nullptr);
    }
    if (instance_) vkDestroyInstance(instance_, nullptr);
}

}  // namespace plateau::gpu
