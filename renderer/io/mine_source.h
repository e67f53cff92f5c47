#pragma once
// A mine layer's terrain modifiers: the features of its GeoJSON file (core/mine_geojson.h) and
// those inline in the scene, as one set for the tile producers.
#include <memory>

#include "core/layer.h"
#include "core/result.h"
#include "core/terrain_modifiers.h"

namespace plateau {

// Errors: "layer 'qulong': mines/q.geojson: file not found" or the parser's line.
Result<std::shared_ptr<const TerrainModifiers>> openMineLayer(const LayerDesc& desc);

}  // namespace plateau
