#pragma once
// Reads an elevation raster with GDAL into the pure FlowRaster of core/flow_raster.h: band 1 as
// metres, the band's nodata value (and NaN) as nodata cells, which flow routing treats as
// outlets like the raster's edge. The raster must be north-up on a longitude/latitude CRS
// (as SRTM30 and the committed DEM are): routing on a reprojected copy would resample the
// heights and smear the narrow valleys that carry the water.
#include <filesystem>

#include "core/flow_raster.h"
#include "core/result.h"

namespace plateau {

// Errors are one line naming the file: missing, unreadable, not geographic, rotated, too large.
Result<FlowRaster> readFlowRaster(const std::filesystem::path& file);

}  // namespace plateau
