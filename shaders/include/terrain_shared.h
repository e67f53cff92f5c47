// Shared between GLSL and C++: the terrain push-constant block and constants. Changing this file
// rebuilds the shaders and the C++ that includes it, so the two can never disagree.
#ifndef PLATEAU_TERRAIN_SHARED_H
#define PLATEAU_TERRAIN_SHARED_H

#ifdef __cplusplus
#include <glm/glm.hpp>
namespace plateau::shader {
using mat4 = glm::mat4;
using vec4 = glm::vec4;
#endif

// Vertices per tile side (the grid is kTileGrid x kTileGrid, plus one skirt ring).
#define PLATEAU_TILE_GRID 33

struct TerrainPush {
    mat4 mvp;         // camera-relative MVP for vertices stored relative to the tile origin
    vec4 origin_rel;  // xyz: tile origin minus camera (ECEF axes, metres); w: first vertex of the
                      // tile's slot (vertices past the grid are skirt vertices)
    vec4 sun_dir;     // xyz: unit vector towards the sun (ECEF axes); w: haze distance scale (m)
    vec4 params;      // x: vertical exaggeration, y: contour interval (m, 0 = off),
                      // z: debug colour mode (0 shaded, 1 flat), w: skirt depth (m) at 1x
    vec4 morph;       // x: 0 = the parent tile's shape, 1 = the tile's own (refinement blends in);
                      // yzw: camera position (ECEF, m): with the fragment's camera-relative
                      // position it gives the local up direction, one varying fewer to
                      // interpolate (geocentric; within 0.2 degrees of the ellipsoid normal)
};

struct SkyPush {
    mat4 inv_view_proj;  // clip -> camera-relative direction (rotation and projection only)
    vec4 up;             // xyz: local up at the camera; w: camera height above the ellipsoid (m)
    vec4 sun_dir;        // xyz: unit vector towards the sun; w: unused
};

#ifdef __cplusplus
static_assert(sizeof(TerrainPush) == 128, "push constants must stay within 128 bytes");
static_assert(sizeof(SkyPush) == 96, "push constants must stay within 128 bytes");
}  // namespace plateau::shader
#endif

#endif
