#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "terrain_bindings.glsl"

layout(push_constant) uniform Push { TilePush tile; };
#include "sky_common.glsl"
#include "relief_colour.glsl"

layout(location = 0) in vec3 vRel;
layout(location = 1) in float vHeight;
layout(location = 2) in vec3 vUp;
layout(location = 3) in vec2 vUv;
layout(location = 4) in vec2 vModifier;

layout(location = 0) out vec4 outColour;
#include "underground.glsl"

// Draped layers (imagery, rasterised vectors) replace the ground colour in layer order and are
// lit with it, so relief shading shows through them as it does on the bare terrain. Sampling
// here rather than redrawing the tile per layer keeps each layer's cost to one texture read per
// pixel instead of the whole mesh again.
//
// Where the ground is seen at a grazing angle one pixel spans many texels along one direction,
// and a single bilinear sample would skip over thin lines (dashes instead of a river). The
// footprint is sampled along its long axis instead (up to 8 samples): the colour is their
// alpha-weighted mean (imagery is filtered, not aliased) and the coverage their maximum, so a
// line keeps at least a pixel of full strength however foreshortened the slope under it is.
vec4 overlaySample(vec2 uv, float slot, vec2 axis, int n) {
    vec4 sum = vec4(0.0);
    float cover = 0.0;
    for (int i = 0; i < n; ++i) {
        vec4 c = textureLod(overlays, vec3(uv + axis * ((float(i) + 0.5) / float(n) - 0.5), slot), 0.0);
        sum += vec4(c.rgb * c.a, c.a);
        cover = max(cover, c.a);
    }
    return sum.a > 0.0 ? vec4(sum.rgb / sum.a, cover) : vec4(0.0);
}

// --- Mine surfaces (pits, dumps, ponds: core/terrain_modifier.h) ---------------------------
// x: bench coordinate on pit walls (1 + bench count below the rim, 0 elsewhere), so alternate
// benches get alternate tints and a bench reads as a band; y: 1 pit floor, 2 dump or dam,
// 3 pond surface. Both are interpolated: a kind blends into its neighbour over one triangle.
vec3 mineSurface(vec3 albedo) {
    float bench = vModifier.x, kind = vModifier.y;
    if (bench <= 0.0 && kind <= 0.0) return albedo;
    vec3 rock = vec3(0.58, 0.53, 0.48);
    float inPit = clamp(bench, 0.0, 1.0);
    float band = mod(floor(bench), 2.0);
    // Where a pixel spans more than a bench (a distant pit) the bands would alias: fade them.
    float bandStrength = 1.0 - clamp(fwidth(bench) - 0.5, 0.0, 1.0);
    vec3 wall = rock * mix(0.93, band > 0.5 ? 0.78 : 1.08, bandStrength);
    float floorW = clamp(1.0 - abs(kind - 1.0), 0.0, 1.0);
    float dumpW = clamp(1.0 - abs(kind - 2.0), 0.0, 1.0);
    float pondW = clamp(kind - 2.0, 0.0, 1.0);
    vec3 c = mix(albedo, wall, inPit);
    c = mix(c, vec3(0.50, 0.47, 0.44), floorW);
    c = mix(c, vec3(0.62, 0.57, 0.50), dumpW);
    return mix(c, vec3(0.55, 0.70, 0.72), pondW);
}
// --- end of mine surfaces ----------------------------------------------------------------

vec3 drape(vec3 albedo) {
    int count = int(tile.morph.z);
    int di = int(tile.morph.w);
    if (count == 0) return albedo;  // bare terrain pays for no derivatives or texture reads
    vec2 dx = dFdx(vUv), dy = dFdy(vUv);  // tile uv per pixel
    for (int k = 0; k < count; ++k) {
        vec4 w = draws[di].windows[k];
        int slot = draws[di].slots[k / 4][k % 4];
        vec2 ax = dx * w.z, ay = dy * w.z;  // overlay uv per pixel
        vec2 axis = dot(ax, ax) > dot(ay, ay) ? ax : ay;
        float texels = length(axis) * float(textureSize(overlays, 0).x);
        int n = int(clamp(ceil(texels), 1.0, 8.0));
        vec4 c = overlaySample(w.xy + vUv * w.z, float(slot), axis, n);
        albedo = mix(albedo, c.rgb, c.a * w.w);
    }
    return albedo;
}

// ---- Shading normal: the tile's normal map (core/tile_normals.h) ----------------------------
// Texel k is the normal at tile position k / (size - 1), so edge texels lie on the tile's edge and
// equal the neighbour's. Stored: east and north components of the unit normal at exaggeration 1,
// each as sign(c) * sqrt(|c|). Exaggeration steepens slopes: the tangential part scales by e.
// Smaller levels sit to the right of the largest (129 | 65 over 33, 17, 9, 5): the level comes
// from the texel footprint, as mipmapping would (distant tiles do not sparkle).
vec2 normalLevelTexel(int level, vec2 uv, float slot) {
    const int s0 = PLATEAU_NORMAL_SIZE;
    const int s1 = (s0 - 1) / 2 + 1;
    vec2 origin = vec2(0.0);
    int size = s0;
    if (level == 1) {
        origin = vec2(float(s0), 0.0);
        size = s1;
    } else if (level > 1) {
        int x = s0;
        for (int k = 2; k < level; ++k) x += (s0 - 1) / (1 << k) + 1;
        origin = vec2(float(x), float(s1));
        size = (s0 - 1) / (1 << level) + 1;
    }
    vec2 st = (origin + 0.5 + uv * float(size - 1)) / vec2(textureSize(normalMaps, 0).xy);
    vec2 s = textureLod(normalMaps, vec3(st, slot), 0.0).rg;
    return s * abs(s);
}

vec3 tileNormal(vec3 up) {
    const int verticesPerTile = PLATEAU_TILE_GRID * PLATEAU_TILE_GRID + 4 * (PLATEAU_TILE_GRID - 1);
    float slot = float(int(tile.origin_rel.w + 0.5) / verticesPerTile);
    vec2 uv = clamp(vUv, 0.0, 1.0);
    vec2 texels = vUv * float(PLATEAU_NORMAL_SIZE - 1);
    float footprint = max(length(dFdx(texels)), length(dFdy(texels)));
    float lod = clamp(log2(max(footprint, 1e-6)), 0.0, float(PLATEAU_NORMAL_LEVELS - 1));
    // The nearest level only: one texture read per pixel (a software rasteriser pays for each).
    vec2 en = normalLevelTexel(int(lod + 0.5), uv, slot);
    float vertical = sqrt(max(0.0, 1.0 - dot(en, en)));
    vec3 east = normalize(cross(vec3(0.0, 0.0, 1.0), up));
    vec3 north = cross(up, east);
    return normalize((east * en.x + north * en.y) * frame.params.x + up * vertical);
}
// ---- end of shading normal -------------------------------------------------------------------

void main() {
    undergroundCut();
    if (frame.params.z > 0.5) {  // flat debug colour (crack, coverage and draping tests): unlit
        outColour = vec4(drape(vec3(1.0)), 1.0);
        return;
    }
    vec3 up = normalize(vUp);
    vec3 n = tileNormal(up);
    vec3 sun = frame.sun_dir.xyz;
    float lambert = max(dot(n, sun), 0.0);
    // Sky light from above plus direct sun; a little light even on shadowed slopes.
    float sky = 0.5 + 0.5 * dot(n, up);
    vec3 albedo = drape(mineSurface(reliefColour(vHeight, n, up)));
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
    outColour = undergroundColour(colour);
}
