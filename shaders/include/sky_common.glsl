// Colours shared by the sky and the terrain haze, so distant terrain fades into the horizon.
const vec3 kHorizonColour = vec3(0.80, 0.86, 0.93);
const vec3 kZenithColour = vec3(0.28, 0.48, 0.80);
const vec3 kSpaceColour = vec3(0.015, 0.02, 0.04);

vec3 skyColour(vec3 dir, vec3 up, vec3 sun, float cameraHeight) {
    float s = dot(dir, up);
    vec3 c = mix(kHorizonColour, kZenithColour, pow(clamp(s, 0.0, 1.0), 0.6));
    if (s < 0.0) c = kHorizonColour;
    float glow = pow(max(dot(dir, sun), 0.0), 64.0);
    c += vec3(1.0, 0.92, 0.75) * (0.35 * glow + 0.9 * pow(max(dot(dir, sun), 0.0), 2000.0));
    // Above the atmosphere the sky turns to space.
    float space = smoothstep(40000.0, 400000.0, cameraHeight);
    return mix(c, kSpaceColour, space);
}
