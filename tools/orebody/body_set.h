#pragma once
// The default scene's schematic bodies: one .glb per deposit of a CSV inside a box, plus
// bodies.csv (name, lon, lat, tonnage_mt, grade_percent, file) for placing them. Deterministic:
// the committed assets/bodies/ can be rebuilt and compared byte for byte.
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "orebody/deposit_table.h"

namespace plateau::orebody {

// Returns the file names written (the .glb files, then bodies.csv), relative to outDir.
Result<std::vector<std::string>> writeBodySet(const std::filesystem::path& depositsCsv, const Bounds& bounds,
                                              const std::filesystem::path& outDir, double density = 2.7,
                                              const std::string& metal = "Cu");

}  // namespace plateau::orebody
