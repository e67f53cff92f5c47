#include "core/surface_height.h"

namespace plateau {

std::optional<double> terrainHeightAt(const TileStore& store, double lon_deg, double lat_deg) {
    for (int z = 22; z >= 0; --z) {
        const TileId id = lonLatToTile(lon_deg, lat_deg, z);
        const ResidentTile* t = store.find(id);
        if (!t) continue;
        double u = 0, v = 0;
        lonLatToTileUV(id, lon_deg, lat_deg, u, v);
        return double(gridWindow(*t->grid, t->gridTile, id).sample(u, v));
    }
    return std::nullopt;
}

std::optional<double> displayedSurfaceHeight(const TileStore& store, double lon_deg, double lat_deg,
                                             double exaggeration) {
    const auto h = terrainHeightAt(store, lon_deg, lat_deg);
    if (!h) return std::nullopt;
    return *h * exaggeration;
}

Camera withNearPlane(Camera cam, const TileStore& store, double exaggeration) {
    const Geodetic g = ecefToGeodetic(cam.position);
    const double ground = displayedSurfaceHeight(store, g.lon_deg, g.lat_deg, exaggeration).value_or(0.0);
    cam.near_m = nearPlaneForClearance(g.height_m - ground);
    return cam;
}

}  // namespace plateau
