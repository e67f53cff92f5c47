#include "core/model_placement.h"

#include <cmath>
#include <numbers>

#include "core/geodesy.h"

namespace plateau {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;

// Columns are the images of the local axes (glm is column-major: m[col][row]).
glm::dmat3 rotationEnu(double headingDeg, double pitchDeg, double rollDeg) {
    const double h = headingDeg * kDeg, p = pitchDeg * kDeg, r = rollDeg * kDeg;
    // Heading clockwise seen from above: a negative turn about up.
    const glm::dmat3 rz(std::cos(h), -std::sin(h), 0.0,   //
                        std::sin(h), std::cos(h), 0.0,    //
                        0.0, 0.0, 1.0);
    // Pitch about east: north tilts toward up.
    const glm::dmat3 rx(1.0, 0.0, 0.0,                    //
                        0.0, std::cos(p), std::sin(p),    //
                        0.0, -std::sin(p), std::cos(p));
    // Roll about north: east tilts toward down.
    const glm::dmat3 ry(std::cos(r), 0.0, -std::sin(r),   //
                        0.0, 1.0, 0.0,                    //
                        std::sin(r), 0.0, std::cos(r));
    return rz * rx * ry;
}
}  // namespace

double anchorElevation(const ModelPlacement& p, double surfaceHeight_m) {
    return p.depth_m ? surfaceHeight_m - *p.depth_m : p.elevation_m;
}

glm::dmat4 modelToEcef(const ModelPlacement& p, double surfaceHeight_m, double exaggeration) {
    const double e = exaggeration > 0.0 ? exaggeration : 1.0;
    // glTF (x, y, z) -> local (x, -z, y).
    const glm::dmat3 yUpToZUp(1.0, 0.0, 0.0,   // image of glTF +X: east
                              0.0, 0.0, 1.0,   // image of glTF +Y: up
                              0.0, -1.0, 0.0); // image of glTF +Z: south
    glm::dmat3 vertical(1.0);
    vertical[2][2] = e;
    const glm::dmat3 local = vertical * rotationEnu(p.heading_deg, p.pitch_deg, p.roll_deg) * yUpToZUp * p.scale;
    const glm::dmat3 enu = enuBasis(p.lon_deg, p.lat_deg);
    const glm::dmat3 m = enu * local;
    const glm::dvec3 origin = geodeticToEcef({p.lon_deg, p.lat_deg, anchorElevation(p, surfaceHeight_m) * e});
    glm::dmat4 out(m);
    out[3] = glm::dvec4(origin, 1.0);
    return out;
}

glm::mat4 modelRelative(const glm::dmat4& modelToEcef, const Camera& cam) {
    glm::dmat4 rel = modelToEcef;
    rel[3] = glm::dvec4(glm::dvec3(modelToEcef[3]) - cam.position, 1.0);
    return glm::mat4(rel);
}

glm::mat4 modelMvp(const glm::dmat4& modelToEcef, const Camera& cam) {
    glm::dmat4 rel = modelToEcef;
    rel[3] = glm::dvec4(glm::dvec3(modelToEcef[3]) - cam.position, 1.0);
    return glm::mat4(projectionMatrix(cam) * viewRotation(cam) * rel);
}

}  // namespace plateau
