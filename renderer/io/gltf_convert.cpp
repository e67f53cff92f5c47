#include "io/gltf_convert.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "core/model_geometry.h"
#include "io/gltf_accessor.h"

namespace plateau::gltf {
namespace {

constexpr float kNormalTolerance = 0.05f;  // quantised normals (KHR_mesh_quantization) are within 1 %

// Extensions whose data we cannot read: a file that requires them would come out wrong.
constexpr const char* kUnsupportedRequired[] = {"KHR_draco_mesh_compression", "EXT_meshopt_compression",
                                                "KHR_texture_basisu", "EXT_texture_webp"};

struct Budget {
    std::size_t vertices = 0, triangles = 0;
};

struct Instance {
    int mesh;
    glm::dmat4 world;
    std::string node;
};

std::string str(std::size_t v) { return std::to_string(v); }

bool allFinite(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

Result<glm::dmat4> localTransform(const tinygltf::Node& node, int index) {
    const std::string what = "node " + std::to_string(index);
    if (!allFinite(node.matrix) || !allFinite(node.translation) || !allFinite(node.rotation) || !allFinite(node.scale))
        return makeError(what + ": transform is not finite");
    if (!node.matrix.empty()) {
        if (node.matrix.size() != 16) return makeError(what + ": matrix must have 16 numbers");
        glm::dmat4 m;
        for (int c = 0; c < 4; ++c)
            for (int r = 0; r < 4; ++r) m[c][r] = node.matrix[static_cast<std::size_t>(c * 4 + r)];  // column-major
        return m;
    }
    glm::dmat4 m(1.0);
    if (!node.translation.empty()) {
        if (node.translation.size() != 3) return makeError(what + ": translation must have 3 numbers");
        m = glm::translate(m, glm::dvec3(node.translation[0], node.translation[1], node.translation[2]));
    }
    if (!node.rotation.empty()) {
        if (node.rotation.size() != 4) return makeError(what + ": rotation must have 4 numbers");
        glm::dquat q(node.rotation[3], node.rotation[0], node.rotation[1], node.rotation[2]);  // glTF: x, y, z, w
        const double len = glm::length(q);
        if (!(len > 0.0)) return makeError(what + ": rotation quaternion has zero length");
        m = m * glm::mat4_cast(q / len);
    }
    if (!node.scale.empty()) {
        if (node.scale.size() != 3) return makeError(what + ": scale must have 3 numbers");
        m = glm::scale(m, glm::dvec3(node.scale[0], node.scale[1], node.scale[2]));
    }
    return m;
}

// Roots of the scene to show: the default scene, or every node nobody lists as a child. Checks
// that node references exist, that no node has two parents and that there is no cycle.
Result<std::vector<int>> sceneRoots(const tinygltf::Model& model) {
    const std::size_t n = model.nodes.size();
    std::vector<int> parents(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        for (int c : model.nodes[i].children) {
            if (c < 0 || static_cast<std::size_t>(c) >= n)
                return makeError("node " + str(i) + " has child " + std::to_string(c) + ", which does not exist");
            if (static_cast<std::size_t>(c) == i) return makeError("node " + str(i) + " is its own child (cycle)");
            if (++parents[static_cast<std::size_t>(c)] > 1)
                return makeError("node " + std::to_string(c) + " has more than one parent (the node graph must be a tree)");
        }
    std::vector<int> roots;
    if (model.defaultScene >= 0) {
        if (static_cast<std::size_t>(model.defaultScene) >= model.scenes.size())
            return makeError("the default scene " + std::to_string(model.defaultScene) + " does not exist");
        roots = model.scenes[static_cast<std::size_t>(model.defaultScene)].nodes;
    } else {
        for (std::size_t i = 0; i < n; ++i)
            if (parents[i] == 0) roots.push_back(static_cast<int>(i));
    }
    for (int r : roots) {
        if (r < 0 || static_cast<std::size_t>(r) >= n)
            return makeError("scene lists node " + std::to_string(r) + ", which does not exist");
        if (parents[static_cast<std::size_t>(r)] != 0)
            return makeError("scene root node " + std::to_string(r) + " is also a child of another node");
    }
    // Every node reachable from the roots has exactly one parent, roots none, so a cycle can only
    // be a loop of nodes that are all children: nodes with a parent but never reached from a
    // parentless node. Find those (only matters when no scene pins the roots).
    std::vector<char> reached(n, 0);
    std::vector<int> stack;
    for (std::size_t i = 0; i < n; ++i)
        if (parents[i] == 0) stack.push_back(static_cast<int>(i));
    while (!stack.empty()) {
        const auto i = static_cast<std::size_t>(stack.back());
        stack.pop_back();
        if (reached[i]) continue;
        reached[i] = 1;
        for (int c : model.nodes[i].children) stack.push_back(c);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!reached[i]) return makeError("node " + str(i) + " is part of a cycle in the node hierarchy");
    return roots;
}

Status collectInstances(const tinygltf::Model& model, const std::vector<int>& roots, const GltfLimits& limits,
                        std::vector<Instance>& out) {
    struct Item {
        int node;
        glm::dmat4 parent;
        std::size_t depth;
    };
    std::vector<Item> stack;
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, glm::dmat4(1.0), 0});
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        if (item.depth > limits.maxNodeDepth)
            return makeError("node hierarchy deeper than " + str(limits.maxNodeDepth) + " levels");
        const auto& node = model.nodes[static_cast<std::size_t>(item.node)];
        auto local = localTransform(node, item.node);
        if (!local) return local.error();
        const glm::dmat4 world = item.parent * *local;
        if (node.mesh >= 0) {
            if (static_cast<std::size_t>(node.mesh) >= model.meshes.size())
                return makeError("node " + std::to_string(item.node) + " uses mesh " + std::to_string(node.mesh) +
                                 ", which does not exist");
            out.push_back({node.mesh, world, node.name.empty() ? "node " + std::to_string(item.node) : node.name});
        }
        for (auto c = node.children.rbegin(); c != node.children.rend(); ++c)
            stack.push_back({*c, world, item.depth + 1});
    }
    return Ok{};
}

int attribute(const tinygltf::Primitive& p, const char* name) {
    const auto it = p.attributes.find(name);
    return it == p.attributes.end() ? -1 : it->second;
}

// Triangle list indices from a list, strip or fan.
Result<std::vector<std::uint32_t>> triangleList(std::vector<std::uint32_t> idx, int mode) {
    if (mode == TINYGLTF_MODE_TRIANGLES || mode == -1) {
        if (idx.size() % 3 != 0) return makeError("triangle index count " + str(idx.size()) + " is not a multiple of 3");
        return idx;
    }
    std::vector<std::uint32_t> out;
    if (idx.size() < 3) return out;
    out.reserve((idx.size() - 2) * 3);
    for (std::size_t i = 2; i < idx.size(); ++i) {
        if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
            // Every other triangle is flipped to keep the winding (glTF 3.7.2.1).
            if (i % 2 == 0) out.insert(out.end(), {idx[i - 2], idx[i - 1], idx[i]});
            else out.insert(out.end(), {idx[i - 1], idx[i - 2], idx[i]});
        } else {
            out.insert(out.end(), {idx[0], idx[i - 1], idx[i]});
        }
    }
    return out;
}

