#pragma once
// One frame of the globe: uploads, then the passes in order (sky, terrain with its draped
// layers, 3D models, ImGui; models before the terrain when the terrain is translucent), into
// whichever target it was given. The window, `plateau render`, the
// benchmark and the tests all draw through this class.
#include <memory>
#include <optional>
#include <vector>

#include "core/camera.h"
#include "core/overlay_image.h"
#include "core/overlay_ref.h"
#include "core/tile_mesh.h"
#include "gpu/model_pass.h"
#include "gpu/pass.h"
#include "gpu/terrain_pass.h"

struct ImDrawData;

namespace plateau::gpu {

class Context;
class FrameRing;
class FrameResources;
class ImGuiPass;
class ModelStore;
class OverlayPool;
class RenderTarget;
class TilePool;

struct FrameDesc {
    Camera camera;
    std::vector<TileId> tiles;
    std::vector<float> tileMorph;             // per tile, 0..1 (parent's shape .. own); empty: all 1
    std::vector<TileOverlays> tileOverlays;   // per tile, its draped layers; empty: none
    TerrainStyle style;                        // with the underground view (style.underground)
    std::vector<ModelInstance> models;         // placed models (bodies), drawn after the terrain
    bool drawSky = true;
    float clearColour[4] = {0.0f, 0.0f, 0.0f, 1.0f};
    ImDrawData* ui = nullptr;  // null: no overlay
};

struct FrameResult {
    bool presented = true;  // false: the window target is out of date (recreate and redraw)
    DrawStats stats;
};

class Renderer {
public:
    Renderer(const Context& ctx, RenderTarget& target, std::uint32_t tileCapacity, std::uint32_t overlayCapacity = 256);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Tile GPU residency. uploadTile records into the frame being prepared; call between
    // beginFrame and drawFrame. False when the pool is full.
    void beginFrame();
    bool uploadTile(const TileMesh& mesh);
    bool replaceTile(const TileMesh& mesh);  // see TilePool::replace
    bool isUploaded(const TileId& id) const;
    void releaseTile(const TileId& id);
    // Overlay tiles (draped layers): a slot of the overlay array, or none when all are taken.
    std::optional<std::uint32_t> uploadOverlay(const OverlayImage& image);
    void releaseOverlay(std::uint32_t slot);
    // 3D models: uploaded into the frame being prepared (staged), released after the frames in
    // flight that may draw them. Throws GpuError when the device cannot hold the model.
    ModelHandle uploadModel(const ModelData& model);
    void releaseModel(ModelHandle handle);
    FrameResult drawFrame(const FrameDesc& frame);
    // The same frame into another target whose render pass is compatible with this renderer's
    // (same formats and sample count: an OffscreenTarget made with this renderer's target's
    // samples()), with the same tile pools: a screenshot larger than the window is drawn this way
    // without loading the scene a second time. Throws GpuError for a target with another count.
    FrameResult drawFrame(const FrameDesc& frame, RenderTarget& target);
    // Wait until the last submitted frame is complete (before reading an offscreen target back).
    void waitIdle();

    // Must be created after an ImGui context exists and before the first frame that draws UI.
    void enableImGui();
    // After the ImGui font atlas was rebuilt (ui::applyUiScale, ui::buildFonts): waits for the
    // frames in flight and uploads the new atlas. No-op without enableImGui.
    void rebuildImGuiFonts();

    const TilePool& tilePool() const { return *pool_; }
    const OverlayPool& overlayPool() const { return *overlays_; }
    const ModelStore& modelStore() const { return *models_; }
    const Context& context() const { return ctx_; }

private:
    const Context& ctx_;
    RenderTarget& target_;
    std::unique_ptr<FrameRing> ring_;
    std::unique_ptr<TilePool> pool_;
    std::unique_ptr<OverlayPool> overlays_;
    std::unique_ptr<FrameResources> resources_;
    std::unique_ptr<ModelStore> models_;
    std::vector<std::unique_ptr<Pass>> passes_;  // in drawing order
    // With the terrain translucent (underground view) the models are drawn before it, so the
    // terrain blends over them: these two swap places in passes_ for that frame.
    std::size_t terrainPass_ = 0, modelPass_ = 0;
    std::unique_ptr<ImGuiPass> imgui_;
    bool recording_ = false;
};

}  // namespace plateau::gpu
