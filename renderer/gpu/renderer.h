#pragma once
// One frame of the globe: uploads, sky, terrain tiles and the ImGui overlay, into whichever
// target it was given. The window, `plateau render`, the benchmark and the tests all draw
// through this class.
#include <memory>
#include <vector>

#include "core/camera.h"
#include "core/tile_mesh.h"
#include "gpu/terrain_pass.h"

struct ImDrawData;

namespace plateau::gpu {

class Context;
class FrameRing;
class ImGuiPass;
class RenderTarget;
class TilePool;

struct FrameDesc {
    Camera camera;
    std::vector<TileId> tiles;
    std::vector<float> tileMorph;  // per tile, 0..1 (parent's shape .. own); empty: all 1
    TerrainStyle style;
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
    Renderer(const Context& ctx, RenderTarget& target, std::uint32_t tileCapacity);
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
    FrameResult drawFrame(const FrameDesc& frame);
    // Wait until the last submitted frame is complete (before reading an offscreen target back).
    void waitIdle();

    // Must be created after an ImGui context exists and before the first frame that draws UI.
    void enableImGui();

    const TilePool& tilePool() const { return *pool_; }
    const Context& context() const { return ctx_; }

private:
    const Context& ctx_;
    RenderTarget& target_;
    std::unique_ptr<FrameRing> ring_;
    std::unique_ptr<TilePool> pool_;
    std::unique_ptr<TerrainPass> terrain_;
    std::unique_ptr<ImGuiPass> imgui_;
    bool recording_ = false;
};

}  // namespace plateau::gpu
