#pragma once
// CPU mesh of one terrain tile: a regular grid over the tile plus a skirt ring hanging down from
// the edges, so tiles of different levels never show cracks between them. Vertex positions are
// floats relative to the tile's origin (an ECEF point near its centre), so they stay precise.
// Shading normals are not per vertex but in the tile's normal map (core/tile_normals.h), which
// has 8x the mesh's resolution: the mesh only has to keep positions and silhouettes right, and
// how far it strays from the heights is measured per tile (geometricError) for the selection.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/height_grid.h"
#include "core/tile_heights.h"
#include "core/tile_id.h"
#include "core/tile_normals.h"

namespace plateau {

struct TerrainVertex {
    float pos[3];     // ECEF position minus the tile origin, at exaggeration 1
    float height;     // metres above the ellipsoid (skirt vertices carry their edge's height)
    float up[3];      // unit ellipsoid normal: exaggeration moves vertices along it
    float coarseHeight;  // height of the parent tile's surface here: a new tile morphs from it
    // Mine surfaces: SurfaceMark's bench and kind (core/terrain_modifier.h) as two half floats
    // (glm::packHalf2x16; 0 = none): bands need no more precision, and tiles stay small.
    std::uint32_t modifier;
};
static_assert(sizeof(TerrainVertex) == 36, "vertex layout is mirrored in the terrain pipeline");

struct BoundingSphere {
    glm::dvec3 center{0};
    double radius = 0;
};

struct TileMesh {
    TileId id;
    glm::dvec3 origin{0};  // ECEF
    std::vector<TerrainVertex> vertices;
    float minHeight = 0;
    float maxHeight = 0;
    TileNormals normals;  // the shading normals (see core/tile_normals.h)
    // Largest vertical distance (m, at exaggeration 1) between the mesh's triangles and the
    // heights they stand for, measured at the normal map's texels (8 per mesh cell).
    float geometricError = 0;
};

// Vertex count per side of the grid (without skirts).
int tileGridSize();
// Vertices per tile mesh: gridSize^2 grid vertices (row-major, north row first, west to east),
// then one skirt vertex under each of the 4*(gridSize-1) perimeter vertices, clockwise from the
// north-west corner seen from above (north edge eastward, east edge southward, ...).
int tileVertexCount(int gridSize);
// Indices shared by every tile mesh: grid triangles then skirt triangles (counter-clockwise seen
// from above, i.e. from outside the ellipsoid).
std::vector<std::uint32_t> buildTileIndices(int gridSize);
// skirtDepth in metres (see skirtDepthForLevel). minHeight/maxHeight are the grid's range. The
// normal map (tileNormalSize() texels a side) and the geometric error are built too.
TileMesh buildTileMesh(const TileId& id, const TileHeights& heights, int gridSize, double skirtDepth);
// The tile's own grid, without neighbours.
TileMesh buildTileMesh(const TileId& id, const HeightGrid& grid, int gridSize, double skirtDepth);
// 10 * levelGeometricError(z), at least 20 m.
double skirtDepthForLevel(int z);

// Error (m) of a tile at zoom z before its mesh is measured, and the least any tile counts with:
// one texel of its normal map at the equator, (2*pi*a / 2^z) / (tileNormalSize() - 1): 313 km at
// z0, 76 m at z12. Refining until a texel spans at most the screen-space error keeps shading
// (and draped layers, drawn at the tile's resolution) as sharp as the 33-vertex meshes were,
// whose error was a quarter of their spacing: the same figure. A loaded tile counts with the
// larger of this and its mesh's measured geometricError, so silhouettes stay within it too.
double levelGeometricError(int z);

// Largest vertical distance between a mesh's triangles (the grid's heights at its vertices) and
// the heights under them, measured on a lattice `perCell` points finer than the mesh.
double meshGeometricError(const TileHeights& heights, int gridSize, int perCell);

// The space a tile's surface and its mesh (without skirts) can occupy between two heights: the
// points whose direction from the Earth's centre is within halfAngle of `axis` and whose distance
// from it is in [rmin, rmax]. Much tighter than a sphere for wide, thin tiles, so culling planes
// test against it; levels 0 and 1 get the ball around the whole Earth (halfAngle = pi).
struct TileSector {
    glm::dvec3 axis{0, 0, 1};  // unit, ECEF
    double halfAngle = 0;      // radians
    double rmin = 0, rmax = 0; // metres from the Earth's centre
    // Largest dot(n, p) over the sector, for a unit vector n.
    double support(const glm::dvec3& n) const;
};
TileSector tileSector(const TileId& id, double minHeight, double maxHeight, double exaggeration);
// Smallest sphere centred on the sector's axis that contains it.
BoundingSphere boundingSphere(const TileSector& sector);

// Bounding sphere of the tile surface between the given heights, with heights scaled by the
// vertical exaggeration.
BoundingSphere tileBoundingSphere(const TileId& id, double minHeight, double maxHeight,
                                  double exaggeration);

}  // namespace plateau
