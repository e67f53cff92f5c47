#pragma once
// Web Mercator XYZ tile addressing (the slippy-map convention: z0 is one tile, y grows southward).
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace plateau {

constexpr double kMaxMercatorLatDeg = 85.05112877980659;

struct TileId {
    int z = 0;
    int x = 0;
    int y = 0;

    auto operator<=>(const TileId&) const = default;
    bool valid() const;                 // 0 <= x,y < 2^z, 0 <= z <= 30
    TileId parent() const;              // z-1; parent of z0 is itself
    std::array<TileId, 4> children() const;  // NW, NE, SW, SE
    std::string str() const;            // "z/x/y"
};

// True when `a` is a strict ancestor of `b`.
bool isAncestor(const TileId& a, const TileId& b);

struct LonLatBounds {
    double west = 0, south = 0, east = 0, north = 0;  // degrees
    bool contains(double lon, double lat) const {
        return lon >= west && lon <= east && lat >= south && lat <= north;
    }
    bool intersects(const LonLatBounds& o) const {
        return west < o.east && east > o.west && south < o.north && north > o.south;
    }
    bool operator==(const LonLatBounds&) const = default;
};

// Web Mercator's world width at the equator (2 x 20,037,508.34 m).
constexpr double kWebMercatorWorldMetres = 40075016.685578488;
// Ground size of one pixel of a tile `tileSize` pixels wide at zoom z and latitude latDeg.
double webMercatorPixelMetres(int z, double latDeg, int tileSize = 256);

// Normalised Mercator y in [0,1], 0 at the north edge (85.05 N), 1 at the south edge.
double latToMercatorY(double lat_deg);
double mercatorYToLat(double y);

LonLatBounds tileBounds(const TileId& t);
// Tile containing the point at zoom z (clamped to the valid range).
TileId lonLatToTile(double lon_deg, double lat_deg, int z);
// Fractional position of a point inside the tile: u east, v south, both in [0,1] inside.
void lonLatToTileUV(const TileId& t, double lon_deg, double lat_deg, double& u, double& v);
// Inverse of lonLatToTileUV.
void tileUVToLonLat(const TileId& t, double u, double v, double& lon_deg, double& lat_deg);

struct TileIdHash {
    std::size_t operator()(const TileId& t) const noexcept {
        return std::hash<std::uint64_t>{}((std::uint64_t(t.z) << 58) ^ (std::uint64_t(t.x) << 29) ^
                                          std::uint64_t(t.y));
    }
};

}  // namespace plateau
