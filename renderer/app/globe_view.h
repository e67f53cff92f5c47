#pragma once
// The globe for one renderer: terrain residency (core) wired to the GPU tile pool, the morph
// clock, and the frame description for a camera and shading. Each job has one owner:
// TileResidency decides what is resident, GpuTileUploader moves meshes to the GPU, MorphClock
// times refinements, surface_height answers height and near-plane questions. Used by the window,
// `render`, `bench` and the GPU tests.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/frame_input.h"
#include "core/morph_clock.h"
#include "core/scene.h"
#include "core/tile_residency.h"
#include "gpu/renderer.h"
#include "gpu/tile_uploader.h"

namespace plateau::app {

using PrepareStats = FrameResidency;

class GlobeView {
public:
    GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer, std::function<void(const std::string&)> log,
              MemoryBudget budget = {}, int loaderThreads = 0);

    // One interactive frame: uploads at most `uploadLimit` finished tiles and never waits.
    PrepareStats update(const Camera& cam, const SelectionParams& params, int uploadLimit, double elapsedSeconds);
    // Waits until the view is settled (every tile it needs resident at the target error) or
    // `timeoutSeconds` pass; `onFirstDrawable` runs once as soon as a coarser view can be drawn.
    PrepareStats settle(const Camera& cam, const SelectionParams& params, double timeoutSeconds = 120.0,
                        const std::function<void()>& onFirstDrawable = {});
    const std::vector<TileId>& drawList() const { return residency_.drawList(); }
    // See TileResidency::setStableEdges.
    void setStableEdges(bool on) { residency_.setStableEdges(on); }

    // Raw height of the most detailed resident tile under a point (see core/surface_height.h).
    std::optional<double> terrainHeight(double lon_deg, double lat_deg) const;

    gpu::FrameDesc frame(const FrameInput& in, const Shading& shading) const;
    const TileResidency& residency() const { return residency_; }
    const TileStore& store() const { return residency_.store(); }

private:
    gpu::Renderer& renderer_;
    gpu::GpuTileUploader uploader_;
    TileResidency residency_;
    MorphClock morph_;
};

// Unit vector toward the sun (ECEF) from azimuth/elevation in the local frame at lon/lat.
glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg, double lon_deg, double lat_deg);
SelectionParams selectionParams(double maxScreenSpaceError, const Shading& shading, int maxZoom);

}  // namespace plateau::app
