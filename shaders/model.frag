#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "model_shared.h"
#include "terrain_bindings.glsl"

layout(push_constant) uniform Push { ModelPush model; };
layout(set = 1, binding = 0, std140) uniform Material { ModelMaterialBlock mat; };
layout(set = 1, binding = 1) uniform sampler2D baseColourTex;  // sRGB view: reads linear
layout(set = 1, binding = 2) uniform sampler2D normalTex;

#include "sky_common.glsl"

layout(location = 0) in vec3 vRel;
layout(location = 1) in vec3 vNormal;
layout(location = 2) in vec2 vUv;
layout(location = 3) in vec4 vTangent;

layout(location = 0) out vec4 outColour;

const float kPi = 3.14159265;

// glTF metallic-roughness: Lambert diffuse plus GGX specular (Trowbridge-Reitz distribution,
// Schlick-GGX geometry, Schlick Fresnel), lit by the scene's sun and a sky term like the
// terrain's, in linear light; the result is encoded for the 8-bit UNORM target as the terrain's
// colours are (gamma 2.2), then hazed like the terrain.
void main() {
    vec4 base = mat.base_colour;
    if (mat.textures.x > 0.5) base *= texture(baseColourTex, vUv);
    base.a *= model.params.x;
    if (mat.pbr.w > 0.5 && mat.pbr.w < 1.5 && base.a < mat.emissive.w) discard;

    vec3 n = normalize(vNormal);
    if (mat.textures.y > 0.5) {
        vec3 t = vTangent.xyz - n * dot(n, vTangent.xyz);
        if (dot(t, t) > 1e-12) {
            t = normalize(t);
            vec3 b = cross(n, t) * vTangent.w;
            vec3 tn = texture(normalTex, vUv).xyz * 2.0 - 1.0;
            tn.xy *= mat.pbr.z;
            n = normalize(mat3(t, b, n) * tn);
        }
    }
    // Back faces (the inside of a shell) are lit as seen.
    if (!gl_FrontFacing) n = -n;

    vec3 v = normalize(-vRel);
    vec3 l = frame.sun_dir.xyz;
    vec3 up = normalize(frame.camera.xyz + vRel);
    float metallic = clamp(mat.pbr.x, 0.0, 1.0);
    float rough = clamp(mat.pbr.y, 0.04, 1.0);
    vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
    vec3 diffuse = base.rgb * (1.0 - metallic);

    float ndl = max(dot(n, l), 0.0);
    float ndv = max(dot(n, v), 1e-4);
    vec3 h = normalize(l + v);
    float ndh = max(dot(n, h), 0.0);
    float vdh = max(dot(v, h), 0.0);
    float a = rough * rough;
    float a2 = a * a;
    float dd = ndh * ndh * (a2 - 1.0) + 1.0;
    float D = a2 / (kPi * dd * dd);
    float k = (rough + 1.0) * (rough + 1.0) / 8.0;
    float G = (ndl / (ndl * (1.0 - k) + k)) * (ndv / (ndv * (1.0 - k) + k));
    vec3 F = f0 + (1.0 - f0) * pow(1.0 - vdh, 5.0);
    vec3 specular = D * G * F / max(4.0 * ndl * ndv, 1e-4);
    vec3 kd = (1.0 - F) * diffuse / kPi;
    // The sun's irradiance is scaled so a white Lambert surface facing it gets the terrain's 0.95.
    float sunE = 0.95 * kPi;
    float sky = 0.5 + 0.5 * dot(n, up);
    vec3 colour = (kd + specular) * ndl * sunE + (0.22 * sky) * (diffuse + f0 * 0.25);
    colour += vec3(mat.emissive.rgb);
    colour = pow(max(colour, vec3(0.0)), vec3(1.0 / 2.2));

    float hazeScale = frame.sun_dir.w;
    if (hazeScale > 0.0) {
        float haze = 1.0 - exp(-length(vRel) / hazeScale);
        colour = mix(colour, kHorizonColour, clamp(haze, 0.0, 0.9));
    }
    outColour = vec4(colour, base.a);
}
