#pragma once
// The default scene's committed assets, derived deterministically from public-domain and CC BY
// files (see assets/PROVENANCE.md). Same inputs and GDAL/GEOS versions give the same bytes.
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau::assets {

// Where the committed vectors are clipped: the plateau with the rivers leaving it to the plains
// and the Bay of Bengal (the Yarlung Tsangpo / Brahmaputra, Salween, Mekong headwaters, Indus).
inline constexpr double kClipWest = 75.0, kClipSouth = 18.0, kClipEast = 105.0, kClipNorth = 40.0;

struct AssetPaths {
    // Relative to the output folder (assets/).
    static constexpr const char* dem = "terrain/himalaya_srtm30.tif";
    static constexpr const char* rivers = "vectors/rivers.geojson";
    static constexpr const char* lakes = "vectors/lakes.geojson";
    static constexpr const char* glaciers = "vectors/glaciers.geojson";
    static constexpr const char* glacierChange = "vectors/glacier_change_illustrative.geojson";
    static constexpr const char* svalbard = "vectors/svalbard_glaciers.geojson";
};

// Every file the tool writes, relative to the output folder.
std::vector<std::string> assetFiles();

// The SRTM30 1 km DEM as an int16 GeoTIFF, DEFLATE with horizontal predictor, 256-px tiles.
Status buildDem(const std::filesystem::path& dataDir, const std::filesystem::path& outDir);
// Natural Earth rivers, lakes and glaciated areas: clipped, simplified, fields trimmed,
// coordinates rounded (4 decimals, about 10 m).
Status buildNaturalEarth(const std::filesystem::path& dataDir, const std::filesystem::path& outDir);
// Norwegian Polar Institute outlines 1936/1990/2007 in WGS84 with name and year.
Status buildSvalbard(const std::filesystem::path& dataDir, const std::filesystem::path& outDir);
// All of the above plus the illustrative glacier change (glacier_change.h), in that order.
Status buildAll(const std::filesystem::path& dataDir, const std::filesystem::path& outDir);

}  // namespace plateau::assets
