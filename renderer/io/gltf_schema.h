#pragma once
// Type checks of a glTF document's JSON against the glTF 2.0 schema, for the properties the
// reader uses. tinygltf skips an optional property of the wrong type without a word (a material
// whose "normalTexture.scale" is a string simply has scale 1); a model with such mistakes was not
// written by a working exporter, so we refuse it and say where: "materials[0].normalTexture.scale
// must be a number". Unknown properties are allowed (extensions, newer minor versions).
#include <cstddef>
#include <optional>
#include <string>

namespace plateau::gltf {

// nullopt when `json` (a whole .gltf document or a GLB's JSON chunk) has the right types;
// otherwise the first problem found.
std::optional<std::string> schemaProblem(const char* json, std::size_t size);

}  // namespace plateau::gltf
