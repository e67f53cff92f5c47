#pragma once
// glTF 2.0 models (.gltf with embedded or external buffers, or .glb) into ModelData, with
// tinygltf (Debian's shared library) doing the JSON and GLB parsing.
//
// What comes out:
//   - the default scene's nodes (or every root node when the file has no `scene`), each mesh
//     primitive with the world transform of the node that holds it (a mesh used by several nodes
//     is copied once per node); triangles, triangle strips and fans as triangle lists; points and
//     lines are skipped;
//   - POSITION, NORMAL (flat normals generated when missing, as the spec requires), TEXCOORD_0,
//     TANGENT (generated when a normal map needs it and it is missing), indices (0..n-1 generated
//     for non-indexed primitives); sparse accessors and interleaved buffer views;
//   - materials (base colour factor and texture, normal texture and scale, metallic/roughness
//     factors, emissive factor, alpha mode and cutoff, double sided) and every image decoded to
//     RGBA8 (PNG with libpng, JPEG with libjpeg-turbo, the project's own hardened decoders).
//     ModelData::textures holds one entry per glTF image, in the file's order, and a material's
//     texture indices point there (a glTF texture's sampler is not kept: repeat and linear
//     filtering, the glTF defaults, are assumed). Metallic-roughness, occlusion and emissive
//     textures and KHR_texture_transform are not read;
//   - skins and morph targets: the static bind pose (joints, skin weights and morph targets are
//     ignored; a skinned mesh keeps its node's transform and the vertices as stored);
//   - the asset's extras: "schematic" (bool) and "description" (string).
//
// Safety: external URIs are resolved only inside the model's folder (see gltf_safe_fs.h: no
// absolute paths, "..", URL schemes or shell characters, no symbolic link out, no network, never a
// shell). Every accessor is bounds-checked, every index < its vertex count, every float finite,
// normals unit length, node graphs acyclic, scene and node references valid; the limits below
// bound what a hostile file can make us allocate. Errors are one line: "<file>: <problem>".
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/model_data.h"
#include "core/result.h"

namespace plateau {

struct GltfLimits {
    std::size_t maxFileBytes = std::size_t{1} << 30;  // the model and each external file (GLB lengths are 32-bit)
    std::size_t maxTriangles = 50'000'000;            // in the whole model, after node instancing
    // Elements of any one vertex accessor, and vertices of all meshes together as read; three
    // times this after flat-normal generation (one vertex per index) and after node instancing
    // (copies). An accessor without a buffer view is all zeros, so a few bytes of JSON could
    // otherwise ask for any amount of memory.
    std::size_t maxAccessorCount = 20'000'000;
    int maxTextureDimension = 16384;                  // pixels, width or height (lavapipe's image limit)
    std::size_t maxTexturePixels = std::size_t{1} << 28;  // all images together (1 GiB of RGBA8)
    std::size_t maxNodeDepth = 256;                   // nesting of the node hierarchy
};

struct GltfLoadOptions {
    GltfLimits limits;
    // When set, receives the resolved path of every file the reader opens (the model itself and
    // each external buffer or image), so callers and tests can audit what was touched.
    std::vector<std::filesystem::path>* openedFiles = nullptr;
};

// A .gltf or .glb file (told apart by the GLB magic, not the extension).
Result<ModelData> loadGltf(const std::filesystem::path& file);
Result<ModelData> loadGltf(const std::filesystem::path& file, const GltfLoadOptions& options);

// The bytes of a .glb or a .gltf document already in memory. Only data URIs and the GLB's own
// binary chunk can supply buffers and images: any external URI is refused. `name` is used in
// messages and as ModelData::source.
Result<ModelData> loadGltfFromMemory(const std::uint8_t* data, std::size_t size, const std::string& name,
                                     const GltfLimits& limits = {});

}  // namespace plateau
