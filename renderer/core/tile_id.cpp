#include "core/tile_id.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plateau {

bool TileId::valid() const {
    if (z < 0 || z > 30) return false;
    const long long n = 1LL << z;
    return x >= 0 && y >= 0 && x < n && y < n;
}

TileId TileId::parent() const {
    if (z == 0) return *this;
    return {z - 1, x >> 1, y >> 1};
}

std::array<TileId, 4> TileId::children() const {
    const int cx = x * 2, cy = y * 2, cz = z + 1;
    return {TileId{cz, cx, cy}, TileId{cz, cx + 1, cy}, TileId{cz, cx, cy + 1}, TileId{cz, cx + 1, cy + 1}};
}

std::string TileId::str() const {
    return std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y);
}

bool isAncestor(const TileId& a, const TileId& b) {
    if (a.z >= b.z) return false;
    const int d = b.z - a.z;
    return (b.x >> d) == a.x && (b.y >> d) == a.y;
}

double latToMercatorY(double lat_deg) {
    const double lat = std::clamp(lat_deg, -kMaxMercatorLatDeg, kMaxMercatorLatDeg) * std::numbers::pi / 180.0;
    return 0.5 - std::log(std::tan(std::numbers::pi / 4.0 + lat / 2.0)) / (2.0 * std::numbers::pi);
}

double mercatorYToLat(double y) {
    const double n = std::numbers::pi * (1.0 - 2.0 * y);
    return std::atan(std::sinh(n)) * 180.0 / std::numbers::pi;
}

double webMercatorPixelMetres(int z, double latDeg, int tileSize) {
    return kWebMercatorWorldMetres * std::cos(latDeg * std::numbers::pi / 180.0) / (tileSize * std::ldexp(1.0, z));
}

LonLatBounds tileBounds(const TileId& t) {
    const double n = std::ldexp(1.0, t.z);
    LonLatBounds b;
    b.west = t.x / n * 360.0 - 180.0;
    b.east = (t.x + 1) / n * 360.0 - 180.0;
    b.north = mercatorYToLat(t.y / n);
    b.south = mercatorYToLat((t.y + 1) / n);
    return b;
}

TileId lonLatToTile(double lon_deg, double lat_deg, int z) {
    const double n = std::ldexp(1.0, z);
    const double fx = (lon_deg + 180.0) / 360.0 * n;
    const double fy = latToMercatorY(lat_deg) * n;
    const int maxi = int(n) - 1;
    return {z, std::clamp(int(std::floor(fx)), 0, maxi), std::clamp(int(std::floor(fy)), 0, maxi)};
}

void lonLatToTileUV(const TileId& t, double lon_deg, double lat_deg, double& u, double& v) {
    const double n = std::ldexp(1.0, t.z);
    u = (lon_deg + 180.0) / 360.0 * n - t.x;
    v = latToMercatorY(lat_deg) * n - t.y;
}

void tileUVToLonLat(const TileId& t, double u, double v, double& lon_deg, double& lat_deg) {
    const double n = std::ldexp(1.0, t.z);
    lon_deg = (t.x + u) / n * 360.0 - 180.0;
    lat_deg = mercatorYToLat((t.y + v) / n);
}

}  // namespace plateau
