#pragma once
// Typed facts about rivers that the mapped river lines lack, read from a small CSV file
// (assets/rivers/reaches.csv): the names reports use for mapped rivers and the country each
// starts in, reaches the map does not draw (the Lhasa River), and where rivers cross into
// another country. Every row cites its source.
//
// Columns (a header row with exactly these names first; RFC 4180 quoting, so a source may hold
// commas; blank lines are skipped):
//   kind          "river" | "reach" | "border"
//   name          the river's name in reports ("Yarlung Tsangpo", "Lhasa River")
//   map_name      river: the mapped line's name attribute ("Yarlung"); border: the river crossing
//   lon, lat      reach: one point of the reach, rows in downstream order; border: the crossing;
//                 river: empty
//   country       river: the country its course starts in; reach: its country (the first row's);
//                 border: the country the river enters there
//   tolerance_km  reach and border: how near the path must pass (> 0, at most 100)
//   source        required, where the fact comes from
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/vector_data.h"

namespace plateau {

struct RiverFacts {
    struct River {
        std::string name, mapName, country, source;
    };
    struct Reach {
        std::string name, country, source;
        std::vector<LonLat> points;
        double toleranceKm = 0;
    };
    struct Border {
        std::string mapName, country, source;
        LonLat at;
        double toleranceKm = 0;
    };
    std::vector<River> rivers;
    std::vector<Reach> reaches;  // one per name, its points in file order
    std::vector<Border> borders;

    const River* byMapName(const std::string& mapName) const;
};

// One error line naming the file, the line and the column: "reaches.csv: line 4: lat: expected
// a number in -90..90".
Result<RiverFacts> parseRiverFacts(const std::string& text, const std::string& file);

}  // namespace plateau
