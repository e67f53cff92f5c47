#include "app/globe_view.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "gpu/tile_pool.h"

namespace plateau::app {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
constexpr int kMaxSettleRounds = 64;
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
    p.maxZoom = maxZoom;
    return p;
}

GlobeView::GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer,
                     std::function<void(const std::string&)> log)
    : store_(std::move(source), log), renderer_(renderer), log_(std::move(log)) {}

bool GlobeView::loadAndUpload(const TileId& id) {
    if (!store_.isResident(id) && !store_.load(id)) return false;
    const ResidentTile* t = store_.find(id);
    if (!t) return false;
    if (!renderer_.isUploaded(id)) {
        if (!renderer_.uploadTile(t->mesh)) {
            evictUnused();
            if (!renderer_.uploadTile(t->mesh)) return false;
        }
        ++loadedTotal_;
    }
    store_.touch(id, frame_);
    return true;
}

void GlobeView::touchDrawn() {
    // Drawn tiles and all their ancestors stay: selection descends through the ancestors.
    for (const TileId& id : draw_) {
        TileId t = id;
        while (true) {
            store_.touch(t, frame_);
            if (t.z == 0) break;
            t = t.parent();
        }
    }
}

void GlobeView::evictUnused() {
    touchDrawn();
    std::vector<std::pair<std::uint64_t, TileId>> candidates;
    const auto& pool = renderer_.tilePool();
    const std::size_t target = pool.capacity() * 3 / 4;
    // Oldest first, never one used in this frame.
    store_.forEach([&](const TileId& id, const ResidentTile& t) {
        if (t.lastUsedFrame < frame_) candidates.emplace_back(t.lastUsedFrame, id);
    });
    std::sort(candidates.begin(), candidates.end());
    std::size_t resident = pool.residentCount();
    for (const auto& [used, id] : candidates) {
        if (resident <= target) break;
        renderer_.releaseTile(id);
        store_.evict(id);
        --resident;
    }
}

PrepareStats GlobeView::prepare(const Camera& cam, const SelectionParams& params, int loadBudget) {
    ++frame_;
    PrepareStats stats;
    int rounds = 0;
    while (true) {
        Selection sel = selectTiles(cam, params, store_);
        stats.selection = sel.stats;
        draw_ = sel.draw;
        // Tiles resident in the store but evicted from the pool (or never uploaded) are uploaded here.
        touchDrawn();
        int budget = loadBudget < 0 ? int(sel.load.size()) : loadBudget - stats.loaded;
        int loadedNow = 0;
        for (const TileId& id : sel.load) {
            if (budget-- <= 0) break;
            if (loadAndUpload(id)) ++loadedNow;
        }
        for (const TileId& id : draw_)
            if (!renderer_.isUploaded(id)) loadAndUpload(id);
        stats.loaded += loadedNow;
        stats.missing = int(sel.load.size()) - loadedNow;
        if (sel.load.empty()) {
            stats.settled = true;
            break;
        }
        if (loadBudget >= 0 && stats.loaded >= loadBudget) break;
        if (loadedNow == 0 || ++rounds >= kMaxSettleRounds) break;  // nothing more can be loaded
    }
    if (stats.settled || loadBudget < 0) {
        // Re-select so the draw list reflects everything loaded in the last round.
        Selection sel = selectTiles(cam, params, store_);
        draw_ = sel.draw;
        stats.selection = sel.stats;
        stats.settled = sel.settled();
        stats.missing = int(sel.load.size());
        touchDrawn();
    }
    stats.drawn = int(draw_.size());
    return stats;
}

std::optional<double> GlobeView::terrainHeight(double lon_deg, double lat_deg) const {
    for (int z = 22; z >= 0; --z) {
        const TileId id = lonLatToTile(lon_deg, lat_deg, z);
        const ResidentTile* t = store_.find(id);
        if (!t) continue;
        double u = 0, v = 0;
        lonLatToTileUV(id, lon_deg, lat_deg, u, v);
        return double(t->grid.sample(u, v));
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
    f.tiles = draw_;
    const Geodetic g = ecefToGeodetic(cam.position);
    f.style.sunDirection = sunDirection(shading.sunAzimuthDeg, shading.sunElevationDeg, g.lon_deg, g.lat_deg);
    f.style.exaggeration = shading.exaggeration;
    f.style.contourIntervalM = shading.contourIntervalM;
    // Haze thickens with distance; from high up it thins so the globe stays visible.
    f.style.hazeDistanceM = shading.haze ? std::max(150'000.0, 4.0 * g.height_m) : 0.0;
    return f;
}

}  // namespace plateau::app
