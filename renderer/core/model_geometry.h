#pragma once
// Geometry helpers for triangle meshes in ModelData form: the normals and tangents a glTF file may
// leave out, and the volume a closed mesh encloses. Pure functions, no I/O.
#include <cstdint>
#include <vector>

#include "core/model_data.h"

namespace plateau {

// glTF 2.0 (3.7.2.1): "When normals are not specified, client implementations MUST calculate flat
// normals". Each triangle gets its own three vertices carrying its face normal (so the vertex
// count becomes 3 x triangles); degenerate triangles get +Y.
void generateFlatNormals(std::vector<ModelVertex>& vertices, std::vector<std::uint32_t>& indices);

// Area-weighted average of the face normals around each shared vertex (for generated meshes whose
// vertices are shared on purpose, like the ore-body shells).
void generateSmoothNormals(std::vector<ModelVertex>& vertices, const std::vector<std::uint32_t>& indices);

// Tangents from the UV gradients of each triangle (Lengyel's method, accumulated per vertex,
// Gram-Schmidt against the normal, w = handedness of the UV frame), which is what glTF asks for
// when a normal map is present without TANGENT; MikkTSpace would match baking tools exactly but
// Debian does not package it. Where UVs are degenerate the tangent is any unit vector
// perpendicular to the normal, w = 1.
void generateTangents(std::vector<ModelVertex>& vertices, const std::vector<std::uint32_t>& indices);

// Signed volume enclosed by a closed triangle mesh (divergence theorem: the sum over triangles of
// det(a, b, c) / 6). Positive when the triangles wind counter-clockwise seen from outside
// (glTF's front faces), so a negative result means the mesh is inside out. Double precision.
double enclosedVolume(const std::vector<ModelVertex>& vertices, const std::vector<std::uint32_t>& indices);

}  // namespace plateau
