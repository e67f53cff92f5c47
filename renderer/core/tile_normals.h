#pragma once
// Per-tile normal maps: the shading normal of a tile's surface at many more points than its mesh
// has vertices, so the mesh can be coarse (its triangles only have to keep silhouettes and
// positions right) while lighting, relief colours and contours still show every slope the data
// has. Built on the worker beside the mesh, from the same heights (TileHeights, which reads the
// neighbouring tiles' grids across the edges), uploaded into one layer of a texture array per
// tile slot.
//
// Texel (i, j) is the normal at tile position u = i / (size - 1), v = j / (size - 1): corner-
// aligned like the mesh's vertices, so the last column of a tile and the first column of its east
// neighbour are the same ground points, measured from the same heights on both sides: no shading
// seam along tile edges. (A shader samples it at (uv * (size - 1) + 0.5) / size.)
//
// Stored: two signed bytes per texel, the east and north components of the unit normal in the
// local east-north-up frame at vertical exaggeration 1 (up = sqrt(1 - e^2 - n^2)). Exaggeration
// is applied when shading (tangential part times the exaggeration, then normalised), so changing
// it rebuilds nothing. Each component is stored as sign(c) * sqrt(|c|) * 127: the square root
// spends the byte's precision where lighting is most sensitive to it, on gentle slopes (steps of
// 0.004 degrees at flat, 0.9 degrees at 45 degrees), where a linear byte would band plains in
// 0.45-degree steps.
//
// Smaller levels (mipmaps: 65, 33, 17, 9, 5 texels) sit to the right of the largest, in one
// layer of (size + (size + 1) / 2) x size texels, so a distant tile reads a prefiltered normal
// instead of sparkling; the shader picks the level from the texel footprint. Each level's texel
// is the [1 2 1] filtered texel below it (edges filtered along the edge only, so neighbours'
// edges stay equal at every level).
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/tile_heights.h"
#include "core/tile_id.h"

namespace plateau {

struct TileNormals {
    int size = 0;                     // texels a side of the largest level
    int width = 0, height = 0;        // of the whole layer (normalAtlasWidth(size) x size)
    std::vector<std::int8_t> texels;  // width * height * 2 (east, north), row 0 north, west to east
};

// Texels per side of every tile's normal map (PLATEAU_NORMAL_SIZE).
int tileNormalSize();

// Where level `level` of a normal map of `size` (2^n + 1) texels sits in its layer.
struct NormalLevel {
    int x = 0, y = 0, size = 0;
};
NormalLevel normalLevel(int size, int level);
// Levels kept: while the size halves exactly and stays at least 5 texels (6 for 129).
int normalLevels(int size);
int normalAtlasWidth(int size);

// Central differences one texel each way, in true metres on the ellipsoid (the east spacing
// shrinks with cos(latitude)), reaching into the neighbouring grids that `heights` holds and
// one-sided where there are none. Empty heights give the flat ellipsoid normal.
TileNormals buildTileNormals(const TileId& id, const TileHeights& heights, int size);

std::int8_t encodeNormalComponent(double c);
double decodeNormalComponent(std::int8_t q);
// The unit normal in the local east-north-up frame of one stored texel, seen at a vertical
// exaggeration (the shader's decoding, in C++ for tests).
glm::dvec3 decodeTileNormal(std::int8_t east, std::int8_t north, double exaggeration = 1.0);
// Texel (i, j) of a level, decoded.
glm::dvec3 tileNormalAt(const TileNormals& m, int level, int i, int j, double exaggeration = 1.0);

}  // namespace plateau
