#pragma once
// The globe for one renderer: tile residency (core) wired to the GPU tile pool, plus the frame
// description for the camera and shading. Used by the window, `render`, `bench` and GPU tests.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/scene.h"
#include "core/tile_residency.h"
#include "gpu/renderer.h"

namespace plateau::app {

using PrepareStats = FrameResidency;

class GlobeView : private TileUploader {
public:
    GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer, std::function<void(const std::string&)> log,
              MemoryBudget budget = {}, int loaderThreads = 0);

    // loadBudget >= 0: one interactive frame, uploading at most that many tiles (never waits).
    // loadBudget < 0: wait until the view is settled or `settleTimeout` seconds pass.
    // While settling, `onFirstDrawable` runs once as soon as a coarser view can be drawn.
    PrepareStats prepare(const Camera& cam, const SelectionParams& params, int loadBudget, double settleTimeout = 120.0,
                         const std::function<void()>& onFirstDrawable = {});
    const std::vector<TileId>& drawList() const { return residency_.drawList(); }
    // See TileResidency::setStableEdges.
    void setStableEdges(bool on) { residency_.setStableEdges(on); }

    // Height of the most detailed resident tile under a point (for near planes and navigation).
    std::optional<double> terrainHeight(double lon_deg, double lat_deg) const;
    // Camera with a near plane suited to its clearance above the terrain.
    Camera withNearPlane(Camera cam) const;

    // Tiles refined during interactive frames morph in from their parent's shape over this time.
    static constexpr double kMorphSeconds = 0.35;
    gpu::FrameDesc frame(const Camera& cam, const Shading& shading) const;
    const TileResidency& residency() const { return residency_; }
    const TileStore& store() const { return residency_.store(); }

private:
    bool upload(const TileMesh& mesh) override;
    bool replace(const TileMesh& mesh) override;
    void release(const TileId& id) override;
    std::size_t capacity() const override;

    void trackAppearances(bool interactive);

    gpu::Renderer& renderer_;
    TileResidency residency_;
    // When each drawn tile first appeared (seconds on the steady clock); refined tiles morph in.
    std::unordered_map<TileId, double, TileIdHash> appeared_;
    std::unordered_set<TileId, TileIdHash> drawnBefore_;
};

// Unit vector toward the sun (ECEF) from azimuth/elevation in the local frame at lon/lat.
glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg, double lon_deg, double lat_deg);
SelectionParams selectionParams(double maxScreenSpaceError, const Shading& shading, int maxZoom);

}  // namespace plateau::app
