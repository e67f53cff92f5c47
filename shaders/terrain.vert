#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"

layout(push_constant) uniform Push { TerrainPush pc; };

layout(location = 0) in vec3 inPos;
layout(location = 1) in float inHeight;
layout(location = 2) in vec3 inUp;
layout(location = 3) in vec3 inNormal;
layout(location = 4) in float inCoarseHeight;

layout(location = 0) out vec3 vRel;     // position relative to the camera (ECEF axes)
layout(location = 1) out float vHeight; // metres above the ellipsoid (unexaggerated)
layout(location = 2) out vec3 vNormal;

void main() {
    float e = pc.params.x;
    // A newly refined tile starts in its parent's shape and morphs into its own, so detail
    // grows in instead of popping.
    float h = mix(inCoarseHeight, inHeight, pc.morph.x);
    // Exaggeration scales heights along the ellipsoid normal; slopes steepen by the same factor,
    // so the tangential part of the normal scales by e relative to its vertical part.
    vec3 p = inPos + inUp * (h * e - inHeight);
    // Height steps between neighbouring tiles grow with exaggeration, so skirts must too.
    if (gl_VertexIndex - int(pc.origin_rel.w) >= PLATEAU_TILE_GRID * PLATEAU_TILE_GRID)
        p -= inUp * (pc.params.w * (e - 1.0));
    gl_Position = pc.mvp * vec4(p, 1.0);
    vRel = pc.origin_rel.xyz + p;
    vHeight = h;
    float u = dot(inNormal, inUp);
    vNormal = normalize((inNormal - u * inUp) * e + u * inUp);
}
