#pragma once
// The 3D models (bodies) of a view: each model layer's description, its CPU data once loaded and
// its GPU handle. Each frame they are placed from their description, the displayed surface height
// under them (for a depth below the surface) and the exaggeration (core/model_placement.h); the
// same placement answers picking, so what is picked is what is drawn.
#include <optional>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/model_data.h"
#include "core/model_picking.h"
#include "gpu/renderer.h"
#include "ui/view_settings.h"

namespace plateau::app {

class GlobeView;

struct ViewModel {
    LayerDesc desc;                          // type Model: desc.model holds path and placement
    std::shared_ptr<const ModelData> data;   // null while loading or when it failed
    gpu::ModelHandle handle = 0;
    std::string error;
    bool loading = true;
};

// A model under a screen position.
struct ModelPick {
    std::size_t index = 0;  // into ViewModels::models()
    std::string layerId, node;
    glm::dvec3 ecef{0.0};
    double distance_m = 0;
};

class ViewModels {
public:
    explicit ViewModels(gpu::Renderer& renderer) : renderer_(renderer) {}
    ~ViewModels();  // releases the GPU models (deferred until the frames in flight are done)
    ViewModels(const ViewModels&) = delete;
    ViewModels& operator=(const ViewModels&) = delete;

    // A model layer, loading until setData.
    std::size_t add(const LayerDesc& desc);
    // Uploads the model (or marks the layer failed with `error`). False when the GPU refused it
    // (the reason is in the layer's error).
    bool setData(std::size_t index, std::shared_ptr<const ModelData> data, const std::string& error = {});
    std::vector<ViewModel>& models() { return models_; }
    const std::vector<ViewModel>& models() const { return models_; }

    // Model space to ECEF for a model as the frame draws it.
    glm::dmat4 placement(const ViewModel& m, const GlobeView& view, double exaggeration) const;
    // The visible, loaded models for a frame.
    std::vector<gpu::ModelInstance> instances(const GlobeView& view, double exaggeration) const;
    // The labels of the visible loaded models, anchored at the top centre of each model's bounds
    // and not hidden by the terrain (bodies are meant to be found underground).
    std::vector<ui::ScreenLabel> labels(const Camera& cam, const GlobeView& view, double exaggeration) const;
    // The nearest visible model under pixel (x, y) of `cam`.
    std::optional<ModelPick> pick(const Camera& cam, double x, double y, const GlobeView& view,
                                  double exaggeration) const;

private:
    gpu::Renderer& renderer_;
    std::vector<ViewModel> models_;
};

}  // namespace plateau::app
