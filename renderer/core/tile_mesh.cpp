#include "core/tile_mesh.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/geodesy.h"
#include "terrain_shared.h"

namespace plateau {

namespace {


// Perimeter of the grid as one clockwise loop seen from above: north edge eastward, east edge
// southward, south edge westward, west edge northward. Skirt vertex k hangs below ring vertex k.
std::uint32_t ringVertex(int k, int g) {
    const int s = g - 1;
    int i = 0, j = 0;
    if (k < s) {
        i = k, j = 0;
    } else if (k < 2 * s) {
        i = s, j = k - s;
    } else if (k < 3 * s) {
        i = s - (k - 2 * s), j = s;
    } else {
        i = 0, j = s - (k - 3 * s);
    }
    return std::uint32_t(j * g + i);
}

void store3(float (&dst)[3], const glm::dvec3& v) {
    dst[0] = float(v.x);
    dst[1] = float(v.y);
    dst[2] = float(v.z);
}

// Mesh vertices are floats relative to the tile origin (relative error ~6e-8): the sphere leaves
// room for that rounding.
constexpr double kRadiusSlack = 1.0 + 1e-6;
constexpr double kRadiusSlackM = 1e-3;

// Distance from the Earth's centre to the ellipsoid surface at a geodetic latitude.
double ellipsoidRadiusAt(double lat_deg) { return glm::length(geodeticToEcef({0.0, lat_deg, 0.0})); }

}  // namespace

int tileGridSize() { return PLATEAU_TILE_GRID; }

int tileVertexCount(int gridSize) { return gridSize * gridSize + 4 * (gridSize - 1); }

std::vector<std::uint32_t> buildTileIndices(int g) {
    std::vector<std::uint32_t> idx;
    if (g < 2) return idx;
    idx.reserve(std::size_t(6 * (g - 1) * (g - 1) + 6 * 4 * (g - 1)));
    // Rows run north to south, columns west to east: (i, j) -> (i, j+1) -> (i+1, j+1) turns
    // counter-clockwise seen from above.
    for (int j = 0; j + 1 < g; ++j) {
        for (int i = 0; i + 1 < g; ++i) {
            const auto a = std::uint32_t(j * g + i), b = a + 1;
            const auto c = std::uint32_t((j + 1) * g + i), d = c + 1;
            idx.insert(idx.end(), {a, c, d, a, d, b});
        }
    }
    // Skirt quads between each ring edge (a, b) and the copies below it; the ring runs clockwise
    // from above, so (a, b, sb) and (a, sb, sa) face away from the tile.
    const int n = 4 * (g - 1);
    const auto skirt0 = std::uint32_t(g * g);
    for (int k = 0; k < n; ++k) {
        const int k1 = (k + 1) % n;
        const std::uint32_t a = ringVertex(k, g), b = ringVertex(k1, g);
        const std::uint32_t sa = skirt0 + std::uint32_t(k), sb = skirt0 + std::uint32_t(k1);
        idx.insert(idx.end(), {a, b, sb, a, sb, sa});
    }
    return idx;
}

TileMesh buildTileMesh(const TileId& id, const HeightGrid& grid, int g, double skirtDepth) {
    return buildTileMesh(id, TileHeights(id, grid, id, nullptr), g, skirtDepth);
}

TileMesh buildTileMesh(const TileId& id, const TileHeights& heights, int g, double skirtDepth) {
    TileMesh mesh;
    mesh.id = id;
    if (g < 2) return mesh;
    double clon = 0, clat = 0;
    tileUVToLonLat(id, 0.5, 0.5, clon, clat);
    mesh.origin = geodeticToEcef({clon, clat, 0.0});

    // Vertex k of a row or column sits at t = k / (g - 1). Edge vertices read the neighbours'
    // grids where `heights` has them, so both sides of an edge agree.
    const auto gs = std::size_t(g);
    const double step = 1.0 / double(g - 1);
    std::vector<double> lon(gs), lat(gs);
    for (int k = 0; k < g; ++k) {
        double dummy = 0;
        tileUVToLonLat(id, k * step, 0.0, lon[std::size_t(k)], dummy);
        tileUVToLonLat(id, 0.0, k * step, dummy, lat[std::size_t(k)]);
    }
    const auto lonAt = [&](int k) { return lon[std::size_t(k)]; };
    const auto latAt = [&](int k) { return lat[std::size_t(k)]; };
    std::vector<double> h(gs * gs);
    for (int j = 0; j < g; ++j)
        for (int i = 0; i < g; ++i) h[std::size_t(j * g + i)] = heights.empty() ? 0.0 : heights.at(i * step, j * step);

    mesh.vertices.resize(std::size_t(tileVertexCount(g)));
    for (int j = 0; j < g; ++j) {
        for (int i = 0; i < g; ++i) {
            const double hv = h[std::size_t(j * g + i)];
            const glm::dmat3 enu = enuBasis(lonAt(i), latAt(j));
            TerrainVertex& v = mesh.vertices[std::size_t(j * g + i)];
            store3(v.pos, geodeticToEcef({lonAt(i), latAt(j), hv}) - mesh.origin);
            v.height = float(hv);
            store3(v.up, enu[2]);
            // The parent's mesh has every other vertex of this one: between them its surface is
            // the average of the neighbours it does have.
            const auto at = [&](int ii, int jj) { return h[std::size_t(jj * g + ii)]; };
            double coarse = hv;
            if (i % 2 && j % 2) coarse = 0.25 * (at(i - 1, j - 1) + at(i + 1, j - 1) + at(i - 1, j + 1) + at(i + 1, j + 1));
            else if (i % 2) coarse = 0.5 * (at(i - 1, j) + at(i + 1, j));
            else if (j % 2) coarse = 0.5 * (at(i, j - 1) + at(i, j + 1));
            v.coarseHeight = float(coarse);
        }
    }
    const int ring = 4 * (g - 1);
    for (int k = 0; k < ring; ++k) {
        TerrainVertex s = mesh.vertices[ringVertex(k, g)];
        for (int c = 0; c < 3; ++c) s.pos[c] -= float(skirtDepth) * s.up[c];
        mesh.vertices[std::size_t(g * g + k)] = s;
    }
    if (heights.empty()) {
        mesh.minHeight = mesh.maxHeight = 0.0f;
    } else {
        // The grid's range under the tile bounds every vertex inside (they interpolate it) and
        // also the finer detail a child tile will show, which keeps ranges inherited by unloaded
        // children honest; edge vertices may also reach toward a neighbour's samples.
        heights.minMax(mesh.minHeight, mesh.maxHeight);
        const auto [lo, hi] = std::minmax_element(h.begin(), h.end());
        mesh.minHeight = std::min(mesh.minHeight, float(*lo));
        mesh.maxHeight = std::max(mesh.maxHeight, float(*hi));
    }
    const int normalSize = tileNormalSize();
    mesh.normals = buildTileNormals(id, heights, normalSize);
    if (!heights.empty()) mesh.geometricError = float(meshGeometricError(heights, g, std::max(1, (normalSize - 1) / (g - 1))));
    return mesh;
}

double meshGeometricError(const TileHeights& heights, int g, int perCell) {
    if (heights.empty() || g < 2 || perCell < 1) return 0.0;
    const int n = (g - 1) * perCell + 1;
    const double step = 1.0 / double(n - 1);
    // Kept by each worker from tile to tile: 130 KiB allocated per tile would be a fresh mapping
    // and its page faults every time (large blocks are mapped, see app/process_memory.h).
    thread_local std::vector<double> h;
    h.assign(std::size_t(n) * std::size_t(n), 0.0);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) h[std::size_t(j) * std::size_t(n) + std::size_t(i)] = heights.at(i * step, j * step);
    const auto at = [&](int i, int j) { return h[std::size_t(j) * std::size_t(n) + std::size_t(i)]; };
    double worst = 0.0;
    for (int cj = 0; cj + 1 < g; ++cj) {
        for (int ci = 0; ci + 1 < g; ++ci) {
            // The cell's corners a (north-west), b (north-east), c (south-west), d (south-east) and
            // its two triangles a-c-d and a-d-b (buildTileIndices), split along a-d.
            const int i0 = ci * perCell, j0 = cj * perCell;
            const double a = at(i0, j0), b = at(i0 + perCell, j0);
            const double c = at(i0, j0 + perCell), d = at(i0 + perCell, j0 + perCell);
            for (int y = 0; y <= perCell; ++y) {
                for (int x = 0; x <= perCell; ++x) {
                    const double fx = double(x) / perCell, fy = double(y) / perCell;
                    const double mesh = fy >= fx ? a + fx * (d - c) + fy * (c - a) : a + fx * (b - a) + fy * (d - b);
                    worst = std::max(worst, std::abs(at(i0 + x, j0 + y) - mesh));
                }
            }
        }
    }
    return worst;
}

