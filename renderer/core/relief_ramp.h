#pragma once
// The terrain's hypsometric ramp on the CPU, for the legend: the same stops as
// shaders/include/relief_colour.glsl (a unit test reads the shader and compares).
#include <array>

namespace plateau {

struct ReliefStop {
    float height_m;
    std::array<float, 3> rgb;  // 0..1, as the shader's vec3
};

inline constexpr std::array<ReliefStop, 9> kReliefRamp{{
    {-100.0f, {0.16f, 0.32f, 0.52f}},
    {0.0f, {0.28f, 0.46f, 0.27f}},
    {600.0f, {0.40f, 0.53f, 0.30f}},
    {1800.0f, {0.55f, 0.58f, 0.38f}},
    {3200.0f, {0.66f, 0.60f, 0.42f}},
    {4300.0f, {0.62f, 0.61f, 0.43f}},
    {5000.0f, {0.60f, 0.50f, 0.38f}},
    {5700.0f, {0.50f, 0.48f, 0.47f}},
    {7000.0f, {0.42f, 0.40f, 0.39f}},
}};
inline constexpr float kSnowLineM = 5700.0f;
inline constexpr std::array<float, 3> kSnowRgb{0.95f, 0.96f, 0.99f};

}  // namespace plateau
