// Shared between GLSL and C++: the per-frame uniform block, the per-tile draw records and their
// constants. Changing this file rebuilds the shaders and the C++ that includes it, so the two
// can never disagree.
#ifndef PLATEAU_TERRAIN_SHARED_H
#define PLATEAU_TERRAIN_SHARED_H

#ifdef __cplusplus
#include <glm/glm.hpp>
namespace plateau::shader {
using mat4 = glm::mat4;
using vec4 = glm::vec4;
using ivec4 = glm::ivec4;
#endif

// Vertices per tile side (the grid is kTileGrid x kTileGrid, plus one skirt ring).
#define PLATEAU_TILE_GRID 17
// Texels per side of a tile's normal map (8 per mesh cell; see core/tile_normals.h).
#define PLATEAU_NORMAL_SIZE 129
// Its levels (129, 65, 33, 17, 9, 5 texels), side by side in one layer of 194 x 129 texels.
#define PLATEAU_NORMAL_LEVELS 6
// Draped layers one tile can show at once (imagery and vector layers; more are not drawn).
#define PLATEAU_MAX_OVERLAYS 8

// Set 0, binding 0: one per frame in flight.
struct FrameUniforms {
    mat4 inv_view_proj;  // clip -> camera-relative direction (rotation and projection only; sky)
    vec4 up;             // xyz: local up at the camera; w: camera height above the ellipsoid (m)
    vec4 sun_dir;        // xyz: unit vector towards the sun (ECEF axes); w: haze distance scale (m)
    vec4 params;         // x: vertical exaggeration, y: contour interval (m, 0 = off),
                         // z: debug colour mode (0 shaded, 1 flat), w: unused
    vec4 camera;         // xyz: camera position (ECEF, m): with the fragment's camera-relative
                         // position it gives the local up direction, one varying fewer to
                         // interpolate (geocentric; within 0.2 degrees of the ellipsoid normal)
    // Underground view (core/underground.h, shaders/include/underground.glsl); zero outside it.
    vec4 cutaway;        // xyz: unit normal of the vertical cut plane (ECEF axes), w: offset:
                         // terrain where dot(xyz, camera-relative position) + w > 0 is cut away
    vec4 underground;    // x: 1 = underground mode (the underside is drawn, hatched);
                         // y: terrain opacity 0..1 (1 outside the mode); z, w: unused
};

// Push constants of one tile's draw: its transform only (everything frame-wide is in the
// uniform block). Uniform across the draw, so even a software rasteriser reads them once.
struct TilePush {
    mat4 mvp;         // camera-relative MVP for vertices stored relative to the tile origin
    vec4 origin_rel;  // xyz: tile origin minus camera (ECEF axes, metres); w: first vertex of the
                      // tile's slot (vertices past the grid are skirt vertices)
    vec4 morph;       // x: 0 = the parent tile's shape, 1 = the tile's own (refinement blends in);
                      // y: skirt depth (m) at 1x; z: number of overlays; w: the tile's record in
                      // the draped-layer buffer
};

// Set 0, binding 1: the draped layers of each drawn tile.
struct TileDraw {
    // Overlay k samples layer slots[k/4][k%4] of the overlay array at
    // windows[k].xy + tile_uv * windows[k].z (an ancestor's tile through a window until the
    // tile's own arrives) with opacity windows[k].w. Bottom layer first.
    vec4 windows[PLATEAU_MAX_OVERLAYS];
    ivec4 slots[PLATEAU_MAX_OVERLAYS / 4];
};

#ifdef __cplusplus
static_assert(sizeof(FrameUniforms) == 160, "std140 layout mirrored in GLSL");
static_assert(sizeof(TileDraw) == 160, "std430 layout mirrored in GLSL");
static_assert(sizeof(TilePush) == 96, "push constants must stay within 128 bytes");
}  // namespace plateau::shader
#endif

#endif
