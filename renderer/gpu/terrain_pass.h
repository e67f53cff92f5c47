#pragma once
// Draws resident terrain tiles from the tile pool, each with its own camera-relative matrix (push
// constants) and its draped overlays (a record in the per-frame storage buffer), and the sky
// behind them as a pass of its own.
#include <vector>

#include "core/camera.h"
#include "core/overlay_ref.h"
#include "core/tile_id.h"
#include "core/underground.h"
#include "gpu/pass.h"
#include "gpu/pipeline_builder.h"
#include "terrain_shared.h"

namespace plateau::gpu {

class TilePool;
class FrameResources;

struct TerrainStyle {
    glm::dvec3 sunDirection{0, 0, 1};  // unit, ECEF, towards the sun
    double exaggeration = 1.0;
    double contourIntervalM = 0.0;
    double hazeDistanceM = 0.0;        // 0 = no haze
    bool flatColour = false;           // debug: plain white terrain
    bool wireframe = false;            // debug: the tiles' triangles as lines (where supported)
    UndergroundView underground;       // opacity, cutaway and underside
};

// Fills the frame's uniform block (camera, sun, shading) for every pass that binds set 0.
void writeFrameUniforms(FrameResources& res, std::size_t slot, const Camera& cam, const TerrainStyle& style);

class SkyPass final : public Pass {
public:
    SkyPass(VkDevice device, const PassTarget& target, VkDescriptorSetLayout setLayout);
    ~SkyPass() override;
    const char* name() const override { return "sky"; }
    void record(const PassContext& ctx) override;

private:
    VkDevice device_;
    Pipeline sky_;
};

class TerrainPass final : public Pass {
public:
    TerrainPass(VkDevice device, const PassTarget& target, VkDescriptorSetLayout setLayout, const TilePool& pool,
                FrameResources& resources, bool wireframe = false);
    ~TerrainPass() override;
    const char* name() const override { return "terrain"; }
    void prepare(const PassContext& ctx) override;
    void record(const PassContext& ctx) override;

private:
    VkDevice device_;
    const TilePool& pool_;
    FrameResources& resources_;
    Pipeline terrain_;
    // Underground view: both faces (the underside is drawn); a depth pre-pass and a blended colour
    // pass where the depth equals it, so only the nearest terrain surface blends over the bodies.
    Pipeline twoSided_, depthOnly_, blended_;
    Pipeline wire_;  // null when the device cannot draw lines
    void drawTiles(const PassContext& ctx, const Pipeline& p, bool count);
    struct Draw {
        shader::TilePush push;
        std::uint32_t firstVertex = 0;
    };
    std::uint32_t drawCount_ = 0;
    std::vector<Draw> pushes_;  // this frame's draws, recorded in order
};

}  // namespace plateau::gpu
