#pragma once
// A 3D model (a deposit body, a shell, a building) in plain CPU form, as the glTF reader delivers
// it and the model pass uploads it. The node hierarchy is already applied: each primitive carries
// the world transform of the node that holds it, so nothing downstream walks a scene graph.
//
// Space: glTF's, metres, +Y up. Placing a model on the globe maps glTF (x, y, z) to the local
// east-north-up frame as (x, -z, y) (the usual Y-up to Z-up turn, as CesiumJS does), then applies
// heading, pitch, roll and scale there.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace plateau {

// 8-bit RGBA pixels, rows top to bottom. Base colour textures hold sRGB values, normal maps linear.
struct ModelTexture {
    std::uint32_t width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
};

enum class AlphaMode { Opaque, Mask, Blend };

// glTF metallic-roughness material, the parts a body needs. Factors multiply the textures.
struct ModelMaterial {
    std::string name;
    std::array<float, 4> baseColour{1, 1, 1, 1};  // linear RGBA
    int baseColourTexture = -1;                    // index into ModelData::textures, -1: none
    int normalTexture = -1;
    float normalScale = 1.0f;
    float metallic = 1.0f, roughness = 1.0f;       // glTF defaults
    std::array<float, 3> emissive{0, 0, 0};
    AlphaMode alphaMode = AlphaMode::Opaque;
    float alphaCutoff = 0.5f;
    bool doubleSided = false;
};

struct ModelVertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    glm::vec2 uv{0.0f};
    glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};  // xyz tangent, w handedness (glTF convention)
};

// One triangle list with one material, in its node's space; `transform` takes it to model space.
struct ModelPrimitive {
    std::vector<ModelVertex> vertices;
    std::vector<std::uint32_t> indices;  // triangles; every index < vertices.size()
    int material = -1;                   // index into ModelData::materials, -1: default grey
    glm::mat4 transform{1.0f};
    std::string node;                    // the node's name, for picking and messages
};

struct ModelData {
    std::string source;  // file name, for messages
    std::vector<ModelPrimitive> primitives;
    std::vector<ModelMaterial> materials;
    std::vector<ModelTexture> textures;
    glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};  // model space, after node transforms
    // From the asset's extras: plateau-orebody marks its output {"schematic": true, ...}.
    bool schematic = false;
    std::string description;  // extras.description, shown in info cards
    std::size_t triangleCount() const {
        std::size_t n = 0;
        for (const auto& p : primitives) n += p.indices.size() / 3;
        return n;
    }
};

}  // namespace plateau
