#pragma once
// Validated reads of glTF accessors. Every byte range is checked against its buffer view and
// buffer (with overflow-safe arithmetic) before it is read; sparse substitutions are checked the
// same way (indices strictly increasing and below the accessor's count); float results must be
// finite. Errors are the problem only, e.g. "accessor 3: byte range 0..1200 outside buffer view 1
// (1000 bytes)"; the caller prefixes the file name.
#include <cstdint>
#include <string>
#include <vector>

#include <tiny_gltf.h>

#include "core/result.h"

namespace plateau::gltf {

// The accessor's elements as floats, `components` per element (its type must have exactly that
// many: 2, 3 or 4). Integer components are normalised to [0,1] / [-1,1] when the accessor is
// `normalized`, taken as they are otherwise. `maxCount` guards against hostile counts.
Result<std::vector<float>> readFloats(const tinygltf::Model& model, int accessor, int components,
                                      std::size_t maxCount);

// An index accessor (SCALAR of unsigned byte, short or int), every value < vertexCount.
Result<std::vector<std::uint32_t>> readIndices(const tinygltf::Model& model, int accessor, std::size_t vertexCount,
                                               std::size_t maxCount);

}  // namespace plateau::gltf
