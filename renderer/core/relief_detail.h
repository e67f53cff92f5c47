#pragma once
// Synthetic relief below a DEM's resolution: band-limited noise (wavelengths 900 m down to about
// 110 m) whose amplitude follows the local slope of the DEM, so steep mountainsides gain crags
// while lakes, valley floors and plains stay flat. A pure function of longitude, latitude and
// slope: every tile and level that evaluates a point gets the same height.
#include <cstdint>

namespace plateau {

struct ReliefDetailParams {
    std::uint32_t seed = 1;
    double amplitudeM = 40.0;  // the largest height added or removed, on the steepest slopes
};

// Longest wavelength of the detail (km): shorter than a 30" SRTM pixel pair, so the detail does
// not compete with the real relief that the DEM resolves.
inline constexpr double kDetailLongestWavelengthKm = 0.9;
inline constexpr int kDetailOctaves = 4;

// 0 on flats (slope below 1 %), rising smoothly to 1 at a slope of 0.3 (17 degrees) measured at
// the DEM's ~1 km scale, where real slopes are much gentler than at 30 m.
double reliefDetailWeight(double slope);

// Height (m) to add at a point, within [-amplitudeM, amplitudeM] * reliefDetailWeight(slope).
double reliefDetail(double lonDeg, double latDeg, double slope, const ReliefDetailParams& p);

}  // namespace plateau
