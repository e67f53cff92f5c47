#pragma once
// An elevation raster on a longitude/latitude grid, as flow routing takes it: heights row-major
// from the north-west corner, a validity flag per cell (nodata cells drain nothing and take the
// water of their neighbours, like the raster's edge), and the grid's placement. Cells are equal
// in degrees, not in metres: their east-west size and area shrink with latitude, so distances and
// areas come from the WGS84 ellipsoid per row (FlowGeometry).
#include <cstdint>
#include <string>
#include <vector>

#include "core/vector_data.h"

namespace plateau {

struct FlowRaster {
    std::string source;  // file name, for messages
    int width = 0, height = 0;
    double west = 0, north = 0;        // outer corner of cell (0, 0), degrees
    double cellLon = 0, cellLat = 0;   // cell size in degrees, both > 0 (rows go south)
    std::vector<float> z;              // metres, width * height
    std::vector<std::uint8_t> valid;   // 1 = data, 0 = nodata; empty = all valid

    std::size_t size() const { return std::size_t(width) * std::size_t(height); }
    bool isValid(std::size_t c) const { return valid.empty() || valid[c] != 0; }
    double east() const { return west + width * cellLon; }
    double south() const { return north - height * cellLat; }
    LonLat centre(std::size_t c) const {
        const std::size_t w = std::size_t(width);
        return {west + (double(c % w) + 0.5) * cellLon, north - (double(c / w) + 0.5) * cellLat};
    }
    // The cell holding (lon, lat), or -1 outside the grid.
    std::int64_t cellAt(double lon, double lat) const;
};

// Per-row ellipsoid measures of a FlowRaster's cells: all cells of a row share them.
struct FlowGeometry {
    std::vector<double> areaKm2;    // per row: a cell's area on the WGS84 ellipsoid
    std::vector<double> eastWestM;  // per row: centre-to-centre distance to the east neighbour
    // Steps between rows j and j + 1 (either way): straight south and diagonal.
    std::vector<double> southM, diagonalM;

    // Distance from cell (i, j) to its neighbour (i + di, j + dj), di and dj in -1..1.
    double step(int j, int di, int dj) const {
        if (dj == 0) return eastWestM[std::size_t(j)];
        const std::size_t row = std::size_t(dj > 0 ? j : j - 1);
        return di == 0 ? southM[row] : diagonalM[row];
    }

    explicit FlowGeometry(const FlowRaster& r);
};

// Area in km² of the ellipsoid between two latitudes over `dLonDeg` of longitude (exact: from
// the authalic latitude formula).
double ellipsoidBandAreaKm2(double lat1Deg, double lat2Deg, double dLonDeg);
// Distance in metres between two nearby points on the WGS84 ellipsoid, from the meridian and
// prime-vertical radii at their mean latitude. For the segments used here (under 100 km) this
// is within 0.01 % of the true geodesic, which is well below the DEM's own error.
double ellipsoidDistanceM(const LonLat& a, const LonLat& b);
// Length of a polyline in km (sum of ellipsoidDistanceM).
double polylineLengthKm(const std::vector<LonLat>& line);

}  // namespace plateau