double levelGeometricError(int z) {
    // The equatorial spacing keeps it independent of latitude, like the tiles' pixel counts.
    return 2.0 * std::numbers::pi * wgs84::a / std::ldexp(1.0, z) / (tileNormalSize() - 1);
}

double skirtDepthForLevel(int z) {
    // Deep enough to cover the height jump between this level and a neighbour one level coarser
    // (a few of the 17-vertex mesh's quarter spacings, which are twice this level's error), with
    // a floor so fine levels on steep slopes still close.
    return std::max(10.0 * levelGeometricError(z), 20.0);
}

double TileSector::support(const glm::dvec3& n) const {
    // The cap direction closest to n is at angle max(0, phi - halfAngle) from it.
    const double phi = std::atan2(glm::length(glm::cross(axis, n)), glm::dot(axis, n));
    const double best = std::cos(std::max(0.0, phi - halfAngle));
    return best > 0.0 ? rmax * best : rmin * best;
}

// Tiles of level >= 2 span less than a hemisphere, and their surface between two heights lies in
// the sector {angle from the tile's centre direction <= theta, |p| in [rmin, rmax]}:
//  - in geocentric longitude/latitude the tile is a rectangle (geocentric latitude is monotonic in
//    geodetic latitude and in height), so the largest angle from the centre direction is at one of
//    the 4 corners, at the lowest or the highest height;
//  - |p| lies between the ellipsoid radii over the tile's latitudes, offset by the heights;
//  - the drawn mesh is flat triangles: they dip below the surface by at most a cell's chord sag.
// Levels 0 and 1 get the ball around the whole Earth.
TileSector tileSector(const TileId& id, double minHeight, double maxHeight, double exaggeration) {
    double h0 = minHeight * exaggeration, h1 = maxHeight * exaggeration;
    if (h0 > h1) std::swap(h0, h1);
    TileSector s;
    if (id.z <= 1) {
        s.halfAngle = std::numbers::pi;
        s.rmin = 0.0;
        s.rmax = (wgs84::a + std::max(h1, 0.0)) * kRadiusSlack + kRadiusSlackM;
        return s;
    }
    const LonLatBounds b = tileBounds(id);
    double clon = 0, clat = 0;
    tileUVToLonLat(id, 0.5, 0.5, clon, clat);
    s.axis = glm::normalize(geodeticToEcef({clon, clat, 0.0}));

    // atan2 of cross and dot keeps small angles exact (acos near 1 loses half the digits).
    double theta = 0.0;
    for (const double lo : {b.west, b.east})
        for (const double la : {b.south, b.north})
            for (const double hh : {h0, h1}) {
                const glm::dvec3 d = glm::normalize(geodeticToEcef({lo, la, hh}));
                theta = std::max(theta, std::atan2(glm::length(glm::cross(s.axis, d)), glm::dot(s.axis, d)));
            }

    const double nearEquator = (b.south <= 0.0 && b.north >= 0.0) ? 0.0 : std::min(std::abs(b.south), std::abs(b.north));
    const double farEquator = std::max(std::abs(b.south), std::abs(b.north));
    const double sMax = ellipsoidRadiusAt(nearEquator), sMin = ellipsoidRadiusAt(farEquator);
    const double rmax = sMax + std::max(h1, 0.0);
    // The normal and the radius differ by at most 0.2 degrees: cos(0.2 deg) > 0.99999.
    double rmin = h0 >= 0.0 ? sMin + 0.99999 * h0 : sMin + h0;
    // Largest mesh cell, as an angle: the Mercator cells nearest the equator are up to ~2.5x the
    // average, so allow 4x the average diagonal.
    const double cellAngle = std::min(8.0 * theta / (tileGridSize() - 1), 0.5);
    rmin *= std::cos(cellAngle);

    s.halfAngle = theta * kRadiusSlack + kRadiusSlackM / wgs84::a;
    s.rmin = rmin / kRadiusSlack - kRadiusSlackM;
    s.rmax = rmax * kRadiusSlack + kRadiusSlackM;
    return s;
}

