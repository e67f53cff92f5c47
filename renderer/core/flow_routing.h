#pragma once
// Where water goes on a FlowRaster: depressions filled, one D8 direction per cell, flow
// accumulation, the path downstream from a cell and the catchment upstream of it.
//
// Filling is the Priority-Flood of Barnes, Lehman & Mulla (2014), "Priority-Flood: An optimal
// depression-filling and watershed-labeling algorithm for digital elevation models", Computers &
// Geosciences 62:117-127, doi:10.1016/j.cageo.2013.04.024, in its improved form (their Alg. 2):
// the raster's edge and its nodata cells are the outlets; cells are taken lowest first from a
// priority queue, and a neighbour lower than the cell that reaches it is raised to that cell's
// level and goes to a plain FIFO ("pit") queue that is emptied first. `filled` is then the
// minimal surface on which every cell drains to an outlet (no epsilon is added: the filled
// heights are the exact spill levels, which tests compare against a brute-force fill).
//
// Directions: a cell with lower neighbours in the filled surface drains to the one with the
// steepest distance-weighted drop (D8: the 8 neighbours, steps measured on the ellipsoid, so an
// east-west step at 30 N is shorter than a north-south one). A cell with none (a filled
// depression or a flat) drains to the neighbour that flooded it, which the flood reached
// earlier at the same level: flats drain toward their spill point, and following directions
// lowers (filled height, flood order) at every step, so every path ends at an outlet.
// The flood order, read backwards, puts every cell before its receiver: accumulation and
// catchments are single passes over it.
//
// Nodata cells are outlets like the edge: a cell the flood reached from nodata that has no
// lower valid neighbour ends its path there (a pit beside a hole is not filled to its rim).
#include <atomic>
#include <cstdint>
#include <vector>

#include "core/flow_raster.h"
#include "core/result.h"

namespace plateau {

struct FlowModel {
    int width = 0, height = 0;
    std::vector<float> filled;           // depression-filled heights; nodata cells: -infinity
    std::vector<std::int32_t> receiver;  // D8 downstream neighbour; -1 for outlets (edge, nodata)
    std::vector<std::int32_t> order;     // flood order: every cell comes after its receiver
    std::vector<double> accumulationKm2; // area draining through each cell, itself included
};

// Fills, routes and accumulates. `cancel` (may be null) is checked every few thousand cells;
// when set, the result is an error "<source>: flow routing cancelled". A raster with no cells
// or with sizes that disagree is an error naming the source.
Result<FlowModel> routeFlow(const FlowRaster& raster, const FlowGeometry& geometry,
                            const std::atomic<bool>* cancel = nullptr);

// The cells from `cell` down to its outlet, both included (empty for an out-of-range cell).
std::vector<std::int32_t> traceDownstream(const FlowModel& model, std::int32_t cell);
// Cell centres of a path, in lon/lat.
std::vector<LonLat> cellCentres(const FlowRaster& raster, const std::vector<std::int32_t>& cells);

struct Catchment {
    std::vector<std::uint8_t> mask;  // 1 for the cells that drain through the chosen cell
    std::size_t cells = 0;
    double areaKm2 = 0;              // geodesic: the sum of the cells' ellipsoid areas
    int minI = 0, minJ = 0, maxI = -1, maxJ = -1;  // bounding box of the mask, inclusive
};

// Everything upstream of `cell` (itself included).
Catchment catchment(const FlowModel& model, const FlowGeometry& geometry, std::int32_t cell);

}  // namespace plateau
