#pragma once
// Names a downstream path: where it runs along a mapped river line or a typed reach
// (core/river_facts.h) it has joined that river; past the DEM's edge it goes on along the mapped
// network to the network's end, so a report can name the rivers and countries beyond the DEM.
//
// Joining: a path vertex within the tolerance of a river line (or within a reach's own
// tolerance of its polyline) is a contact; rivers are listed in order of first contact.
// Countries: a river's or reach's starting country when it is first contacted, then the
// country a border row names when a path segment passes within its tolerance of the crossing
// (only for a river already on the list, so a crossing on another river is not taken).
// Continuing: when the path ends on the DEM's edge within the tolerance of the last mapped river
// it joined, it continues from the nearest point on that line to the line's end, then from each
// end along the part or line that starts there (Natural Earth lines run downstream, each
// starting where the previous ends; "there" is within 1 km), until none does.
#include <optional>
#include <string>
#include <vector>

#include "core/river_facts.h"
#include "core/vector_data.h"

namespace plateau {

struct TraceReport {
    LonLat from;
    std::vector<LonLat> line;      // the DEM path, then its continuation along the mapped rivers
    std::size_t demVertices = 0;   // line[0 .. demVertices) is the DEM path
    double demKm = 0, totalKm = 0; // along the line, on the ellipsoid
    bool leftDem = false;          // the DEM path ends on the raster's edge
    LonLat exit;                   // where the DEM path ends
    std::vector<std::string> rivers, countries;
    std::optional<double> catchmentKm2;
};

struct RiverJoinParams {
    double toleranceKm = 3.0;
    std::string nameField = "name";  // the river lines' name attribute
};

// `demPath`: cell centres from the start to the outlet; `leftDem`: the outlet is on the edge.
TraceReport joinRivers(const std::vector<LonLat>& demPath, bool leftDem, const VectorData& rivers,
                       const RiverFacts& facts, const RiverJoinParams& params = {});

// "trace from 91.583E 29.600N: 2,950 km, Lhasa River → Yarlung Tsangpo → ...; China → India"
std::string formatTraceReport(const TraceReport& r);
// The same without the start, plus the catchment area: for a legend.
std::string shortTraceReport(const TraceReport& r);
// 2950.4 -> "2,950"
std::string formatThousands(double value);

}  // namespace plateau
