#include "core/model_shapes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace plateau {

ModelPrimitive makeBox(glm::vec3 size, int material, const std::string& node) {
    ModelPrimitive p;
    p.material = material;
    p.node = node;
    const glm::vec3 h = size * 0.5f;
    // Per face: outward normal, and the two in-face axes u, v with cross(u, v) = normal, so
    // (0,0) (1,0) (1,1) (0,1) in (u, v) run counter-clockwise seen from outside.
    const glm::vec3 normals[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (const glm::vec3& n : normals) {
        const glm::vec3 u =
            std::abs(n.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::normalize(glm::cross(glm::vec3(0, 1, 0), n));
        const glm::vec3 v = glm::cross(n, u);
        const auto base = std::uint32_t(p.vertices.size());
        const float corners[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (const auto& c : corners) {
            ModelVertex vx;
            vx.position = (n + u * c[0] + v * c[1]) * h;
            vx.normal = n;
            vx.uv = glm::vec2((c[0] + 1.0f) * 0.5f, (1.0f - c[1]) * 0.5f);
            vx.tangent = glm::vec4(u, 1.0f);
            p.vertices.push_back(vx);
        }
        for (std::uint32_t k : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + k);
    }
    return p;
}

ModelPrimitive makeSphere(float radius, int rings, int material, const std::string& node, glm::vec3 centre) {
    ModelPrimitive p;
    p.material = material;
    p.node = node;
    rings = std::max(rings, 2);
    const int segments = 2 * rings;
    const float pi = std::numbers::pi_v<float>;
    for (int i = 0; i <= rings; ++i) {
        const float theta = pi * float(i) / float(rings);  // 0 at the top
        for (int j = 0; j <= segments; ++j) {
            const float phi = 2.0f * pi * float(j) / float(segments);
            const glm::vec3 n(std::sin(theta) * std::sin(phi), std::cos(theta), -std::sin(theta) * std::cos(phi));
            ModelVertex v;
            v.position = centre + n * radius;
            v.normal = n;
            v.uv = glm::vec2(float(j) / float(segments), float(i) / float(rings));
            // Direction of growing u (d position / d phi), well defined off the poles. The
            // bitangent cross(n, t) * w must point up the image (toward smaller v), as glTF's
            // tangents do: cross(n, t) points down here, so w = -1.
            glm::vec3 t(std::cos(phi), 0.0f, std::sin(phi));
            v.tangent = glm::vec4(t, -1.0f);
            p.vertices.push_back(v);
        }
    }
    const auto row = std::uint32_t(segments + 1);
    for (std::uint32_t i = 0; i < std::uint32_t(rings); ++i)
        for (std::uint32_t j = 0; j < std::uint32_t(segments); ++j) {
            const std::uint32_t a = i * row + j, b = a + row;
            // (phi, theta) is a counter-clockwise basis seen from outside, so a, a+1 (next
            // segment), b (next ring) is a front face. The poles' degenerate halves are left out.
            if (i != 0) p.indices.insert(p.indices.end(), {a, a + 1, b});
            if (i + 1 != std::uint32_t(rings)) p.indices.insert(p.indices.end(), {a + 1, b + 1, b});
        }
    return p;
}

ModelMaterial plainMaterial(const std::string& name, std::array<float, 4> rgba, float metallic, float roughness) {
    ModelMaterial m;
    m.name = name;
    m.baseColour = rgba;
    m.metallic = metallic;
    m.roughness = roughness;
    m.alphaMode = rgba[3] < 1.0f ? AlphaMode::Blend : AlphaMode::Opaque;
    return m;
}

void updateBounds(ModelData& m) {
    glm::vec3 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
    for (const ModelPrimitive& p : m.primitives)
        for (const ModelVertex& v : p.vertices) {
            const glm::vec3 q = glm::vec3(p.transform * glm::vec4(v.position, 1.0f));
            lo = glm::min(lo, q);
            hi = glm::max(hi, q);
        }
    if (lo.x > hi.x) lo = hi = glm::vec3(0.0f);
    m.boundsMin = lo;
    m.boundsMax = hi;
}

}  // namespace plateau
