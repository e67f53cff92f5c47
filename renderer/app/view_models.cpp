#include "app/view_models.h"

#include "app/globe_view.h"
#include "gpu/vk_check.h"

namespace plateau::app {

ViewModels::~ViewModels() {
    for (const ViewModel& m : models_)
        if (m.handle) renderer_.releaseModel(m.handle);
}

std::size_t ViewModels::add(const LayerDesc& desc) {
    ViewModel m;
    m.desc = desc;
    models_.push_back(std::move(m));
    return models_.size() - 1;
}

bool ViewModels::setData(std::size_t index, std::shared_ptr<const ModelData> data, const std::string& error) {
    ViewModel& m = models_.at(index);
    m.loading = false;
    m.error = error;
    if (!data) return false;
    try {
        m.handle = renderer_.uploadModel(*data);
    } catch (const gpu::GpuError& e) {
        m.error = "layer '" + m.desc.id + "': " + e.what();
        return false;
    }
    m.data = std::move(data);
    return true;
}

glm::dmat4 ViewModels::placement(const ViewModel& m, const GlobeView& view, double exaggeration) const {
    const ModelPlacement& p = m.desc.model.placement;
    // Below the displayed surface: the most detailed resident tile's height there (0 until one
    // is resident, as the terrain itself is drawn at its parents' heights meanwhile).
    const double surface = p.depth_m ? view.terrainHeight(p.lon_deg, p.lat_deg).value_or(0.0) : 0.0;
    return modelToEcef(p, surface, exaggeration);
}

std::vector<gpu::ModelInstance> ViewModels::instances(const GlobeView& view, double exaggeration) const {
    std::vector<gpu::ModelInstance> out;
    for (const ViewModel& m : models_) {
        if (!m.handle || !m.desc.visible || m.desc.opacity <= 0.0) continue;
        out.push_back({m.handle, placement(m, view, exaggeration), float(m.desc.opacity)});
    }
    return out;
}

std::vector<ui::ScreenLabel> ViewModels::labels(const Camera& cam, const GlobeView& view, double exaggeration) const {
    std::vector<ui::ScreenLabel> out;
    for (const ViewModel& m : models_) {
        if (!m.data || !m.desc.visible || m.desc.opacity <= 0.0 || m.desc.model.label.empty()) continue;
        const glm::vec3 lo = m.data->boundsMin, hi = m.data->boundsMax;
        const glm::vec4 top((lo.x + hi.x) * 0.5f, hi.y, (lo.z + hi.z) * 0.5f, 1.0f);
        const glm::vec4 clip = modelMvp(placement(m, view, exaggeration), cam) * top;
        if (clip.w <= 0.0f) continue;
        const float x = (clip.x / clip.w * 0.5f + 0.5f) * float(cam.width);
        const float y = (clip.y / clip.w * 0.5f + 0.5f) * float(cam.height);
        if (x < 0.0f || y < 0.0f || x >= float(cam.width) || y >= float(cam.height)) continue;
        out.push_back({x, y, m.desc.model.label});
    }
    return out;
}

std::optional<ModelPick> ViewModels::pick(const Camera& cam, double x, double y, const GlobeView& view,
                                          double exaggeration) const {
    std::vector<PickableModel> pickable;
    for (std::size_t i = 0; i < models_.size(); ++i) {
        const ViewModel& m = models_[i];
        if (!m.data || !m.desc.visible || m.desc.opacity <= 0.0) continue;
        pickable.push_back({m.data.get(), placement(m, view, exaggeration), i});
    }
    const auto hit = pickModelAt(cam, x, y, pickable);
    if (!hit) return std::nullopt;
    return ModelPick{hit->id, models_[hit->id].desc.id, hit->node, hit->ecef, hit->distance_m};
}

}  // namespace plateau::app
