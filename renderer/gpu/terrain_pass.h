#pragma once
// Draws resident terrain tiles from the tile pool, each with its own camera-relative matrix, and
// the sky behind them.
#include <vector>

#include "core/camera.h"
#include "core/tile_id.h"
#include "gpu/pipeline_builder.h"

namespace plateau::gpu {

class TilePool;

struct TerrainStyle {
    glm::dvec3 sunDirection{0, 0, 1};  // unit, ECEF, towards the sun
    double exaggeration = 1.0;
    double contourIntervalM = 0.0;
    double hazeDistanceM = 0.0;        // 0 = no haze
    bool flatColour = false;           // debug: plain white terrain
};

struct DrawStats {
    std::uint32_t tiles = 0;
    std::uint64_t triangles = 0;
};

class TerrainPass {
public:
    TerrainPass(VkDevice device, VkRenderPass renderPass);
    ~TerrainPass();
    TerrainPass(const TerrainPass&) = delete;
    TerrainPass& operator=(const TerrainPass&) = delete;

    void recordSky(VkCommandBuffer cmd, const Camera& cam, const glm::dvec3& sunDirection) const;
    DrawStats recordTiles(VkCommandBuffer cmd, const Camera& cam, const TilePool& pool,
                          const std::vector<TileId>& tiles, const std::vector<float>& morph,
                          const TerrainStyle& style) const;

private:
    VkDevice device_;
    Pipeline terrain_;
    Pipeline sky_;
};

}  // namespace plateau::gpu
