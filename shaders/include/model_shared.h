// Shared between GLSL and C++: the model pass's push constants and material block (set 1).
#ifndef PLATEAU_MODEL_SHARED_H
#define PLATEAU_MODEL_SHARED_H

#ifdef __cplusplus
#include <glm/glm.hpp>
namespace plateau::shader {
using mat4 = glm::mat4;
using vec4 = glm::vec4;
#endif

// One primitive's draw: its transform only.
struct ModelPush {
    mat4 mvp;            // model space -> clip, camera-relative, computed in double
    vec4 model_rows[3];  // model space -> camera-relative ECEF (metres): rows of a 3x4 matrix
    vec4 params;         // x: the instance's opacity (multiplies alpha); y, z, w: unused
};

// Set 1, binding 0: one per material (bindings 1 and 2: base colour and normal textures).
struct ModelMaterialBlock {
    vec4 base_colour;  // linear RGBA factor
    vec4 emissive;     // rgb: linear emissive factor; w: alpha cutoff (MASK)
    vec4 pbr;          // x: metallic, y: roughness, z: normal scale, w: alpha mode (0 opaque, 1 mask, 2 blend)
    vec4 textures;     // x: 1 = has a base colour texture, y: 1 = has a normal map
};

#ifdef __cplusplus
static_assert(sizeof(ModelPush) == 128, "push constants: at most 128 bytes (lavapipe's limit)");
static_assert(sizeof(ModelMaterialBlock) == 64, "std140 layout mirrored in GLSL");
}  // namespace plateau::shader
#endif

#endif
