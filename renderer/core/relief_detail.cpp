#include "core/relief_detail.h"

#include <algorithm>
#include <cmath>

#include "core/noise.h"

namespace plateau {

double reliefDetailWeight(double slope) { return noise::smoothstep(0.01, 0.3, std::fabs(slope)); }

double reliefDetail(double lonDeg, double latDeg, double slope, double sampleSpacingM, const ReliefDetailParams& p) {
    const double w = reliefDetailWeight(slope);
    if (w <= 0.0 || p.amplitudeM <= 0.0) return 0.0;
    // Local kilometres: exact enough for noise (no projection needed), and a function of the
    // point alone.
    constexpr double kKmPerDegLat = 110.574, kKmPerDegLonEquator = 111.320;
    const double x = lonDeg * kKmPerDegLonEquator * std::cos(latDeg * (3.14159265358979323846 / 180.0));
    const double y = latDeg * kKmPerDegLat;
    // fbm fades octaves shorter than 4 samples (none when the spacing is fine enough) and
    // normalises by the full amplitude sum, peaking near 1. Gain 0.55: amplitude falls a little
    // slower than wavelength, like real rock relief. The clamp makes the bound exact.
    const double n = noise::fbm(x, y, kDetailLongestWavelengthKm, kDetailOctaves, 0.55, noise::layerSeed(p.seed, 77u),
                                std::max(sampleSpacingM, 1e-3) / 1000.0);
    return p.amplitudeM * w * std::clamp(n * 1.6, -1.0, 1.0);
}

}  // namespace plateau
