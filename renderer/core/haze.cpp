#include "core/haze.h"

#include <algorithm>
#include <cmath>

namespace plateau {

double hazeDistance(double cameraHeightM) { return std::max(150'000.0, 4.0 * cameraHeightM); }

double hazeAmount(double distance, double hazeDistanceM) {
    if (hazeDistanceM <= 0.0) return 0.0;
    return std::clamp(1.0 - std::exp(-std::max(distance, 0.0) / hazeDistanceM), 0.0, 0.9);
}

}  // namespace plateau
