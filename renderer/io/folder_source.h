#pragma once
// Elevation tiles stored as {z}/{x}/{y}.png under a folder (Terrarium or Mapbox terrain-RGB).
#include <filesystem>
#include <memory>
#include <string>

#include "core/height_codec.h"
#include "core/result.h"
#include "core/tile_source.h"

namespace plateau {

// Uses the folder's metadata.json for zoom range and coverage when present (its "format" must
// match `enc`); otherwise scans the z folders once and checks files on demand.
// Errors: "<dir>: tile folder not found", "<dir>: no {z}/{x}/{y}.png tiles".
Result<std::shared_ptr<TileSource>> openFolderSource(const std::filesystem::path& dir, HeightEncoding enc);

}  // namespace plateau