bool needsTangents(const tinygltf::Model& model, int material) {
    return material >= 0 && static_cast<std::size_t>(material) < model.materials.size() &&
           model.materials[static_cast<std::size_t>(material)].normalTexture.index >= 0;
}

// One primitive in its mesh's space; an empty result for points and lines.
Result<ModelPrimitive> convertPrimitive(const tinygltf::Model& model, const tinygltf::Primitive& p,
                                        const GltfLimits& limits, Budget& budget) {
    ModelPrimitive out;
    if (p.mode >= 0 && p.mode < TINYGLTF_MODE_TRIANGLES) return out;
    if (p.mode > TINYGLTF_MODE_TRIANGLE_FAN) return makeError("unknown primitive mode " + std::to_string(p.mode));
    if (p.material < -1 || (p.material >= 0 && static_cast<std::size_t>(p.material) >= model.materials.size()))
        return makeError("primitive uses material " + std::to_string(p.material) + ", which does not exist");
    out.material = p.material;
    const int posIndex = attribute(p, "POSITION");
    if (posIndex < 0) return makeError("primitive without POSITION");
    const std::size_t vertexBudget = limits.maxAccessorCount - std::min(limits.maxAccessorCount, budget.vertices);
    auto pos = readFloats(model, posIndex, 3, vertexBudget);
    if (!pos) return pos.error();
    const std::size_t count = pos->size() / 3;
    budget.vertices += count;
    out.vertices.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        out.vertices[i].position = glm::vec3((*pos)[3 * i], (*pos)[3 * i + 1], (*pos)[3 * i + 2]);

    auto readMatching = [&](const char* name, int comps) -> Result<std::vector<float>> {
        const int index = attribute(p, name);
        if (index < 0) return std::vector<float>{};
        auto v = readFloats(model, index, comps, count);
        if (!v) return v.error();
        if (v->size() / static_cast<std::size_t>(comps) != count)
            return makeError(std::string(name) + " accessor " + std::to_string(index) + " has " +
                             str(v->size() / static_cast<std::size_t>(comps)) + " elements, POSITION has " + str(count));
        return v;
    };
    auto normals = readMatching("NORMAL", 3);
    if (!normals) return normals.error();
    auto uvs = readMatching("TEXCOORD_0", 2);
    if (!uvs) return uvs.error();
    auto tangents = readMatching("TANGENT", 4);
    if (!tangents) return tangents.error();
    for (std::size_t i = 0; i < count && !normals->empty(); ++i) {
        const glm::vec3 n((*normals)[3 * i], (*normals)[3 * i + 1], (*normals)[3 * i + 2]);
        const float len = glm::length(n);
        if (std::fabs(len - 1.0f) > kNormalTolerance)
            return makeError("NORMAL " + str(i) + " has length " + std::to_string(len) + ", normals must be unit vectors");
        out.vertices[i].normal = n / len;
    }
    for (std::size_t i = 0; i < count && !uvs->empty(); ++i) out.vertices[i].uv = {(*uvs)[2 * i], (*uvs)[2 * i + 1]};
    for (std::size_t i = 0; i < count && !tangents->empty(); ++i)
        out.vertices[i].tangent = {(*tangents)[4 * i], (*tangents)[4 * i + 1], (*tangents)[4 * i + 2],
                                   (*tangents)[4 * i + 3] < 0.0f ? -1.0f : 1.0f};

    std::vector<std::uint32_t> indices;
    if (p.indices >= 0) {
        auto idx = readIndices(model, p.indices, count, limits.maxTriangles * 3);
        if (!idx) return idx.error();
        indices = std::move(*idx);
    } else {
        indices.resize(count);
        for (std::size_t i = 0; i < count; ++i) indices[i] = static_cast<std::uint32_t>(i);
    }
    // Strips and fans make three indices of each one: check the count before expanding them.
    const bool isList = p.mode == TINYGLTF_MODE_TRIANGLES || p.mode == -1;
    const std::size_t expected = isList ? indices.size() / 3 : (indices.size() >= 3 ? indices.size() - 2 : 0);
    if (budget.triangles + expected > limits.maxTriangles)
        return makeError("more than " + str(limits.maxTriangles) + " triangles");
    auto list = triangleList(std::move(indices), p.mode);
    if (!list) return list.error();
    out.indices = std::move(*list);
    budget.triangles += out.indices.size() / 3;
    if (budget.triangles > limits.maxTriangles)
        return makeError("more than " + str(limits.maxTriangles) + " triangles");

    if (normals->empty()) {
        // Unwelding makes one vertex per index: check before allocating them.
        budget.vertices += out.indices.size();
        if (budget.vertices > limits.maxAccessorCount * 3)
            return makeError("more than " + str(limits.maxAccessorCount * 3) + " vertices after generating normals");
        generateFlatNormals(out.vertices, out.indices);
    }
    if (tangents->empty() && needsTangents(model, p.material)) generateTangents(out.vertices, out.indices);
    return out;
}

