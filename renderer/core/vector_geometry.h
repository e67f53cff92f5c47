#pragma once
// Plane geometry of vector features in normalised Web Mercator: x east and y south, both 0..1
// over the whole map (y = latToMercatorY). Every tile is a square of side 2^-z in this plane, so
// a feature projected once is drawn into any tile by a scale and an offset, and a line crossing
// two neighbour tiles lands on the same positions in both (no seam at the shared edge).
#include <cstddef>
#include <vector>

#include "core/tile_id.h"
#include "core/vector_data.h"

namespace plateau {

struct MercatorPoint {
    double x = 0, y = 0;
};

struct MercatorRect {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool intersects(const MercatorRect& o) const {
        return minX <= o.maxX && maxX >= o.minX && minY <= o.maxY && maxY >= o.minY;
    }
    MercatorRect expanded(double d) const { return {minX - d, minY - d, maxX + d, maxY + d}; }
};

using MercatorPart = std::vector<MercatorPoint>;

MercatorPoint toMercator(const LonLat& p);
LonLat fromMercator(const MercatorPoint& p);
MercatorRect toMercator(const LonLatBounds& b);
MercatorRect tileRect(const TileId& id);
// One pixel of a `tileSize`-pixel tile at zoom z, in normalised Mercator units.
double mercatorPixel(int z, int tileSize = 256);
// Normalised Mercator units per metre on the ground at latitude latDeg.
double mercatorPerMetre(double latDeg);

std::vector<MercatorPart> toMercator(const std::vector<std::vector<LonLat>>& parts);

// Douglas-Peucker: the fewest vertices of `part` (first and last kept) such that no dropped
// vertex lies farther than `tolerance` from the kept polyline. Iterative (no deep recursion on
// million-vertex lines).
MercatorPart simplify(const MercatorPart& part, double tolerance);

double distanceToSegment(const MercatorPoint& p, const MercatorPoint& a, const MercatorPoint& b);
// Even-odd rule over all rings (outer rings and holes alike), as the rasteriser fills them.
bool insideEvenOdd(const std::vector<MercatorPart>& rings, const MercatorPoint& p);
// Shoelace area of a ring, absolute, in normalised Mercator units squared.
double ringArea(const MercatorPart& ring);

}  // namespace plateau
