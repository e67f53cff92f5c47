#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "terrain_bindings.glsl"

// The underground view's depth pre-pass of the terrain: only the cutaway, no colour (a software
// rasteriser would otherwise shade every terrain pixel twice when the terrain is translucent).
layout(location = 0) in vec3 vRel;
// The terrain vertex shader's other outputs: read (in a test that never discards) so that the
// optimiser keeps them and the interfaces match.
layout(location = 1) in float vHeight;
layout(location = 2) in vec3 vUp;
layout(location = 3) in vec2 vUv;
layout(location = 4) in vec2 vModifier;

#define PLATEAU_CUT_ONLY
#include "underground.glsl"

void main() {
    if (vHeight + vUp.x + vUv.x + vModifier.x < -1.0e30) discard;
    undergroundCut();
}
