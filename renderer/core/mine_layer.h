#pragma once
// A "mine" layer: pits, waste dumps and tailings ponds that change the terrain's heights with
// time (core/terrain_modifier.h). One layer type with features of three kinds rather than three
// types: a mine's pit, dump and pond share a file, a legend entry and a timeline, and are
// switched on and off together. Features come from a GeoJSON file (source.type "geojson",
// source.path) or inline ("features"), or both.
#include <vector>

#include "core/terrain_modifier.h"

namespace plateau {

struct MineLayerDesc {
    std::vector<TerrainModifier> features;  // inline in the scene file
    bool operator==(const MineLayerDesc&) const = default;
};

}  // namespace plateau
