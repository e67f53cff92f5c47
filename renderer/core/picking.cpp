#include "core/picking.h"

#include <cmath>

#include "core/camera_control.h"

namespace plateau {

std::optional<PickedPoint> pickSurface(const Camera& cam, const std::vector<float>& depth, int x, int y,
                                       double exaggeration) {
    if (x < 0 || y < 0 || x >= cam.width || y >= cam.height) return std::nullopt;
    const std::size_t i = std::size_t(y) * std::size_t(cam.width) + std::size_t(x);
    if (i >= depth.size()) return std::nullopt;
    const float d = depth[i];
    if (!(d > 0.0f)) return std::nullopt;
    // Reverse-Z with an infinite far plane: view-space depth = near / d.
    const glm::dvec3 ray = pixelRay(cam, x, y);
    const double along = cam.near_m / double(d);
    PickedPoint p;
    p.ecef = cam.position + ray * (along / glm::dot(ray, cam.forward));
    const Geodetic g = ecefToGeodetic(p.ecef);
    p.lon_deg = g.lon_deg;
    p.lat_deg = g.lat_deg;
    p.elevation_m = g.height_m / (exaggeration > 0.0 ? exaggeration : 1.0);
    p.distance_m = glm::length(p.ecef - cam.position);
    return p;
}

double metresPerPixel(const Camera& cam, double distance_m) {
    return distance_m * 2.0 * std::tan(cam.fovy_rad * 0.5) / double(cam.height);
}

}  // namespace plateau
