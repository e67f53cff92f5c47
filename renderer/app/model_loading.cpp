#include "app/model_loading.h"

#include <chrono>

#include "io/gltf_reader.h"

namespace plateau::app {

Result<std::shared_ptr<const ModelData>> loadModelFile(const std::filesystem::path& path) {
    auto m = loadGltf(path);
    if (!m) return m.error();
    return std::shared_ptr<const ModelData>(std::make_shared<ModelData>(std::move(*m)));
}

ModelLoader::ModelLoader(ViewModels& models, const std::vector<LayerDesc>& layers,
                         std::function<void(const std::string&)> log)
    : models_(models), log_(std::move(log)) {
    for (const LayerDesc& d : layers) add(d);
}

void ModelLoader::add(const LayerDesc& d) {
    if (d.type != LayerType::Model) return;
    const std::size_t index = models_.add(d);
    pending_.push_back({index, std::async(std::launch::async, [path = d.model.path] { return loadModelFile(path); })});
}

ModelLoader::~ModelLoader() {
    for (Pending& p : pending_)
        if (p.result.valid()) p.result.wait();
}

void ModelLoader::attach(Pending& p) {
    auto r = p.result.get();
    const std::string id = models_.models().at(p.index).desc.id;
    if (!r) {
        const std::string error = "layer '" + id + "': " + r.error().message;
        log_(error);
        models_.setData(p.index, nullptr, error);
        return;
    }
    const std::size_t triangles = (*r)->triangleCount();
    if (models_.setData(p.index, *r))
        log_("layer '" + id + "': " + std::to_string(triangles) + " triangles");
    else
        log_(models_.models().at(p.index).error);
}

bool ModelLoader::poll() {
    for (Pending& p : pending_)
        if (p.result.valid() && p.result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) attach(p);
    for (const Pending& p : pending_)
        if (p.result.valid()) return false;
    return true;
}

void ModelLoader::wait() {
    for (Pending& p : pending_)
        if (p.result.valid()) attach(p);
}

}  // namespace plateau::app
