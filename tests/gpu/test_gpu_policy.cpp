// Device and memory choices, tested with the properties of devices this machine does not have.
#include <catch2/catch.hpp>

#include "gpu/device_select.h"
#include "gpu/memory_types.h"

using namespace plateau::gpu;

namespace {
VkPhysicalDeviceMemoryProperties discreteGpu() {
    // Typical discrete GPU: device-local VRAM that the CPU cannot map, host-visible system memory,
    // and a small device-local + host-visible window (BAR).
    VkPhysicalDeviceMemoryProperties p{};
    p.memoryTypeCount = 4;
    p.memoryTypes[0].propertyFlags = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    p.memoryTypes[1].propertyFlags = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    p.memoryTypes[2].propertyFlags = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT |
                                     VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
    p.memoryTypes[3].propertyFlags = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    return p;
}
VkPhysicalDeviceMemoryProperties unified() {
    VkPhysicalDeviceMemoryProperties p{};
    p.memoryTypeCount = 1;
    p.memoryTypes[0].propertyFlags = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
    return p;
}
}  // namespace

TEST_CASE("discrete GPU: vertex data lives in VRAM and is staged", "[gpu-policy]") {
    auto plan = planStaticUpload(discreteGpu(), 0b1111, 0b1111, false);
    REQUIRE(plan);
    CHECK(plan->deviceType == 0);
    CHECK(plan->staged);
    CHECK((plan->stagingType == 1 || plan->stagingType == 2));
}

TEST_CASE("discrete GPU: typeBits exclude the plain VRAM type -> the BAR type is written directly", "[gpu-policy]") {
    auto plan = planStaticUpload(discreteGpu(), 0b1110, 0b1111, false);
    REQUIRE(plan);
    CHECK(plan->deviceType == 3);
    CHECK_FALSE(plan->staged);
}

TEST_CASE("unified memory (lavapipe): written in place unless staging is forced", "[gpu-policy]") {
    auto plan = planStaticUpload(unified(), 0b1, 0b1, false);
    REQUIRE(plan);
    CHECK_FALSE(plan->staged);
    auto forced = planStaticUpload(unified(), 0b1, 0b1, true);
    REQUIRE(forced);
    CHECK(forced->staged);
    CHECK(forced->stagingType == 0);
}

TEST_CASE("no compatible memory type gives no plan", "[gpu-policy]") {
    CHECK_FALSE(planStaticUpload(discreteGpu(), 0, 0b1111, false));
    CHECK_FALSE(findMemoryType(discreteGpu(), 0b0001, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT));
    CHECK(findMemoryType(discreteGpu(), 0b1111, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT,
                         VK_MEMORY_PROPERTY_HOST_CACHED_BIT) == 2u);
}

TEST_CASE("device choice prefers a real GPU and honours --device", "[gpu-policy]") {
    std::vector<DeviceCandidate> devs = {
        {"llvmpipe (LLVM 15.0.6, 256 bits)", VK_PHYSICAL_DEVICE_TYPE_CPU, 0, true, true},
        {"Intel(R) UHD Graphics 620", VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU, 0, true, true},
        {"NVIDIA GeForce RTX 3060", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, 0, true, true},
    };
    std::string err;
    auto c = chooseDevice(devs, "", err);
    REQUIRE(c);
    CHECK(c->index == 2);
    CHECK(c->reason.find("discrete") != std::string::npos);
    auto byName = chooseDevice(devs, "llvmpipe", err);
    REQUIRE(byName);
    CHECK(byName->index == 0);
    auto byIndex = chooseDevice(devs, "1", err);
    REQUIRE(byIndex);
    CHECK(byIndex->index == 1);
    CHECK_FALSE(chooseDevice(devs, "radeon", err));
    CHECK(err.find("no such device") != std::string::npos);
    CHECK(err.find("llvmpipe") != std::string::npos);

    devs[2].canPresent = false;  // the discrete GPU cannot present to this window
    auto fallback = chooseDevice(devs, "", err);
    REQUIRE(fallback);
    CHECK(fallback->index == 1);
    auto only = chooseDevice({devs[0]}, "", err);
    REQUIRE(only);
    CHECK(only->reason.find("no hardware GPU") != std::string::npos);
    CHECK_FALSE(chooseDevice({}, "", err));
}

TEST_CASE("images: discrete GPU stages into optimal VRAM images, unified memory writes linear ones in place",
          "[gpu-policy]") {
    // Discrete: the optimal image goes to plain VRAM (type 0), filled from host memory; the BAR
    // window (type 3) is not used for textures even where a linear image could live there.
    auto d = planImageUpload(discreteGpu(), 0b1111, 0b1110, 0b0110, true, false);
    REQUIRE(d);
    CHECK_FALSE(d->linear);
    CHECK(d->memory.staged);
    CHECK(d->memory.deviceType == 0);
    CHECK((d->memory.stagingType == 1 || d->memory.stagingType == 2));

    auto u = planImageUpload(unified(), 0b1, 0b1, 0b1, true, false);
    REQUIRE(u);
    CHECK(u->linear);
    CHECK_FALSE(u->memory.staged);
    // Forced staging, or a device that cannot sample linear images of this shape: staged.
    auto forced = planImageUpload(unified(), 0b1, 0b1, 0b1, true, true);
    REQUIRE(forced);
    CHECK_FALSE(forced->linear);
    CHECK(forced->memory.staged);
    auto noLinear = planImageUpload(unified(), 0b1, 0, 0b1, false, false);
    REQUIRE(noLinear);
    CHECK(noLinear->memory.staged);
    CHECK_FALSE(planImageUpload(discreteGpu(), 0, 0b1111, 0b1111, true, false));
    CHECK_FALSE(planImageUpload(discreteGpu(), 0b0001, 0, 0b0001, false, false));  // nowhere to stage
}