BoundingSphere boundingSphere(const TileSector& s) {
    BoundingSphere out;
    if (s.halfAngle >= 0.5 * std::numbers::pi) {
        out.radius = s.rmax;
        return out;
    }
    // Centre on the axis at distance t. For a fixed radius the farthest sector point is on the rim
    // (largest angle), and the squared distance is convex in the radius: so the farthest points
    // are the rim at rmin or at rmax. Minimise the larger of the two over t.
    const double rmin = s.rmin, rmax = s.rmax;
    const double c = std::cos(s.halfAngle), sinHalf = std::sin(s.halfAngle * 0.5);
    auto radiusFor = [&](double t) {
        // |r*(cos, sin) - (t, 0)|^2 written without cancellation for small tiles.
        const double dA = (rmax - t) * (rmax - t) + 4.0 * rmax * t * sinHalf * sinHalf;
        const double dB = (rmin - t) * (rmin - t) + 4.0 * rmin * t * sinHalf * sinHalf;
        return std::sqrt(std::max({dA, dB, 0.0}));
    };
    double bestT = 0.0, bestR = radiusFor(0.0);
    for (double t : {rmax * c, rmin * c, c > 1e-9 ? (rmax + rmin) / (2.0 * c) : 0.0}) {
        t = std::max(t, 0.0);
        const double r = radiusFor(t);
        if (r < bestR) bestR = r, bestT = t;
    }
    out.center = s.axis * bestT;
    out.radius = bestR * kRadiusSlack + kRadiusSlackM;
    return out;
}

BoundingSphere tileBoundingSphere(const TileId& id, double minHeight, double maxHeight, double exaggeration) {
    return boundingSphere(tileSector(id, minHeight, maxHeight, exaggeration));
}

}  // namespace plateau
