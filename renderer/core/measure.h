#pragma once
// Measuring on the ground: the geodesic length of a clicked polyline on the WGS84 ellipsoid and
// the elevation profile along it. Pure: heights come from a function the caller passes (the
// viewer gives the displayed terrain; tests give synthetic surfaces).
//
// Distances are along the ellipsoid (the ground's map length, as a surveyor's or Google Earth's
// ruler gives), not the slope length over the relief. The profile follows the same geodesics:
// samples every `spacing` metres along each segment, plus every clicked point.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace plateau {

struct MeasurePoint {
    double lon_deg = 0, lat_deg = 0;
    double height_m = 0;  // the picked ground height (unexaggerated); not used for distances
};

// Geodesic distance in metres between two points on WGS84 (GeographicLib, exact to nanometres
// at any distance, antipodes included).
double geodesicDistance(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg);

struct PolylineLength {
    std::vector<double> segments_m;  // segments_m[i]: from point i to point i + 1
    double total_m = 0;
};
PolylineLength measurePolyline(const std::vector<MeasurePoint>& points);

// Height of the ground at a point, or none where it is not known (no data, no tile resident).
using HeightFunction = std::function<std::optional<double>(double lon_deg, double lat_deg)>;

struct ProfileSample {
    double distance_m = 0;  // from the first point, along the polyline
    double lon_deg = 0, lat_deg = 0;
    std::optional<double> height_m;
};

struct ProfileExtreme {
    double distance_m = 0, lon_deg = 0, lat_deg = 0, height_m = 0;
};

struct ElevationProfile {
    std::vector<ProfileSample> samples;    // in order along the line; the first is point 0
    double length_m = 0;                   // total geodesic length
    double spacing_m = 0;                  // the spacing used (wider than asked on long lines)
    std::optional<ProfileExtreme> highest, lowest;  // none when no sample has a height
    double climb_m = 0, descent_m = 0;     // sums of rises and falls between samples
    // Slopes between consecutive samples that both have heights. Degrees are atan(rise/run),
    // percent 100 * rise/run. The mean is the length-weighted mean of |slope| (so a climb and a
    // descent do not cancel): (climb + descent) / run, over the runs with heights.
    double steepestSlopeDeg = 0, steepestSlopePct = 0;
    double steepestAt_m = 0;               // distance of the middle of the steepest stretch
    double meanSlopeDeg = 0, meanSlopePct = 0;
};

// Samples every `spacing_m` along each segment's geodesic (GeographicLib GeodesicLine), and at
// every point. A line longer than `maxSamples` spacings gets a wider spacing, so one click
// across the continent cannot ask for millions of heights. Fewer than two points: no samples.
ElevationProfile elevationProfile(const std::vector<MeasurePoint>& points, const HeightFunction& height,
                                  double spacing_m, std::size_t maxSamples = 2048);

// "850 m", "12.4 km", "1,234 km": metres below 1 km, then km with three significant digits
// (never fewer than whole kilometres), thousands separated.
std::string formatDistance(double metres);

}  // namespace plateau
