#include "core/geodesy.h"

#include <cmath>
#include <numbers>

namespace plateau {

namespace {
constexpr double kDeg = std::numbers::pi / 180.0;
}

glm::dvec3 geodeticToEcef(const Geodetic& g) {
    const double lon = g.lon_deg * kDeg, lat = g.lat_deg * kDeg;
    const double sl = std::sin(lat), cl = std::cos(lat);
    const double n = wgs84::a / std::sqrt(1.0 - wgs84::e2 * sl * sl);  // prime vertical radius
    return {(n + g.height_m) * cl * std::cos(lon), (n + g.height_m) * cl * std::sin(lon),
            (n * (1.0 - wgs84::e2) + g.height_m) * sl};
}

// Vermeille (2002), "Direct transformation from geocentric coordinates to geodetic coordinates":
// closed form, exact for every point outside the ellipsoid's evolute (about 6,300 km below the
// surface), so it holds from deep valleys to far space without iteration. A single Newton step
// on the latitude afterwards removes the last rounding residue.
Geodetic ecefToGeodetic(const glm::dvec3& p) {
    using namespace wgs84;
    const double e4 = e2 * e2;
    const double xy2 = p.x * p.x + p.y * p.y;
    const double xy = std::sqrt(xy2);
    const double pp = xy2 / (a * a);
    const double q = (1.0 - e2) / (a * a) * p.z * p.z;
    const double r = (pp + q - e4) / 6.0;
    Geodetic g;
    g.lon_deg = (xy > 0.0) ? std::atan2(p.y, p.x) / kDeg : 0.0;
    if (xy == 0.0 && p.z == 0.0) {  // Earth's centre: any answer is as good as another
        g.height_m = -b;
        return g;
    }
    const double s = e4 * pp * q / (4.0 * r * r * r);
    const double t = std::cbrt(1.0 + s + std::sqrt(s * (2.0 + s)));
    const double u = r * (1.0 + t + 1.0 / t);
    const double v = std::sqrt(u * u + e4 * q);
    const double w = e2 * (u + v - q) / (2.0 * v);
    const double k = std::sqrt(u + v + w * w) - w;
    const double d = k * xy / (k + e2);
    const double dz = std::sqrt(d * d + p.z * p.z);
    double lat = 2.0 * std::atan2(p.z, d + dz);
    // Deep inside the evolute (thousands of km down) the closed form breaks down: fall back to
    // the latitude whose normal passes through the point for a sphere-like guess; no real
    // position gets here, but a wild camera must not produce NaNs.
    if (!std::isfinite(lat)) lat = std::atan2(p.z, xy * (1.0 - e2));

    // Height from the latitude (well conditioned at all latitudes), then one Newton refinement.
    auto heightAt = [&](double phi) {
        const double sp = std::sin(phi), cp = std::cos(phi);
        const double n = a / std::sqrt(1.0 - e2 * sp * sp);
        return xy * cp + (p.z + e2 * n * sp) * sp - n;
    };
    {
        const double sp = std::sin(lat), cp = std::cos(lat);
        const double n = a / std::sqrt(1.0 - e2 * sp * sp);
        // Residual of the normal-line condition (the normal at lat passes through p); dN/dlat
        // is left out of the derivative: it is of order e2^2 and the step is already tiny.
        const double f = p.z * cp - xy * sp + e2 * n * sp * cp;
        const double df = -p.z * sp - xy * cp + e2 * n * (cp * cp - sp * sp);
        if (std::abs(df) > 0.0 && std::isfinite(f / df) && std::abs(f / df) < 1e-6) lat -= f / df;
    }
    g.lat_deg = lat / kDeg;
    g.height_m = heightAt(lat);
    return g;
}

glm::dvec3 ellipsoidNormal(double lon_deg, double lat_deg) {
    const double lon = lon_deg * kDeg, lat = lat_deg * kDeg;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

glm::dmat3 enuBasis(double lon_deg, double lat_deg) {
    const double lon = lon_deg * kDeg, lat = lat_deg * kDeg;
    const double so = std::sin(lon), co = std::cos(lon), sa = std::sin(lat), ca = std::cos(lat);
    const glm::dvec3 east{-so, co, 0.0};
    const glm::dvec3 north{-sa * co, -sa * so, ca};
    const glm::dvec3 up{ca * co, ca * so, sa};
    return glm::dmat3(east, north, up);
}

glm::dmat4 enuToEcef(const Geodetic& g) {
    const glm::dmat3 r = enuBasis(g.lon_deg, g.lat_deg);
    glm::dmat4 m(r);
    m[3] = glm::dvec4(geodeticToEcef(g), 1.0);
    return m;
}

}  // namespace plateau
