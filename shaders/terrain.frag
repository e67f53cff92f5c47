#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "sky_common.glsl"
#include "relief_colour.glsl"

layout(push_constant) uniform Push { TerrainPush pc; };

layout(location = 0) in vec3 vRel;
layout(location = 1) in float vHeight;
layout(location = 2) in vec3 vNormal;

layout(location = 0) out vec4 outColour;

void main() {
    if (pc.params.z > 0.5) {  // flat debug colour (crack and coverage tests)
        outColour = vec4(1.0);
        return;
    }
    vec3 n = normalize(vNormal);
    vec3 sun = pc.sun_dir.xyz;
    float lambert = max(dot(n, sun), 0.0);
    // Sky light from above plus direct sun; a little light even on shadowed slopes.
    float sky = 0.5 + 0.5 * dot(n, normalize(pc.morph.yzw + vRel));
    vec3 albedo = reliefColour(vHeight, n, normalize(pc.morph.yzw + vRel));
    vec3 colour = albedo * (0.22 * sky + 0.95 * lambert) * 1.1;

    float interval = pc.params.y;
    if (interval > 0.0) {
        float f = vHeight / interval;
        float w = fwidth(f);
        float d = abs(fract(f - 0.5) - 0.5) / max(w, 1e-6);
        bool index = abs(mod(floor(f + 0.5), 5.0)) < 0.5;  // every fifth line is heavier
        float line = 1.0 - clamp(d - (index ? 0.9 : 0.4), 0.0, 1.0);
        colour = mix(colour, colour * 0.35, line * (index ? 0.9 : 0.6));
    }

    float hazeScale = pc.sun_dir.w;
    if (hazeScale > 0.0) {
        float dist = length(vRel);
        float haze = 1.0 - exp(-dist / hazeScale);
        colour = mix(colour, kHorizonColour, clamp(haze, 0.0, 0.9));
    }
    outColour = vec4(colour, 1.0);
}
