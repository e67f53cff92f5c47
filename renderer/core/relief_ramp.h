#pragma once
// The terrain's hypsometric ramp on the CPU, for the legend: the stops the shader compiles,
// from the header both include (shaders/include/relief_stops.h).
#include <array>
#include <cstddef>

#include "relief_stops.h"

namespace plateau {

struct ReliefStop {
    float height_m;
    std::array<float, 3> rgb;  // 0..1, as the shader's vec3
};

inline constexpr std::array<ReliefStop, PLATEAU_RELIEF_STOPS> kReliefRamp = [] {
    constexpr double heights[] = {PLATEAU_RELIEF_HEIGHTS};
    constexpr double rgb[] = {PLATEAU_RELIEF_COLOURS};
    std::array<ReliefStop, PLATEAU_RELIEF_STOPS> r{};
    for (std::size_t i = 0; i < r.size(); ++i)
        r[i] = {float(heights[i]), {float(rgb[3 * i]), float(rgb[3 * i + 1]), float(rgb[3 * i + 2])}};
    return r;
}();
inline constexpr float kSnowLineM = 5700.0f;
inline constexpr std::array<float, 3> kSnowRgb{0.95f, 0.96f, 0.99f};

}  // namespace plateau
