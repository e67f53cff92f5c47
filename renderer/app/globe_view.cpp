#include "app/globe_view.h"

#include "core/haze.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cmath>

#include "gpu/tile_pool.h"

namespace plateau::app {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
}  // namespace

glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg, double lon_deg, double lat_deg) {
    const glm::dmat3 enu = enuBasis(lon_deg, lat_deg);
    const double az = azimuthDeg * kDeg, el = elevationDeg * kDeg;
    const glm::dvec3 local(std::sin(az) * std::cos(el), std::cos(az) * std::cos(el), std::sin(el));
    return glm::normalize(enu * local);
}

SelectionParams selectionParams(double maxScreenSpaceError, const Shading& shading, int maxZoom) {
    SelectionParams p;
    p.maxScreenSpaceError = maxScreenSpaceError;
    p.exaggeration = shading.exaggeration;
    p.haze = shading.haze;
    p.overzoomLevels = 3;
    p.maxZoom = maxZoom + p.overzoomLevels;
    return p;
}

GlobeView::GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer,
                     std::function<void(const std::string&)> log, MemoryBudget budget, int loaderThreads)
    : renderer_(renderer), residency_(std::move(source), *this, std::move(log), budget, loaderThreads) {}

bool GlobeView::upload(const TileMesh& mesh) { return renderer_.uploadTile(mesh); }
bool GlobeView::replace(const TileMesh& mesh) { return renderer_.replaceTile(mesh); }
void GlobeView::release(const TileId& id) { renderer_.releaseTile(id); }
std::size_t GlobeView::capacity() const { return renderer_.tilePool().capacity(); }

namespace {
double nowSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

PrepareStats GlobeView::prepare(const Camera& cam, const SelectionParams& params, int loadBudget, double settleTimeout,
                                const std::function<void()>& onFirstDrawable) {
    const bool interactive = loadBudget >= 0;
    PrepareStats st = interactive ? residency_.update(cam, params, std::size_t(loadBudget))
                                  : residency_.settle(cam, params, settleTimeout, onFirstDrawable);
    trackAppearances(interactive);
    return st;
}

void GlobeView::trackAppearances(bool interactive) {
    // A tile whose parent was on screen in the previous frame is a refinement: it morphs in.
    // Anything else (first frame, zooming out, a settled still) shows its own shape at once.
    const double now = nowSeconds();
    std::unordered_map<TileId, double, TileIdHash> next;
    for (const TileId& id : drawList()) {
        auto it = appeared_.find(id);
        if (it != appeared_.end()) next.emplace(id, it->second);
        else if (interactive && id.z > 0 && drawnBefore_.count(id.parent())) next.emplace(id, now);
    }
    appeared_ = std::move(next);
    drawnBefore_ = std::unordered_set<TileId, TileIdHash>(drawList().begin(), drawList().end());
}

std::optional<double> GlobeView::terrainHeight(double lon_deg, double lat_deg) const {
    for (int z = 22; z >= 0; --z) {
        const TileId id = lonLatToTile(lon_deg, lat_deg, z);
        const ResidentTile* t = store().find(id);
        if (!t) continue;
        double u = 0, v = 0;
        lonLatToTileUV(id, lon_deg, lat_deg, u, v);
        return double(gridWindow(*t->grid, t->gridTile, id).sample(u, v));
    }
    return std::nullopt;
}

Camera GlobeView::withNearPlane(Camera cam) const {
    const Geodetic g = ecefToGeodetic(cam.position);
    const double ground = terrainHeight(g.lon_deg, g.lat_deg).value_or(0.0);
    cam.near_m = nearPlaneForClearance(g.height_m - ground);
    return cam;
}

gpu::FrameDesc GlobeView::frame(const Camera& cam, const Shading& shading) const {
    gpu::FrameDesc f;
    f.camera = withNearPlane(cam);
    f.tiles = drawList();
    if (!appeared_.empty()) {
        const double now = nowSeconds();
        f.tileMorph.reserve(f.tiles.size());
        for (const TileId& id : f.tiles) {
            const auto it = appeared_.find(id);
            f.tileMorph.push_back(it == appeared_.end() ? 1.0f : float(std::clamp((now - it->second) / kMorphSeconds, 0.0, 1.0)));
        }
    }
    const Geodetic g = ecefToGeodetic(cam.position);
    f.style.sunDirection = sunDirection(shading.sunAzimuthDeg, shading.sunElevationDeg, g.lon_deg, g.lat_deg);
    f.style.exaggeration = shading.exaggeration;
    f.style.contourIntervalM = shading.contourIntervalM;
    f.style.hazeDistanceM = shading.haze ? hazeDistance(g.height_m) : 0.0;
    return f;
}

}  // namespace plateau::app
