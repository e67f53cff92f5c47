#include "gpu/terrain_pass.h"

#include <algorithm>
#include <cstddef>

#include "core/geodesy.h"
#include "core/tile_mesh.h"
#include "gpu/frame_resources.h"
#include "gpu/renderer.h"
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
const std::uint32_t kTerrainDepthFrag[] =
#include "terrain_depth.frag.inc"
    ;
const std::uint32_t kSkyVert[] =
#include "sky.vert.inc"
    ;
const std::uint32_t kSkyFrag[] =
#include "sky.frag.inc"
    ;

glm::vec4 v4(const glm::dvec3& v, double w) { return glm::vec4(glm::vec3(v), float(w)); }
}  // namespace

void writeFrameUniforms(FrameResources& res, std::size_t slot, const Camera& cam, const TerrainStyle& style) {
    const Geodetic g = ecefToGeodetic(cam.position);
    shader::FrameUniforms& u = res.uniforms(slot);
    u.inv_view_proj = glm::mat4(glm::inverse(projectionMatrix(cam) * viewRotation(cam)));
    u.up = v4(ellipsoidNormal(g.lon_deg, g.lat_deg), g.height_m);
    u.sun_dir = v4(style.sunDirection, style.hazeDistanceM);
    u.params = glm::vec4(float(style.exaggeration), float(style.contourIntervalM), style.flatColour ? 1.0f : 0.0f, 0.0f);
    u.camera = v4(cam.position, 0.0);
    const UndergroundView& ug = style.underground;
    u.cutaway = cutawayPlane(ug, cam);
    u.underground = glm::vec4(ug.enabled ? 1.0f : 0.0f, float(std::clamp(ug.opacity(), 0.0, 1.0)), 0.0f, 0.0f);
}

SkyPass::SkyPass(VkDevice device, const PassTarget& target, VkDescriptorSetLayout setLayout) : device_(device) {
    PipelineDesc s;
    s.vertexCode = kSkyVert;
    s.vertexBytes = sizeof(kSkyVert);
    s.fragmentCode = kSkyFrag;
    s.fragmentBytes = sizeof(kSkyFrag);
    s.setLayouts = {setLayout};
    s.depthTest = false;
    s.depthWrite = false;
    sky_ = createPipeline(device, target, s);
}

SkyPass::~SkyPass() { destroyPipeline(device_, sky_); }

void SkyPass::record(const PassContext& ctx) {
    if (!ctx.frame->drawSky) return;
    vkCmdBindPipeline(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, sky_.pipeline);
    vkCmdBindDescriptorSets(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, sky_.layout, 0, 1, &ctx.frameSet, 0, nullptr);
    vkCmdDraw(ctx.cmd, 3, 1, 0, 0);
}

TerrainPass::TerrainPass(VkDevice device, const PassTarget& target, VkDescriptorSetLayout setLayout,
                         const TilePool& pool, FrameResources& resources, bool wireframe)
    : device_(device), pool_(pool), resources_(resources) {
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
        {4, 0, VK_FORMAT_R32_SFLOAT, std::uint32_t(offsetof(TerrainVertex, coarseHeight))},
        {5, 0, VK_FORMAT_R16G16_SFLOAT, std::uint32_t(offsetof(TerrainVertex, modifier))},
    };
    t.setLayouts = {setLayout};
    t.pushConstantBytes = sizeof(shader::TilePush);
    // Slopes facing away are hidden behind the terrain in front of them, so a software
    // rasteriser need not fill them. Skirts face outward from their tile: a crack is always seen
    // from the side its skirt faces (from the other side the tile itself is in front).
    t.cullMode = VK_CULL_MODE_BACK_BIT;
    terrain_ = createPipeline(device, target, t);
    if (wireframe) {
        t.polygonMode = VK_POLYGON_MODE_LINE;
        wire_ = createPipeline(device, target, t);
        t.polygonMode = VK_POLYGON_MODE_FILL;
    }
    t.cullMode = VK_CULL_MODE_NONE;
    twoSided_ = createPipeline(device, target, t);
    t.colourWrite = false;
    t.fragmentCode = kTerrainDepthFrag;
    t.fragmentBytes = sizeof(kTerrainDepthFrag);
    depthOnly_ = createPipeline(device, target, t);
    t.colourWrite = true;
    t.fragmentCode = kTerrainFrag;
    t.fragmentBytes = sizeof(kTerrainFrag);
    t.alphaBlend = true;
    t.depthWrite = false;
    t.depthCompare = VK_COMPARE_OP_GREATER_OR_EQUAL;
    blended_ = createPipeline(device, target, t);
}

