#pragma once
// Illustrative glacier change: per-decade outlines shrunk from real single-date outlines so that
// each polygon's area follows a published mean rate of area loss. Not observed outlines: the
// layer's title and legend say "illustrative".
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau::assets {

// Liu Q., Liu S., Guo W., Nie Y., Shangguan D., Xu J., Yao X. (2015): Glacier changes in the
// Lancang River Basin, China, between 1968-1975 and 2005-2010. Arctic, Antarctic, and Alpine
// Research 47(2), 335-344, doi:10.1657/AAAR0013-104: "a mean area loss rate of 0.75% +- 0.2% a-1"
// between the first and the second Chinese glacier inventory.
inline constexpr double kAreaLossPerYear = 0.0075;
inline constexpr int kReferenceYear = 1970;  // the outlines are taken as the 1970 state
inline constexpr const char* kGlacierChangeLegend =
    "Illustrative, not observed: Natural Earth 10m glaciated areas taken as the 1970 state and shrunk "
    "(negative buffer) so that each area falls by 0.75 % of its 1970 value per year, the mean area loss "
    "rate of the Lancang River Basin between the first and second Chinese glacier inventories (Liu Q. "
    "et al. 2015, Arct. Antarct. Alp. Res. 47(2):335-344, doi:10.1657/AAAR0013-104).";

// Area fraction of the reference outline at `year` (linear loss, never below 0).
double areaFraction(int year);

struct GlacierChangeOptions {
    std::filesystem::path input;   // polygons in WGS84 (the committed glaciers.geojson)
    std::filesystem::path output;  // GeoJSON: fields glacier_id (1-based input order), year
    std::vector<int> years{1970, 1980, 1990, 2000, 2010, 2020};
    double relativeTolerance = 0.01;  // area within 1 % of the target
};

// Each polygon is projected to a Lambert azimuthal equal-area frame at its centroid, buffered
// inward by the distance (found by bisection) that gives the target area, and projected back.
Status buildGlacierChange(const GlacierChangeOptions& options);

}  // namespace plateau::assets
