#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "terrain_bindings.glsl"

layout(push_constant) uniform Push { TilePush tile; };

layout(location = 0) in vec3 inPos;
layout(location = 1) in float inHeight;
layout(location = 2) in vec3 inUp;
layout(location = 4) in float inCoarseHeight;
layout(location = 5) in vec2 inModifier;  // mine surfaces (core/terrain_modifier.h SurfaceMark)

layout(location = 0) out vec3 vRel;     // position relative to the camera (ECEF axes)
layout(location = 1) out float vHeight; // metres above the ellipsoid (unexaggerated)
layout(location = 2) out vec3 vUp;     // ellipsoid normal: the normal map's local frame
layout(location = 3) out vec2 vUv;      // Web Mercator position in the tile (u east, v south)
layout(location = 4) out vec2 vModifier;

// The tile's grid is regular in Web Mercator, so a vertex's place in it is its position in the
// tile: no texture coordinates need to be stored. Skirt vertex k hangs under perimeter vertex k,
// clockwise from the north-west corner (see core/tile_mesh.h).
vec2 tileUv(int local) {
    const int g = PLATEAU_TILE_GRID;
    int i, j;
    if (local < g * g) {
        i = local % g;
        j = local / g;
    } else {
        int k = local - g * g;
        int side = k / (g - 1), t = k % (g - 1);
        if (side == 0) { i = t; j = 0; }
        else if (side == 1) { i = g - 1; j = t; }
        else if (side == 2) { i = g - 1 - t; j = g - 1; }
        else { i = 0; j = g - 1 - t; }
    }
    return vec2(float(i), float(j)) / float(g - 1);
}

void main() {
    vec4 morph = tile.morph;
    vec4 originRel = tile.origin_rel;
    float e = frame.params.x;
    // A newly refined tile starts in its parent's shape and morphs into its own, so detail
    // grows in instead of popping.
    float h = mix(inCoarseHeight, inHeight, morph.x);
    // Exaggeration scales heights along the ellipsoid normal (slopes steepen with it: the
    // fragment shader scales the normal map's tangential part by e).
    vec3 p = inPos + inUp * (h * e - inHeight);
    int local = gl_VertexIndex - int(originRel.w);
    // Height steps between neighbouring tiles grow with exaggeration, so skirts must too.
    if (local >= PLATEAU_TILE_GRID * PLATEAU_TILE_GRID) p -= inUp * (morph.y * (e - 1.0));
    gl_Position = tile.mvp * vec4(p, 1.0);
    vRel = originRel.xyz + p;
    vHeight = h;
    vUp = inUp;
    // The normal map and the draped layers are read at the vertex's place in the tile.
    vUv = tileUv(local);
    vModifier = inModifier;
}
