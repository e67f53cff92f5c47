// The sample count a target gets from what was asked and what the device offers.
#include <catch2/catch.hpp>

#include "core/sample_count.h"

using namespace plateau;

namespace {
constexpr std::uint32_t kLavapipe = 1u | 4u;  // llvmpipe: framebuffer colour and depth counts 1 and 4
constexpr std::uint32_t kDesktop = 1u | 2u | 4u | 8u;
}  // namespace

TEST_CASE("sample count: what was asked when the device has it", "[msaa]") {
    CHECK(chooseSampleCount(1, kLavapipe) == 1);
    CHECK(chooseSampleCount(4, kLavapipe) == 4);
    for (std::uint32_t n : {1u, 2u, 4u, 8u}) CHECK(chooseSampleCount(n, kDesktop) == n);
    CHECK(chooseSampleCount(0, kDesktop) == 1);  // 0 or 1: no multisampling
}

TEST_CASE("sample count: the nearest the device has, never none when some was asked", "[msaa]") {
    CHECK(chooseSampleCount(8, kLavapipe) == 4);   // largest below
    CHECK(chooseSampleCount(2, kLavapipe) == 4);   // 1 would give no anti-aliasing: the next one up
    CHECK(chooseSampleCount(16, kDesktop) == 8);
    CHECK(chooseSampleCount(4, 1u) == 1);          // a device without multisampling
    CHECK(chooseSampleCount(4, 0u) == 1);          // 1 is always there
    CHECK(chooseSampleCount(3, kDesktop) == 2);    // not a power of two: the largest below
    CHECK(chooseSampleCount(1000, kDesktop) == 8);
}

TEST_CASE("sample count: the counts named for the log line", "[msaa]") {
    CHECK(describeSampleCounts(kLavapipe) == "1x, 4x");
    CHECK(describeSampleCounts(0u) == "1x");
    CHECK(describeSampleCounts(kDesktop | 64u) == "1x, 2x, 4x, 8x, 64x");
}
