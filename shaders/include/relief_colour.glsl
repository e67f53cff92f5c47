// Hypsometric colour, rock and snow for real relief from the plains (0 m) to Everest (8,849 m).
// Included by terrain.frag. A function of height, the surface normal and the local up direction
// (slope and aspect come from those two):
// - the ramp spends its contrast where the plateau lies (3,000-5,500 m: steppe, dry meadow,
//   scree) and turns to bare rock above, instead of painting everything above 5,900 m white;
// - snow lies above a snow line of about 5,700 m (the Himalaya's north slopes and the Gangdese
//   hold permanent snow from roughly 5,500-6,000 m), lower on shaded north-facing slopes, and
//   slides off slopes steeper than about 40 degrees, so the faces of Everest and Makalu show
//   dark rock against snowfields and their shape reads from 40 km away.
// Slopes are those of the drawn (exaggerated) surface. The ramp's stops are in relief_stops.h.

#include "relief_stops.h"

const int kReliefStops = PLATEAU_RELIEF_STOPS;
const float kReliefHeights[kReliefStops] = float[kReliefStops](PLATEAU_RELIEF_HEIGHTS);
const float kReliefRgb[3 * kReliefStops] = float[3 * kReliefStops](PLATEAU_RELIEF_COLOURS);

vec3 reliefStop(int i) { return vec3(kReliefRgb[3 * i], kReliefRgb[3 * i + 1], kReliefRgb[3 * i + 2]); }

vec3 reliefRamp(float h) {
    if (h <= kReliefHeights[0]) return reliefStop(0);
    for (int i = 1; i < kReliefStops; ++i) {
        if (h < kReliefHeights[i])
            return mix(reliefStop(i - 1), reliefStop(i),
                       (h - kReliefHeights[i - 1]) / (kReliefHeights[i] - kReliefHeights[i - 1]));
    }
    return reliefStop(kReliefStops - 1);
}

const float kSnowLine = 5700.0;   // metres, on a level surface facing neither north nor south
const vec3 kSnowColour = vec3(0.95, 0.96, 0.99);
const vec3 kWallColour = vec3(0.36, 0.34, 0.33);

// `normal` and `up` are unit vectors in the same (ECEF-aligned) frame.
vec3 reliefColour(float height, vec3 normal, vec3 up) {
    float cosSlope = clamp(dot(normal, up), 0.0, 1.0);
    float slope = 1.0 - cosSlope;                      // 0 level, 0.23 at 40 degrees, 1 vertical
    vec3 north = vec3(0.0, 0.0, 1.0) - up * up.z;      // ECEF z is the Earth's axis
    float northness = dot(normal, normalize(north + vec3(1e-6)));  // > 0 on north-facing slopes

    vec3 colour = reliefRamp(height);
    // Steep ground shows rock whatever its height (cliffs, gorge walls).
    colour = mix(colour, kWallColour, smoothstep(0.18, 0.45, slope) * smoothstep(2500.0, 4500.0, height));

    float line = kSnowLine - 500.0 * northness;
    float snow = smoothstep(line - 250.0, line + 350.0, height);
    snow *= 1.0 - smoothstep(0.20, 0.33, slope);       // 37-48 degrees: snow slides off
    return mix(colour, kSnowColour, snow);
}
