#pragma once
// WGS84 ellipsoid geodesy in double precision: geodetic <-> ECEF, ellipsoid normals, ENU frames.
#include <glm/glm.hpp>

namespace plateau {

namespace wgs84 {
constexpr double a = 6378137.0;                 // semi-major axis (m)
constexpr double f = 1.0 / 298.257223563;       // flattening
constexpr double b = a * (1.0 - f);             // semi-minor axis (m)
constexpr double e2 = f * (2.0 - f);            // first eccentricity squared
}  // namespace wgs84

struct Geodetic {
    double lon_deg = 0;
    double lat_deg = 0;
    double height_m = 0;  // above the ellipsoid
};

glm::dvec3 geodeticToEcef(const Geodetic& g);
// Exact to well below 1 mm for heights from -10 km to 100,000 km.
Geodetic ecefToGeodetic(const glm::dvec3& p);
// Unit outward ellipsoid normal ("up") at a geodetic position.
glm::dvec3 ellipsoidNormal(double lon_deg, double lat_deg);
// Columns: east, north, up (unit vectors in ECEF).
glm::dmat3 enuBasis(double lon_deg, double lat_deg);
// Local ENU frame at g to ECEF (rotation + translation).
glm::dmat4 enuToEcef(const Geodetic& g);

}  // namespace plateau
