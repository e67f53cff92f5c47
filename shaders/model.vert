#version 450
#extension GL_GOOGLE_include_directive : require
#include "terrain_shared.h"
#include "model_shared.h"

layout(push_constant) uniform Push { ModelPush model; };

layout(location = 0) in vec3 inPos;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;
layout(location = 3) in vec4 inTangent;

layout(location = 0) out vec3 vRel;      // camera-relative ECEF position
layout(location = 1) out vec3 vNormal;   // ECEF axes
layout(location = 2) out vec2 vUv;
layout(location = 3) out vec4 vTangent;  // xyz ECEF axes, w handedness

void main() {
    mat3 m = transpose(mat3(model.model_rows[0].xyz, model.model_rows[1].xyz, model.model_rows[2].xyz));
    vec3 t = vec3(model.model_rows[0].w, model.model_rows[1].w, model.model_rows[2].w);
    vRel = m * inPos + t;
    // Normals take the inverse transpose, which exaggeration (a vertical stretch) makes differ from
    // m. The cofactor matrix is that up to a positive factor times det's sign, and costs three
    // cross products instead of an inverse per vertex.
    float s = sign(dot(m[0], cross(m[1], m[2])));
    mat3 cof = mat3(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
    vNormal = cof * inNormal * s;
    vTangent = vec4(m * inTangent.xyz, inTangent.w * s);
    vUv = inUv;
    gl_Position = model.mvp * vec4(inPos, 1.0);
}
