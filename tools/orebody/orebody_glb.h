#pragma once
// A schematic ore body as a binary glTF (.glb): one mesh per grade shell (core/orebody_shell.h),
// translucent BLEND materials coloured by grade, and asset extras that mark it schematic:
//   {"schematic": true, "name", "metal", "tonnage_mt", "grade", "density", "method", "description"}
// The GLB is written by hand with nlohmann-json (a JSON chunk and one BIN chunk, glTF 2.0 ch. 4):
// it is short, byte-for-byte reproducible (committed assets can be rebuilt and compared) and
// needs no image writer, which tinygltf's writer would pull in.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/orebody_shell.h"
#include "core/result.h"

namespace plateau::orebody {

struct OrebodySpec {
    std::string name;        // deposit name, e.g. "Qulong"
    std::string metal = "Cu";
    OrebodyParams params;    // tonnage (Mt), mean grade (%), density (t/m^3)
};

// Linear RGB for a grade (%): pale yellow at 0.1 % through copper orange at 0.5 % to deep red
// at 2 % and above, interpolated in log(grade) so the common 0.2-1 % range spreads out.
glm::vec3 gradeColour(double gradePercent);

// Opacity of shell k (0 = outermost): the outer shell faint so the richer cores show through.
float shellOpacity(std::size_t k);

// The GLB bytes. Errors: the spec's parameters (see buildOreShells), an empty name.
Result<std::vector<std::uint8_t>> orebodyGlb(const OrebodySpec& spec);

// orebodyGlb, written atomically (io/atomic_file). Errors name `path`.
Status writeOrebodyGlb(const OrebodySpec& spec, const std::filesystem::path& path);

}  // namespace plateau::orebody
