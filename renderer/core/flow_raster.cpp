#include "core/flow_raster.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/geodesy.h"

namespace plateau {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// q(phi) of the authalic latitude: the area from the equator to phi over one radian of
// longitude is b^2 / 2 * q(phi).
double authalicQ(double latDeg) {
    const double e = std::sqrt(wgs84::e2);
    const double s = std::sin(latDeg * kDeg);
    return s / (1.0 - wgs84::e2 * s * s) + std::log((1.0 + e * s) / (1.0 - e * s)) / (2.0 * e);
}

// Meridian (M) and prime-vertical (N) radii of curvature at a latitude.
void radii(double latDeg, double& m, double& n) {
    const double s = std::sin(latDeg * kDeg);
    const double w2 = 1.0 - wgs84::e2 * s * s;
    n = wgs84::a / std::sqrt(w2);
    m = wgs84::a * (1.0 - wgs84::e2) / (w2 * std::sqrt(w2));
}

}  // namespace

std::int64_t FlowRaster::cellAt(double lon, double lat) const {
    if (width <= 0 || height <= 0) return -1;
    const double fx = (lon - west) / cellLon, fy = (north - lat) / cellLat;
    if (!(fx >= 0 && fy >= 0 && fx < width && fy < height)) return -1;
    return std::int64_t(fy) * width + std::int64_t(fx);
}

double ellipsoidBandAreaKm2(double lat1Deg, double lat2Deg, double dLonDeg) {
    const double b2 = wgs84::b * wgs84::b;
    return std::abs(b2 / 2.0 * (authalicQ(lat2Deg) - authalicQ(lat1Deg)) * dLonDeg * kDeg) / 1.0e6;
}

double ellipsoidDistanceM(const LonLat& a, const LonLat& b) {
    double m, n;
    radii(0.5 * (a.lat + b.lat), m, n);
    const double dy = m * (b.lat - a.lat) * kDeg;
    const double dx = n * std::cos(0.5 * (a.lat + b.lat) * kDeg) * (b.lon - a.lon) * kDeg;
    return std::hypot(dx, dy);
}

double polylineLengthKm(const std::vector<LonLat>& line) {
    double m = 0;
    for (std::size_t i = 1; i < line.size(); ++i) m += ellipsoidDistanceM(line[i - 1], line[i]);
    return m / 1000.0;
}

FlowGeometry::FlowGeometry(const FlowRaster& r) {
    const std::size_t rows = std::size_t(std::max(r.height, 0));
    areaKm2.resize(rows);
    eastWestM.resize(rows);
    diagonalM.resize(rows);
    southM.resize(rows);
    for (std::size_t j = 0; j < rows; ++j) {
        const double top = r.north - double(j) * r.cellLat, bottom = top - r.cellLat;
        const double mid = 0.5 * (top + bottom);
        areaKm2[j] = ellipsoidBandAreaKm2(bottom, top, r.cellLon);
        eastWestM[j] = ellipsoidDistanceM({0.0, mid}, {r.cellLon, mid});
        // Diagonal steps go from this row's centre to the next row's (southward).
        diagonalM[j] = ellipsoidDistanceM({0.0, mid}, {r.cellLon, mid - r.cellLat});
        southM[j] = ellipsoidDistanceM({0.0, mid}, {0.0, mid - r.cellLat});
    }
}

}  // namespace plateau
