#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "terrain_bindings.glsl"
#include "sky_common.glsl"
#include "relief_colour.glsl"

layout(location = 0) in vec3 vRel;
layout(location = 1) in float vHeight;
layout(location = 2) in vec3 vNormal;
layout(location = 3) in vec2 vUv;
layout(location = 4) flat in int vDraw;

layout(location = 0) out vec4 outColour;

// Draped layers (imagery, rasterised vectors) replace the ground colour in layer order and are
// lit with it, so relief shading shows through them as it does on the bare terrain. Sampling
// here rather than redrawing the tile per layer keeps each layer's cost to one texture read per
// pixel instead of the whole mesh again.
vec3 drape(vec3 albedo) {
    int count = int(draws[vDraw].morph.z);
    for (int k = 0; k < count; ++k) {
        vec4 w = draws[vDraw].windows[k];
        int slot = draws[vDraw].slots[k / 4][k % 4];
        vec4 c = texture(overlays, vec3(w.xy + vUv * w.z, float(slot)));
        albedo = mix(albedo, c.rgb, c.a * w.w);
    }
    return albedo;
}

void main() {
    if (frame.params.z > 0.5) {  // flat debug colour (crack, coverage and draping tests): unlit
        outColour = vec4(drape(vec3(1.0)), 1.0);
        return;
    }
    vec3 n = normalize(vNormal);
    vec3 sun = frame.sun_dir.xyz;
    float lambert = max(dot(n, sun), 0.0);
    // Sky light from above plus direct sun; a little light even on shadowed slopes.
    vec3 up = normalize(frame.camera.xyz + vRel);
    float sky = 0.5 + 0.5 * dot(n, up);
    vec3 albedo = drape(reliefColour(vHeight, n, up));
    vec3 colour = albedo * (0.22 * sky + 0.95 * lambert) * 1.1;

    float interval = frame.params.y;
    if (interval > 0.0) {
        float f = vHeight / interval;
        float w = fwidth(f);
        float d = abs(fract(f - 0.5) - 0.5) / max(w, 1e-6);
        bool index = abs(mod(floor(f + 0.5), 5.0)) < 0.5;  // every fifth line is heavier
        float line = 1.0 - clamp(d - (index ? 0.9 : 0.4), 0.0, 1.0);
        colour = mix(colour, colour * 0.35, line * (index ? 0.9 : 0.6));
    }

    float hazeScale = frame.sun_dir.w;
    if (hazeScale > 0.0) {
        float dist = length(vRel);
        float haze = 1.0 - exp(-dist / hazeScale);
        colour = mix(colour, kHorizonColour, clamp(haze, 0.0, 0.9));
    }
    outColour = vec4(colour, 1.0);
}
