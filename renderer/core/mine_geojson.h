#pragma once
// Mine features (pits, waste dumps, tailings ponds) as GeoJSON: a FeatureCollection of Polygon
// features whose properties give the kind, the reference level and the dated stages. Read with
// nlohmann-json rather than OGR: the stages are an array of objects per feature, which OGR
// flattens into a string field, and this way every error names the feature and the key.
//
// { "type": "FeatureCollection", "features": [
//   { "type": "Feature",
//     "geometry": { "type": "Polygon",               the outer ring is the outline (lon, lat);
//                   "coordinates": [[[91.57, 29.60], ...]] },   3..10000 points; holes are errors
//     "properties": {
//       "kind": "pit",                               required: "pit" | "dump" | "pond"
//       "id": "qulong-pit",                          unique in the file (default: kind + index)
//       "label": "Qulong pit",                       shown in the view and legend
//       "base_m": 5300,                              required, metres: the rim level of a pit (the
//                                                    highest ground of its footprint), the ground
//                                                    level a dump's height or a pond's level is from
//       "face_angle_deg": 65,                        pits: bench faces (or plain walls), 5..89
//       "side_angle_deg": 30,                        dumps and pond dams, 5..89
//       "interpolate": true,                         false: each stage holds until the next
//       "schematic": true,                           shown as "schematic" with the label
//       "stages": [                                  required, ascending years, at least one
//         { "year": 2021,                            a date (see core/timeline.h) or a number
//           "depth_m": 0,                            pits: metres below base_m, 0..3000
//           "height_m": 0, "level_m": 0,             dumps: height above base_m; ponds: level
//           "bench_height_m": 15,                    pits: 0..200 (0 = no benches)
//           "bench_width_m": 10 } ] } } ] }          pits: 0..500
#include <string>
#include <vector>

#include "core/result.h"
#include "core/terrain_modifier.h"

namespace plateau {

// `name` (the file's path) starts every error: "mines/q.geojson: features[0].properties.kind: ...".
Result<std::vector<TerrainModifier>> parseMineGeoJson(const std::string& text, const std::string& name);

}  // namespace plateau
