#pragma once
// Every header of the GPU layer includes this one. Only targets that link plateau_gpu (gpu, ui,
// app) define PLATEAU_LAYER_GPU, so core and io code that reaches for Vulkan fails to build.
#ifndef PLATEAU_LAYER_GPU
#error "renderer/gpu is only visible to the gpu, ui and app layers"
#endif
#include <vulkan/vulkan.h>
