#pragma once
// The outline of a set of raster cells (a catchment) as polygon rings in lon/lat, traced along
// cell edges: exact (no smoothing), so the polygon covers precisely the cells whose area the
// legend states. Rings are closed (first vertex repeated last), straight runs merged into one
// segment. Holes (cells inside that do not drain there) come out as rings of their own; the
// vector layers fill polygons with the even-odd rule (core/vector_data.h), so outer rings and
// holes need no grouping.
#include <cstdint>
#include <vector>

#include "core/flow_raster.h"

namespace plateau {

// `mask` has raster.size() entries, non-zero inside. Cells touching only at a corner are
// separate rings (they share a vertex), as are separate islands.
std::vector<std::vector<LonLat>> maskOutline(const FlowRaster& raster, const std::vector<std::uint8_t>& mask);

}  // namespace plateau
