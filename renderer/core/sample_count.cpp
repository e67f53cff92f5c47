#include "core/sample_count.h"

namespace plateau {

namespace {
constexpr std::uint32_t kMaxSamples = 64;
}

std::uint32_t chooseSampleCount(std::uint32_t requested, std::uint32_t supported) {
    supported |= 1u;
    if (requested <= 1) return 1;
    if (requested <= kMaxSamples && (requested & (requested - 1)) == 0 && (supported & requested)) return requested;
    std::uint32_t below = 1;
    for (std::uint32_t n = 2; n <= kMaxSamples && n < requested; n <<= 1)
        if (supported & n) below = n;
    if (below > 1) return below;
    for (std::uint32_t n = 2; n <= kMaxSamples; n <<= 1)
        if ((supported & n) && n > requested) return n;
    return 1;
}

std::string describeSampleCounts(std::uint32_t supported) {
    supported |= 1u;
    std::string out;
    for (std::uint32_t n = 1; n <= kMaxSamples; n <<= 1) {
        if (!(supported & n)) continue;
        if (!out.empty()) out += ", ";
        out += std::to_string(n) + "x";
    }
    return out;
}

}  // namespace plateau
