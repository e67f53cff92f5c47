#include "core/underground.h"

#include <cmath>
#include <numbers>

#include "core/geodesy.h"

namespace plateau {

glm::vec4 cutawayPlane(const UndergroundView& u, const Camera& cam) {
    if (!u.enabled || !u.cutawayOn) return glm::vec4(0.0f);
    const Cutaway& c = u.cutaway;
    const double h = c.heading_deg * std::numbers::pi / 180.0;
    const glm::dmat3 enu = enuBasis(c.lon_deg, c.lat_deg);
    const glm::dvec3 n = glm::normalize(enu * glm::dvec3(std::sin(h), std::cos(h), 0.0));
    // The point is taken on the ellipsoid; the plane contains the vertical there, so any height
    // (and any exaggeration) gives the same plane.
    const glm::dvec3 rel = geodeticToEcef({c.lon_deg, c.lat_deg, 0.0}) - cam.position;
    return glm::vec4(glm::vec3(n), float(-glm::dot(n, rel)));
}

}  // namespace plateau
