#pragma once
// Ties the pure tile logic to the GPU: selects tiles for a camera, loads what is missing into the
// tile store, uploads it to the renderer's tile pool, evicts least-recently-used tiles when the
// pool fills, and produces the frame description. Used by the window, `render` and `bench`.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/scene.h"
#include "core/tile_store.h"
#include "gpu/renderer.h"

namespace plateau::app {

struct PrepareStats {
    SelectionStats selection;
    int drawn = 0;
    int loaded = 0;      // tiles loaded and uploaded during this call
    int missing = 0;     // tiles still wanted after this call
    bool settled = false;
};

class GlobeView {
public:
    GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer, std::function<void(const std::string&)> log);

    // Selects tiles and loads up to `loadBudget` of the missing ones (negative: keep loading and
    // re-selecting until the view is settled, i.e. every tile it needs is resident).
    PrepareStats prepare(const Camera& cam, const SelectionParams& params, int loadBudget);
    const std::vector<TileId>& drawList() const { return draw_; }

    // Height of the most detailed resident tile under a point (for near planes and navigation).
    std::optional<double> terrainHeight(double lon_deg, double lat_deg) const;
    // Camera with a near plane suited to its clearance above the terrain.
    Camera withNearPlane(Camera cam) const;

    gpu::FrameDesc frame(const Camera& cam, const Shading& shading) const;
    const TileStore& store() const { return store_; }
    std::uint64_t tilesLoadedTotal() const { return loadedTotal_; }

private:
    bool loadAndUpload(const TileId& id);
    void evictUnused();
    void touchDrawn();

    TileStore store_;
    gpu::Renderer& renderer_;
    std::function<void(const std::string&)> log_;
    std::vector<TileId> draw_;
    std::uint64_t frame_ = 0;
    std::uint64_t loadedTotal_ = 0;
};

// Unit vector toward the sun (ECEF) from azimuth/elevation in the local frame at lon/lat.
glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg, double lon_deg, double lat_deg);
SelectionParams selectionParams(double maxScreenSpaceError, const Shading& shading, int maxZoom);

}  // namespace plateau::app
