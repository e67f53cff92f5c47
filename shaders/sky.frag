#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "sky_common.glsl"

layout(push_constant) uniform Push { SkyPush pc; };
layout(location = 0) in vec2 vNdc;
layout(location = 0) out vec4 outColour;

void main() {
    vec4 p = pc.inv_view_proj * vec4(vNdc, 1.0, 1.0);  // a point on the near plane
    vec3 dir = normalize(p.xyz / p.w);
    outColour = vec4(skyColour(dir, normalize(pc.up.xyz), normalize(pc.sun_dir.xyz), pc.up.w), 1.0);
}
