#pragma once
// Cesium quantized-mesh-1.0 terrain tiles: a triangulated irregular network over one geographic
// tile (EPSG:4326 tiling), with vertex positions quantized to 0..32767 across the tile and heights
// to 0..32767 between the header's minimum and maximum height.
// Spec: https://github.com/CesiumGS/quantized-mesh
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau {

struct QuantizedMesh {
    static constexpr int kMaxValue = 32767;

    // Header (all ECEF metres, WGS84).
    std::array<double, 3> center{};
    float minHeight = 0, maxHeight = 0;
    std::array<double, 3> boundingSphereCenter{};
    double boundingSphereRadius = 0;
    std::array<double, 3> horizonOcclusionPoint{};

    // Per vertex, decoded from the zig-zag delta encoding: u west->east, v south->north, h low->high.
    std::vector<std::uint16_t> u, v, h;
    std::vector<std::uint32_t> triangles;  // 3 vertex indices per triangle, counter-clockwise
    std::vector<std::uint32_t> westIndices, southIndices, eastIndices, northIndices;

    // Extensions, kept when present. Normals: 2 oct-encoded bytes per vertex.
    std::vector<std::uint8_t> octNormals;
    // Water mask: 1 byte (whole tile land 0 or water 255) or 256 x 256 bytes, row 0 at the north.
    std::vector<std::uint8_t> waterMask;
    std::string metadataJson;  // extension 4

    std::size_t vertexCount() const { return u.size(); }
    std::size_t triangleCount() const { return triangles.size() / 3; }
    double heightMetres(std::size_t i) const {
        return double(minHeight) + double(h[i]) / kMaxValue * (double(maxHeight) - double(minHeight));
    }
    // Unit normal (ECEF) of vertex i from the oct-encoded extension; nullopt without it.
    std::optional<std::array<float, 3>> normal(std::size_t i) const;
};

// Decodes one tile. Gzip-compressed data (as served over HTTP with Content-Encoding: gzip, or
// stored that way on disk) is inflated first. Every count and index is checked against the bytes
// that remain and the vertex count, so truncated or corrupt data gives a one-line error naming
// `name` ("<name>: truncated in the index data (needs 2400 bytes, 12 left)"), never a crash or a
// huge allocation.
Result<QuantizedMesh> decodeQuantizedMesh(const std::uint8_t* data, std::size_t size, const std::string& name);

}  // namespace plateau
