#pragma once
// The globe for one renderer: terrain residency (core) wired to the GPU tile pool, the draped
// layers over it, the morph clock, and the frame description for a camera and shading. Each job
// has one owner: TileResidency decides which terrain tiles are resident, OverlayResidency which
// tiles of each draped layer, the GPU uploaders move them to the GPU, MorphClock times
// refinements, surface_height answers height and near-plane questions. Used by the window,
// `render`, `bench` and the GPU tests.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/frame_input.h"
#include "core/morph_clock.h"
#include "core/overlay_residency.h"
#include "core/scene.h"
#include "core/tile_residency.h"
#include "gpu/renderer.h"
#include "gpu/tile_uploader.h"

namespace plateau::app {

struct PrepareStats : FrameResidency {
    int overlayMissing = 0;   // draped-layer tiles the view still wants
    int overlayUploaded = 0;  // draped-layer tiles uploaded during this call
};

// A draped layer as the view holds it: its description (visibility, opacity, time) and, when
// its source opened, its residency. `error` says why a layer that failed is not drawn.
struct ViewLayer {
    LayerDesc desc;
    std::shared_ptr<OverlaySource> source;  // null while loading or when it failed
    std::unique_ptr<OverlayResidency> residency;
    std::string error;
    std::string summary;  // what opened, e.g. "71 features, 23,456 vertices"
    bool loading = false;
    std::shared_ptr<const TerrainModifiers> modifiers;  // mine layers: they change the terrain
};

class GlobeView {
public:
    GlobeView(std::shared_ptr<TileSource> source, gpu::Renderer& renderer, std::function<void(const std::string&)> log,
              MemoryBudget budget = {}, int loaderThreads = 0);
    ~GlobeView();

    // Adds a draped layer above the ones added before, still loading: nothing is drawn for it
    // until setLayerSource gives it a source (or an error: then it is marked failed).
    std::size_t addLayer(const LayerDesc& desc);
    void setLayerSource(std::size_t index, std::shared_ptr<OverlaySource> source, const std::string& error = {});
    // A mine layer's pits, dumps and ponds (or its error): visible mine layers modify the terrain
    // tiles, which are produced again where their state at the timeline's date changes.
    void setLayerModifiers(std::size_t index, std::shared_ptr<const TerrainModifiers> modifiers,
                           const std::string& error = {});
    std::vector<ViewLayer>& layers() { return layers_; }
    // The layer with this id, if the view has it.
    std::optional<std::size_t> indexOf(const std::string& id) const;
    // Draws the layers in the order of `ids` (first = bottom); layers not named keep their
    // relative order after them.
    void reorder(const std::vector<std::string>& ids);
    // Removes a layer (its tiles are released with its residency).
    void removeLayer(std::size_t index);
    const std::vector<ViewLayer>& layers() const { return layers_; }

    // One interactive frame: uploads at most `uploadLimit` finished tiles and never waits.
    PrepareStats update(const FrameInput& in, const SelectionParams& params, int uploadLimit);
    // Waits until the view is settled (every terrain and layer tile it needs resident at the
    // target error) or `timeoutSeconds` pass; `onFirstDrawable` runs once as soon as a coarser
    // view can be drawn.
    PrepareStats settle(const FrameInput& in, const SelectionParams& params, double timeoutSeconds = 120.0,
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
    // The selection refines where a visible layer has data, also past the terrain's data.
    SelectionParams withLayers(SelectionParams params) const;
    // The visible mine layers' modifiers as one set (the same object while they stay the same).
    std::shared_ptr<const TerrainModifiers> visibleModifiers();
    // Draped layers for the current draw list; returns the tiles still missing.
    int updateLayers(double time, std::size_t uploadLimit, int& uploaded);

    gpu::Renderer& renderer_;
    gpu::GpuTileUploader uploader_;
    gpu::GpuOverlayUploader overlayUploader_;
    TileResidency residency_;
    MorphClock morph_;
    std::function<void(const std::string&)> log_;
    std::vector<ViewLayer> layers_;
    std::vector<TileOverlays> overlays_;  // per drawn tile, from the last update
    std::vector<std::shared_ptr<const TerrainModifiers>> modifierParts_;  // what modifiers_ was made from
    std::shared_ptr<const TerrainModifiers> modifiers_;
};

// Unit vector toward the sun (ECEF) from azimuth/elevation in the local frame at lon/lat.
glm::dvec3 sunDirection(double azimuthDeg, double elevationDeg, double lon_deg, double lat_deg);
SelectionParams selectionParams(double maxScreenSpaceError, const Shading& shading, int maxZoom);

}  // namespace plateau::app
