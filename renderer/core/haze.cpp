#include "core/haze.h"

#include <algorithm>
#include <cmath>

namespace plateau {

double hazeDistance(double cameraHeightM) {
    // 150 km at sea level; air is thinner and drier higher up (half the density at 5.5 km), so
    // from over the plateau it grows to about twice that: relief 20-60 km away keeps its
    // contrast (about 6 % haze at 20 km, 18 % at 60 km from 10 km up) while the horizon still fades.
    const double thin = 1.0 + std::clamp(cameraHeightM, 0.0, 10000.0) / 10000.0;
    return std::max(150'000.0 * thin, 4.0 * cameraHeightM);
}

double hazeAmount(double distance, double hazeDistanceM) {
    if (hazeDistanceM <= 0.0) return 0.0;
    return std::clamp(1.0 - std::exp(-std::max(distance, 0.0) / hazeDistanceM), 0.0, 0.9);
}

}  // namespace plateau
