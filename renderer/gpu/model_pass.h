#pragma once
// Draws placed 3D models (deposit bodies, shells) after the terrain: glTF metallic-roughness
// materials lit by the frame's sun, hazed like the terrain, each primitive with its own
// camera-relative matrix (double on the CPU, float on the GPU: no jitter far from the origin).
//
// Translucency (BLEND materials, or an instance faded below opacity 1) is drawn after every
// opaque primitive, without writing depth, sorted:
//   - instances back to front by the distance to their bounding sphere's centre;
//   - inside an instance, in two phases: first the back faces of the double-sided translucent
//     primitives, the one reaching farthest from the camera first (outer shells before the inner
//     ones they enclose), then the front faces of all translucent primitives, the one reaching
//     nearest to the camera last (inner shells before the outer ones).
// For nested closed shells (grade shells of an ore body) this is exactly the order along every
// view ray, from any side and with the camera inside a shell: outer back, inner back, inner front,
// outer front. Sorting whole primitives was chosen over order-independent transparency (weighted
// blended OIT needs a second colour target and a composite pass, and approximates the order the
// nesting gives exactly); shells that interpenetrate without nesting may show the wrong one in
// front where they cross.
#include <vector>

#include "gpu/model_store.h"
#include "gpu/pass.h"
#include "gpu/pipeline_builder.h"
#include "model_shared.h"

namespace plateau::gpu {

// One model placed in the frame.
struct ModelInstance {
    ModelHandle model = 0;
    glm::dmat4 modelToEcef{1.0};  // core/model_placement.h
    float opacity = 1.0f;         // below 1 the whole model is drawn translucent
};

class ModelPass final : public Pass {
public:
    ModelPass(VkDevice device, const PassTarget& target, VkDescriptorSetLayout frameLayout, const ModelStore& store);
    ~ModelPass() override;
    const char* name() const override { return "models"; }
    void prepare(const PassContext& ctx) override;
    void record(const PassContext& ctx) override;

private:
    enum Kind { kOpaque, kOpaqueTwoSided, kBlendBack, kBlendFront, kKinds };
    struct Draw {
        const GpuModel* model = nullptr;
        const GpuPrimitive* primitive = nullptr;
        Kind kind = kOpaque;
        shader::ModelPush push{};
    };
    VkDevice device_;
    const ModelStore& store_;
    Pipeline pipelines_[kKinds];
    std::vector<Draw> draws_;  // in drawing order
};

}  // namespace plateau::gpu