Result<ModelMaterial> convertMaterial(const tinygltf::Model& model, std::size_t index) {
    const auto& m = model.materials[index];
    const std::string what = "material " + str(index);
    ModelMaterial out;
    out.name = m.name;
    const auto& pbr = m.pbrMetallicRoughness;
    if (pbr.baseColorFactor.size() != 4 || !allFinite(pbr.baseColorFactor))
        return makeError(what + ": baseColorFactor must be 4 finite numbers");
    for (std::size_t i = 0; i < 4; ++i) out.baseColour[i] = static_cast<float>(std::clamp(pbr.baseColorFactor[i], 0.0, 1.0));
    if (m.emissiveFactor.size() == 3 && allFinite(m.emissiveFactor))
        for (std::size_t i = 0; i < 3; ++i) out.emissive[i] = static_cast<float>(std::clamp(m.emissiveFactor[i], 0.0, 1.0));
    auto image = [&](int texture, const char* slot) -> Result<int> {
        if (texture < 0) return -1;
        if (static_cast<std::size_t>(texture) >= model.textures.size())
            return makeError(what + ": " + slot + " texture " + std::to_string(texture) + " does not exist");
        const int source = model.textures[static_cast<std::size_t>(texture)].source;
        if (source < 0) return -1;  // a texture without an image (only extension images): none
        if (static_cast<std::size_t>(source) >= model.images.size())
            return makeError(what + ": texture " + std::to_string(texture) + " uses image " + std::to_string(source) +
                             ", which does not exist");
        return source;  // ModelData::textures holds one entry per glTF image
    };
    auto base = image(pbr.baseColorTexture.index, "base colour");
    if (!base) return base.error();
    out.baseColourTexture = *base;
    auto normal = image(m.normalTexture.index, "normal");
    if (!normal) return normal.error();
    out.normalTexture = *normal;
    out.normalScale = std::isfinite(m.normalTexture.scale) ? static_cast<float>(m.normalTexture.scale) : 1.0f;
    out.metallic = static_cast<float>(std::isfinite(pbr.metallicFactor) ? std::clamp(pbr.metallicFactor, 0.0, 1.0) : 1.0);
    out.roughness = static_cast<float>(std::isfinite(pbr.roughnessFactor) ? std::clamp(pbr.roughnessFactor, 0.0, 1.0) : 1.0);
    if (m.alphaMode == "OPAQUE" || m.alphaMode.empty()) out.alphaMode = AlphaMode::Opaque;
    else if (m.alphaMode == "MASK") out.alphaMode = AlphaMode::Mask;
    else if (m.alphaMode == "BLEND") out.alphaMode = AlphaMode::Blend;
    else return makeError(what + ": unknown alphaMode '" + m.alphaMode + "'");
    out.alphaCutoff = std::isfinite(m.alphaCutoff) ? static_cast<float>(m.alphaCutoff) : 0.5f;
    out.doubleSided = m.doubleSided;
    return out;
}

}  // namespace

