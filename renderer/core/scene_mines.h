#pragma once
// Internal to the scene parser, like scene_reader.h (it throws): mine features and "mine" layers.
#include <vector>

#include "core/scene_reader.h"
#include "core/terrain_modifier.h"

namespace plateau::scene_detail {
// The "features" array (GeoJSON features, see core/mine_geojson.h) at `path`, for files and
// inline in scenes.
void parseMineFeatures(const Reader& rd, const json& features, const std::string& path,
                       std::vector<TerrainModifier>& out);
// A "mine" layer's own keys (see scene.cpp), called from parseLayer.
void parseMineLayer(const Reader& rd, const json& layer, const std::string& path, const std::filesystem::path& file,
                    LayerDesc& out);
}  // namespace plateau::scene_detail