TerrainPass::~TerrainPass() {
    for (Pipeline* p : {&terrain_, &twoSided_, &depthOnly_, &blended_}) destroyPipeline(device_, *p);
    if (wire_.pipeline) destroyPipeline(device_, wire_);
}

void TerrainPass::prepare(const PassContext& ctx) {
    const FrameDesc& f = *ctx.frame;
    shader::TileDraw* out = resources_.draws(ctx.slot);
    drawCount_ = 0;
    pushes_.clear();
    for (std::size_t i = 0; i < f.tiles.size() && drawCount_ < resources_.maxDraws(); ++i) {
        const TileId& id = f.tiles[i];
        const TilePool::Slot* slot = pool_.find(id);
        if (!slot) continue;
        const std::uint32_t record = drawCount_++;
        shader::TileDraw& d = out[record];
        Draw draw;
        draw.push.mvp = relativeMvp(f.camera, slot->origin);
        draw.firstVertex = slot->index * pool_.verticesPerTile();
        draw.push.origin_rel = v4(slot->origin - f.camera.position, double(draw.firstVertex));
        const float morph = i < f.tileMorph.size() ? f.tileMorph[i] : 1.0f;
        const TileOverlays* ov = i < f.tileOverlays.size() ? &f.tileOverlays[i] : nullptr;
        const std::uint32_t count = ov ? ov->count : 0;
        draw.push.morph = glm::vec4(morph, float(skirtDepthForLevel(id.z)), float(count), float(record));
        pushes_.push_back(draw);
        for (std::uint32_t k = 0; k < count; ++k) {
            const OverlayRef& r = ov->refs[k];
            d.windows[k] = glm::vec4(r.offsetU, r.offsetV, r.scale, r.opacity);
            d.slots[k / 4][int(k % 4)] = int(r.slot);
        }
        ctx.stats->overlays += count;
    }
}

void TerrainPass::record(const PassContext& ctx) {
    const UndergroundView& ug = ctx.frame->style.underground;
    if (ctx.frame->style.wireframe && wire_.pipeline) return drawTiles(ctx, wire_, true);
    if (!ug.enabled) return drawTiles(ctx, terrain_, true);
    const double opacity = ug.opacity();
    if (opacity <= 0.0) return;  // invisible: the bodies alone
    if (opacity >= 1.0) return drawTiles(ctx, twoSided_, true);
    drawTiles(ctx, depthOnly_, false);
    drawTiles(ctx, blended_, true);
}

void TerrainPass::drawTiles(const PassContext& ctx, const Pipeline& pipeline, bool count) {
    vkCmdBindPipeline(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.pipeline);
    vkCmdBindDescriptorSets(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.layout, 0, 1, &ctx.frameSet, 0,
                            nullptr);
    VkBuffer vb = pool_.vertexBuffer();
    VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(ctx.cmd, 0, 1, &vb, &zero);
    vkCmdBindIndexBuffer(ctx.cmd, pool_.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);
    for (const Draw& d : pushes_) {
        vkCmdPushConstants(ctx.cmd, pipeline.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof(d.push), &d.push);
        vkCmdDrawIndexed(ctx.cmd, pool_.indexCount(), 1, 0, std::int32_t(d.firstVertex), 0);
        if (!count) continue;
        ++ctx.stats->tiles;
        ctx.stats->triangles += pool_.indexCount() / 3;
    }
}

}  // namespace plateau::gpu
