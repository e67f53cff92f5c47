#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "terrain_bindings.glsl"
#include "sky_common.glsl"

layout(location = 0) in vec2 vNdc;
layout(location = 0) out vec4 outColour;

void main() {
    vec4 p = frame.inv_view_proj * vec4(vNdc, 1.0, 1.0);  // a point on the near plane
    vec3 dir = normalize(p.xyz / p.w);
    outColour = vec4(skyColour(dir, normalize(frame.up.xyz), normalize(frame.sun_dir.xyz), frame.up.w), 1.0);
}
