#include "gpu/terrain_pass.h"

#include <cstddef>

#include <glm/gtc/matrix_inverse.hpp>

#include "core/geodesy.h"
#include "core/tile_mesh.h"
#include "gpu/tile_pool.h"
#include "terrain_shared.h"

namespace plateau::gpu {

namespace {
const std::uint32_t kTerrainVert[] =
#include "terrain.vert.inc"
    ;
const std::uint32_t kTerrainFrag[] =
#include "terrain.frag.inc"
    ;
const std::uint32_t kSkyVert[] =
#include "sky.vert.inc"
    ;
const std::uint32_t kSkyFrag[] =
#include "sky.frag.inc"
    ;

glm::vec4 v4(const glm::dvec3& v, double w) { return glm::vec4(glm::vec3(v), float(w)); }
}  // namespace

TerrainPass::TerrainPass(VkDevice device, VkRenderPass renderPass) : device_(device) {
    PipelineDesc t;
    t.vertexCode = kTerrainVert;
    t.vertexBytes = sizeof(kTerrainVert);
    t.fragmentCode = kTerrainFrag;
    t.fragmentBytes = sizeof(kTerrainFrag);
    t.bindings = {{0, sizeof(TerrainVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    t.attributes = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, std::uint32_t(offsetof(TerrainVertex, pos))},
        {1, 0, VK_FORMAT_R32_SFLOAT, std::uint32_t(offsetof(TerrainVertex, height))},
        {2, 0, VK_FORMAT_R32G32B32_SFLOAT, std::uint32_t(offsetof(TerrainVertex, up))},
        {3, 0, VK_FORMAT_R32G32B32_SFLOAT, std::uint32_t(offsetof(TerrainVertex, normal))},
        {4, 0, VK_FORMAT_R32_SFLOAT, std::uint32_t(offsetof(TerrainVertex, coarseHeight))},
    };
    t.pushConstantBytes = sizeof(shader::TerrainPush);
    // Slopes facing away are hidden behind the terrain in front of them, so a software
    // rasteriser need not fill them. Skirts face outward from their tile: a crack is always seen
    // from the side its skirt faces (from the other side the tile itself is in front).
    t.cullMode = VK_CULL_MODE_BACK_BIT;
    terrain_ = createPipeline(device, renderPass, t);

    PipelineDesc s;
    s.vertexCode = kSkyVert;
    s.vertexBytes = sizeof(kSkyVert);
    s.fragmentCode = kSkyFrag;
    s.fragmentBytes = sizeof(kSkyFrag);
    s.pushConstantBytes = sizeof(shader::SkyPush);
    s.depthTest = false;
    s.depthWrite = false;
    sky_ = createPipeline(device, renderPass, s);
}

TerrainPass::~TerrainPass() {
    destroyPipeline(device_, terrain_);
    destroyPipeline(device_, sky_);
}

void TerrainPass::recordSky(VkCommandBuffer cmd, const Camera& cam, const glm::dvec3& sunDirection) const {
    const Geodetic g = ecefToGeodetic(cam.position);
    shader::SkyPush push{};
    push.inv_view_proj = glm::mat4(glm::inverse(projectionMatrix(cam) * viewRotation(cam)));
    push.up = v4(ellipsoidNormal(g.lon_deg, g.lat_deg), g.height_m);
    push.sun_dir = v4(sunDirection, 0.0);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, sky_.pipeline);
    vkCmdPushConstants(cmd, sky_.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), &push);
    vkCmdDraw(cmd, 3, 1, 0, 0);
}

DrawStats TerrainPass::recordTiles(VkCommandBuffer cmd, const Camera& cam, const TilePool& pool,
                                   const std::vector<TileId>& tiles, const std::vector<float>& morph,
                                   const TerrainStyle& style) const {
    DrawStats stats;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, terrain_.pipeline);
    VkBuffer vb = pool.vertexBuffer();
    VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
    vkCmdBindIndexBuffer(cmd, pool.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
    shader::TerrainPush push{};
    push.sun_dir = v4(style.sunDirection, style.hazeDistanceM);
    push.params = glm::vec4(float(style.exaggeration), float(style.contourIntervalM), style.flatColour ? 1.0f : 0.0f, 0.0f);
    push.morph = glm::vec4(1.0f, glm::vec3(cam.position));
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const TileId& id = tiles[i];
        const TilePool::Slot* slot = pool.find(id);
        if (!slot) continue;
        push.mvp = relativeMvp(cam, slot->origin);
        const std::uint32_t firstVertex = slot->index * pool.verticesPerTile();
        push.origin_rel = v4(slot->origin - cam.position, double(firstVertex));
        push.params.w = float(skirtDepthForLevel(id.z));
        push.morph.x = i < morph.size() ? morph[i] : 1.0f;
        vkCmdPushConstants(cmd, terrain_.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof(push), &push);
        vkCmdDrawIndexed(cmd, pool.indexCount(), 1, 0, std::int32_t(firstVertex), 0);
        ++stats.tiles;
        stats.triangles += pool.indexCount() / 3;
    }
    return stats;
}

}  // namespace plateau::gpu
