#pragma once
// Which multisample count a render target gets: the one asked for when the device has it, else
// the nearest the device offers. Pure so it is tested without a GPU; the GPU layer passes its
// device's counts and logs the fallback.
#include <cstdint>
#include <string>

namespace plateau {

// `supported` has bit value n set when n samples per pixel are available (1, 2, 4, 8, 16, 32,
// 64: the same bits as VkSampleCountFlags). Count 1 is always available.
//   - requested <= 1: 1;
//   - requested supported: requested;
//   - else the largest supported count below it, unless that is 1: anti-aliasing was asked for
//     and 1 gives none, so then the smallest supported count above it (2x on a device with only
//     1x and 4x gives 4x); 1 when the device has no multisampling at all.
std::uint32_t chooseSampleCount(std::uint32_t requested, std::uint32_t supported);

// "1x, 4x": the counts in `supported`, for the log line that reports a fallback.
std::string describeSampleCounts(std::uint32_t supported);

}  // namespace plateau
