#pragma once
// Synthetic relief below a DEM's resolution: band-limited noise (wavelengths 1 km down to 125 m)
// whose amplitude follows the local slope of the DEM, so steep mountainsides gain crags while
// lakes, valley floors and plains stay flat. A pure function of longitude, latitude, slope and
// the sample spacing of the level asking: octaves shorter than 4 samples fade out (they would
// alias into random facets on coarse tiles), so coarse levels get a low-passed version of the
// same surface, and every level fine enough for all octaves gets exactly the same heights.
#include <cstdint>

namespace plateau {

struct ReliefDetailParams {
    std::uint32_t seed = 1;
    double amplitudeM = 40.0;  // the largest height added or removed, on the steepest slopes
};

inline constexpr double kDetailLongestWavelengthKm = 1.0;  // about one SRTM30 pixel pair
inline constexpr int kDetailOctaves = 4;                   // 1000, 500, 250, 125 m
inline constexpr double kDetailShortestWavelengthKm = 0.125;

// 0 on flats (slope below 1 %), rising smoothly to 1 at a slope of 0.3 (17 degrees) measured at
// the DEM's ~1 km scale, where real slopes are much gentler than at 30 m.
double reliefDetailWeight(double slope);

// Height (m) to add at a point, within [-amplitudeM, amplitudeM] * reliefDetailWeight(slope).
// `sampleSpacingM` is the ground distance between the asking grid's samples.
double reliefDetail(double lonDeg, double latDeg, double slope, double sampleSpacingM, const ReliefDetailParams& p);

// True when a grid of this spacing resolves every octave (then nothing is faded).
inline bool reliefDetailFullyResolved(double sampleSpacingM) {
    return kDetailShortestWavelengthKm * 1000.0 >= 4.0 * sampleSpacingM;
}

}  // namespace plateau
