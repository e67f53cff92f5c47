#include "gpu/model_pass.h"

#include <algorithm>
#include <cstddef>

#include "core/model_placement.h"
#include "gpu/renderer.h"

namespace plateau::gpu {

namespace {
const std::uint32_t kModelVert[] =
#include "model.vert.inc"
    ;
const std::uint32_t kModelFrag[] =
#include "model.frag.inc"
    ;

struct Sphere {
    glm::dvec3 centre;
    double radius;
};

Sphere toEcef(const glm::dmat4& m, glm::vec3 centre, float radius) {
    const double stretch = std::max({glm::length(glm::dvec3(m[0])), glm::length(glm::dvec3(m[1])),
                                     glm::length(glm::dvec3(m[2]))});
    return {glm::dvec3(m * glm::dvec4(glm::dvec3(centre), 1.0)), double(radius) * stretch};
}
}  // namespace

ModelPass::ModelPass(VkDevice device, const PassTarget& target, VkDescriptorSetLayout frameLayout,
                     const ModelStore& store)
    : device_(device), store_(store) {
    PipelineDesc d;
    d.vertexCode = kModelVert;
    d.vertexBytes = sizeof(kModelVert);
    d.fragmentCode = kModelFrag;
    d.fragmentBytes = sizeof(kModelFrag);
    d.bindings = {{0, sizeof(ModelVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    d.attributes = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, std::uint32_t(offsetof(ModelVertex, position))},
        {1, 0, VK_FORMAT_R32G32B32_SFLOAT, std::uint32_t(offsetof(ModelVertex, normal))},
        {2, 0, VK_FORMAT_R32G32_SFLOAT, std::uint32_t(offsetof(ModelVertex, uv))},
        {3, 0, VK_FORMAT_R32G32B32A32_SFLOAT, std::uint32_t(offsetof(ModelVertex, tangent))},
    };
    d.setLayouts = {frameLayout, store.materialLayout()};
    d.pushConstantBytes = sizeof(shader::ModelPush);
    d.cullMode = VK_CULL_MODE_BACK_BIT;
    pipelines_[kOpaque] = createPipeline(device, target, d);
    d.cullMode = VK_CULL_MODE_NONE;
    pipelines_[kOpaqueTwoSided] = createPipeline(device, target, d);
    d.alphaBlend = true;
    d.depthWrite = false;
    d.cullMode = VK_CULL_MODE_FRONT_BIT;
    pipelines_[kBlendBack] = createPipeline(device, target, d);
    d.cullMode = VK_CULL_MODE_BACK_BIT;
    pipelines_[kBlendFront] = createPipeline(device, target, d);
}

ModelPass::~ModelPass() {
    for (Pipeline& p : pipelines_) destroyPipeline(device_, p);
}

void ModelPass::prepare(const PassContext& ctx) {
    const FrameDesc& f = *ctx.frame;
    const Camera& cam = f.camera;
    draws_.clear();
    struct Translucent {
        double distance;  // of the instance
        std::vector<Draw> back, front;
    };
    std::vector<Translucent> translucent;
    for (const ModelInstance& inst : f.models) {
        const GpuModel* gm = store_.find(inst.model);
        if (!gm || inst.opacity <= 0.0f) continue;
        Draw base;
        base.model = gm;
        base.push.mvp = modelMvp(inst.modelToEcef, cam);
        const glm::mat4 rel = modelRelative(inst.modelToEcef, cam);
        for (int r = 0; r < 3; ++r) base.push.model_rows[r] = glm::vec4(rel[0][r], rel[1][r], rel[2][r], rel[3][r]);
        base.push.params = glm::vec4(inst.opacity, 0.0f, 0.0f, 0.0f);
        Translucent t;
        t.distance = glm::length(toEcef(inst.modelToEcef, gm->centre, gm->radius).centre - cam.position);
        std::vector<std::pair<double, Draw>> back, front;
        for (const GpuPrimitive& p : gm->primitives) {
            const GpuMaterialInfo& mat = gm->materials[p.material];
            Draw d = base;
            d.primitive = &p;
            ctx.stats->modelTriangles += p.indexCount / 3;
            if (mat.alphaMode != AlphaMode::Blend && inst.opacity >= 1.0f) {
                d.kind = mat.doubleSided ? kOpaqueTwoSided : kOpaque;
                draws_.push_back(d);
                continue;
            }
            const Sphere s = toEcef(inst.modelToEcef, p.centre, p.radius);
            const double dist = glm::length(s.centre - cam.position);
            if (mat.doubleSided) {
                d.kind = kBlendBack;
                back.emplace_back(dist + s.radius, d);  // farthest reach first
            }
            d.kind = kBlendFront;
            front.emplace_back(dist - s.radius, d);  // nearest reach last
        }
        ++ctx.stats->models;
        if (back.empty() && front.empty()) continue;
        const auto farFirst = [](const auto& a, const auto& b) { return a.first > b.first; };
        std::stable_sort(back.begin(), back.end(), farFirst);
        std::stable_sort(front.begin(), front.end(), farFirst);
        for (auto& [k, d] : back) t.back.push_back(d);
        for (auto& [k, d] : front) t.front.push_back(d);
        translucent.push_back(std::move(t));
    }
    // Opaque first (grouped by pipeline), then translucent instances back to front.
    std::stable_sort(draws_.begin(), draws_.end(), [](const Draw& a, const Draw& b) { return a.kind < b.kind; });
    std::stable_sort(translucent.begin(), translucent.end(),
                     [](const Translucent& a, const Translucent& b) { return a.distance > b.distance; });
    for (const Translucent& t : translucent) {
        draws_.insert(draws_.end(), t.back.begin(), t.back.end());
        draws_.insert(draws_.end(), t.front.begin(), t.front.end());
    }
}

void ModelPass::record(const PassContext& ctx) {
    int bound = -1;
    const GpuModel* boundModel = nullptr;
    for (const Draw& d : draws_) {
        const Pipeline& p = pipelines_[d.kind];
        if (bound != d.kind) {
            vkCmdBindPipeline(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, p.pipeline);
            vkCmdBindDescriptorSets(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, p.layout, 0, 1, &ctx.frameSet, 0, nullptr);
            bound = d.kind;
        }
        if (boundModel != d.model) {
            VkBuffer b = d.model->buffer.handle();
            const VkDeviceSize zero = 0;
            vkCmdBindVertexBuffers(ctx.cmd, 0, 1, &b, &zero);
            vkCmdBindIndexBuffer(ctx.cmd, b, d.model->indexOffset, VK_INDEX_TYPE_UINT32);
            boundModel = d.model;
        }
        vkCmdBindDescriptorSets(ctx.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, p.layout, 1, 1,
                                &d.model->sets[d.primitive->material], 0, nullptr);
        vkCmdPushConstants(ctx.cmd, p.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof(d.push), &d.push);
        vkCmdDrawIndexed(ctx.cmd, d.primitive->indexCount, 1, d.primitive->firstIndex, d.primitive->vertexOffset, 0);
    }
}

}  // namespace plateau::gpu
