#pragma once
// Closed shapes built in code, in glTF model space (metres, +Y up), with normals, texture
// coordinates and tangents: stand-ins for bodies in tests and benchmarks, and simple schematic
// bodies. Triangles are wound counter-clockwise seen from outside (glTF's front faces).
#include <array>
#include <string>

#include "core/model_data.h"

namespace plateau {

// An axis-aligned box centred on the origin with the given full sizes (x, y, z).
ModelPrimitive makeBox(glm::vec3 size, int material, const std::string& node);
// A UV sphere of `radius` centred on `centre`: `rings` latitude bands, 2 * rings longitude segments.
// u runs around (east from -Z), v from the top (+Y) to the bottom.
ModelPrimitive makeSphere(float radius, int rings, int material, const std::string& node,
                          glm::vec3 centre = glm::vec3(0.0f));

// A plain material: linear RGBA base colour, BLEND when alpha < 1.
ModelMaterial plainMaterial(const std::string& name, std::array<float, 4> rgba, float metallic = 0.0f,
                            float roughness = 0.8f);

// Recomputes boundsMin/boundsMax from the primitives (with their transforms).
void updateBounds(ModelData& m);

}  // namespace plateau
