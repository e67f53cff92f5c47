#pragma once
// Where a 3D model (a deposit body, a shell) sits on the globe: model space (glTF: metres, +Y up)
// to ECEF as a double matrix. The GPU gets it camera-relative in float (see modelRelative), so a
// body 6,400 km from the Earth's centre does not jitter.
//
// The chain, applied to a glTF point (x, y, z):
//   1. Y-up to Z-up: glTF (x, y, z) -> local (x, -z, y), i.e. +X east, -Z north, +Y up (CesiumJS's
//      convention), then `scale` (uniform);
//   2. roll about north, pitch about east, heading about up, in the local east-north-up frame:
//      heading is clockwise from north seen from above, pitch > 0 raises the north (front) end,
//      roll > 0 lowers the east (right) side;
//   3. the vertical exaggeration e scales the local up axis (after the rotation: it is the
//      terrain's up that is stretched, so a tilted body shears exactly as the ground above it);
//   4. the ENU frame at lon/lat with its origin at the drawn height of the anchor.
//
// Vertical, with exaggeration e (the terrain draws a point of elevation h at h * e along the
// ellipsoid normal):
//   - `elevation`: the model's origin is at elevation E (metres, the terrain's height datum);
//     drawn at E * e.
//   - `depth`: the origin is d metres below the displayed surface height s at lon/lat (the height
//     the terrain tiles give there, unexaggerated): its elevation is s - d, drawn at (s - d) * e.
// With step 3 a model point at elevation z is drawn at z * e, the same map the terrain uses, so
// a body that is under the ground at 1x is under the same ground, by e times the distance, at
// any exaggeration, and a vertical distance inside the body grows with e like the relief.
// (The local frame is flat: the ellipsoid falls away from it by x^2 / 2R, 0.3 m at 2 km, which
// exaggeration leaves unscaled; an error of (e - 1) * 0.3 m at 2 km from the anchor.)
#include <optional>

#include <glm/glm.hpp>

#include "core/camera.h"

namespace plateau {

struct ModelPlacement {
    double lon_deg = 0, lat_deg = 0;
    // Exactly one is used: depth when set, else elevation.
    double elevation_m = 0;             // of the model's origin, terrain height datum
    std::optional<double> depth_m;      // of the model's origin below the displayed surface
    double heading_deg = 0, pitch_deg = 0, roll_deg = 0;
    double scale = 1.0;
    bool operator==(const ModelPlacement&) const = default;
};

// Elevation (unexaggerated) of the model's origin: `elevation_m`, or the surface height minus the
// depth. `surfaceHeight_m` is only read in depth mode.
double anchorElevation(const ModelPlacement& p, double surfaceHeight_m);

// Model space -> ECEF (double), see the chain above.
glm::dmat4 modelToEcef(const ModelPlacement& p, double surfaceHeight_m, double exaggeration);

// Model space -> camera-relative ECEF (the camera's position subtracted in double first), in float:
// what the GPU multiplies model vertices by.
glm::mat4 modelRelative(const glm::dmat4& modelToEcef, const Camera& cam);

// Model space -> clip space of `cam`, computed camera-relative in double, rounded to float.
glm::mat4 modelMvp(const glm::dmat4& modelToEcef, const Camera& cam);

}  // namespace plateau