Result<ModelData> convertModel(const tinygltf::Model& model, const GltfLimits& limits) {
    for (const auto& ext : model.extensionsRequired)
        for (const char* bad : kUnsupportedRequired)
            if (ext == bad) return makeError("requires extension " + ext + ", which is not supported");
    ModelData out;
    const auto& extras = model.asset.extras;
    if (extras.IsObject()) {
        if (extras.Has("schematic") && extras.Get("schematic").IsBool()) out.schematic = extras.Get("schematic").Get<bool>();
        if (extras.Has("description") && extras.Get("description").IsString())
            out.description = extras.Get("description").Get<std::string>();
    }
    for (std::size_t i = 0; i < model.materials.size(); ++i) {
        auto m = convertMaterial(model, i);
        if (!m) return m.error();
        out.materials.push_back(std::move(*m));
    }
    for (std::size_t i = 0; i < model.images.size(); ++i) {
        const auto& img = model.images[i];
        const std::size_t expected = static_cast<std::size_t>(std::max(img.width, 0)) *
                                     static_cast<std::size_t>(std::max(img.height, 0)) * 4;
        if (img.image.empty() || img.component != 4 || img.bits != 8 || img.image.size() != expected)
            return makeError("image " + str(i) + (img.uri.empty() ? std::string() : " ('" + img.uri + "')") +
                             " could not be loaded");
        out.textures.push_back({static_cast<std::uint32_t>(img.width), static_cast<std::uint32_t>(img.height), img.image});
    }

    auto roots = sceneRoots(model);
    if (!roots) return roots.error();
    std::vector<Instance> instances;
    if (auto st = collectInstances(model, *roots, limits, instances); !st) return st.error();

    // Each mesh converted once, then copied per node that uses it.
    Budget budget;
    std::map<int, std::vector<ModelPrimitive>> meshes;
    std::size_t instancedTriangles = 0, instancedVertices = 0;
    for (const auto& inst : instances) {
        auto it = meshes.find(inst.mesh);
        if (it == meshes.end()) {
            std::vector<ModelPrimitive> prims;
            const auto& mesh = model.meshes[static_cast<std::size_t>(inst.mesh)];
            for (std::size_t k = 0; k < mesh.primitives.size(); ++k) {
                auto prim = convertPrimitive(model, mesh.primitives[k], limits, budget);
                if (!prim)
                    return makeError("mesh " + std::to_string(inst.mesh) + " primitive " + str(k) + ": " +
                                     prim.error().message);
                if (!prim->indices.empty()) prims.push_back(std::move(*prim));
            }
            it = meshes.emplace(inst.mesh, std::move(prims)).first;
        }
        for (const auto& prim : it->second) {
            instancedTriangles += prim.indices.size() / 3;
            instancedVertices += prim.vertices.size();
        }
        if (instancedTriangles > limits.maxTriangles)
            return makeError("more than " + str(limits.maxTriangles) + " triangles after node instancing");
        // Each instance is a copy: a big mesh used by many nodes must not multiply memory unchecked.
        if (instancedVertices > limits.maxAccessorCount * 3)
            return makeError("more than " + str(limits.maxAccessorCount * 3) + " vertices after node instancing");
    }

    glm::dvec3 lo(std::numeric_limits<double>::max()), hi(-std::numeric_limits<double>::max());
    for (const auto& inst : instances) {
        const glm::mat4 world(inst.world);
        for (int c = 0; c < 4; ++c)
            for (int r = 0; r < 4; ++r)
                if (!std::isfinite(world[c][r])) return makeError(inst.node + ": world transform outside float range");
        for (const auto& prim : meshes[inst.mesh]) {
            ModelPrimitive copy = prim;
            copy.transform = world;
            copy.node = inst.node;
            for (const auto& v : copy.vertices) {
                const glm::dvec3 w = glm::dvec3(inst.world * glm::dvec4(glm::dvec3(v.position), 1.0));
                lo = glm::min(lo, w);
                hi = glm::max(hi, w);
            }
            out.primitives.push_back(std::move(copy));
        }
    }
    if (out.primitives.empty()) return makeError("the scene has no triangles");
    const double fmax = std::numeric_limits<float>::max();
    if (!(glm::all(glm::greaterThan(lo, glm::dvec3(-fmax))) && glm::all(glm::lessThan(hi, glm::dvec3(fmax)))))
        return makeError("node transforms take the model outside float range");
    out.boundsMin = glm::vec3(lo);
    out.boundsMax = glm::vec3(hi);
    return out;
}

}  // namespace plateau::gltf
