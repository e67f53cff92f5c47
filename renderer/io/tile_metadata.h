#pragma once
// metadata.json of a {z}/{x}/{y}.png tile folder: encoding, zoom range and which areas hold tiles
// at which zooms. Written by the synthetic generator and read by the folder source.
//   {"format":"terrarium","minzoom":0,"maxzoom":12,"tilesize":256,
//    "extents":[{"minzoom":0,"maxzoom":4,"bounds":[-180,-85.05,180,85.05]}, ...],
//    "generator":{"name":"plateau-synth","version":1,"seed":0}}
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/height_codec.h"
#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

struct TileExtent {
    int minZoom = 0;
    int maxZoom = 0;
    LonLatBounds bounds;  // tiles that intersect these bounds (open intervals) exist
};

struct GeneratorInfo {
    std::string name;
    int version = 0;
    std::uint32_t seed = 0;
};

struct TileSetMetadata {
    HeightEncoding encoding = HeightEncoding::Terrarium;
    int minZoom = 0;
    int maxZoom = 0;
    int tileSize = 256;
    std::vector<TileExtent> extents;  // empty: every tile in the zoom range
    std::optional<GeneratorInfo> generator;
    std::string description;           // free text, e.g. "synthetic terrain, not real elevation"

    // True when the metadata claims this tile (zoom range and extents).
    bool covers(const TileId& id) const;
};

// `name` is used in messages: "<name>: 'maxzoom' must be an integer 0..30".
Result<TileSetMetadata> parseTileMetadata(const std::string& json, const std::string& name);
std::string tileMetadataToJson(const TileSetMetadata& meta);

// Every tile of zoom minZoom..maxZoom covered by the extents, ordered by zoom, then x, then y.
std::vector<TileId> tilesCoveredBy(const TileSetMetadata& meta);

}  // namespace plateau
