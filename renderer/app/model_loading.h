#pragma once
// Reading the scene's model layers off the render thread: a glTF file can take a while (large
// textures), so each is read on a thread of its own and handed to the view's models when ready,
// as draped layers are (layer_setup.h). A file that cannot be read is one line naming the layer
// and the file; the other layers are drawn.
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "app/view_models.h"
#include "core/result.h"

namespace plateau::app {

// The one place a model file is read.
Result<std::shared_ptr<const ModelData>> loadModelFile(const std::filesystem::path& path);

class ModelLoader {
public:
    // Adds every model layer of `layers` to `models` (loading) and starts reading them.
    ModelLoader(ViewModels& models, const std::vector<LayerDesc>& layers, std::function<void(const std::string&)> log);
    ~ModelLoader();
    // Reads one more model layer (added at run time).
    void add(const LayerDesc& desc);
    // Uploads the models that finished reading; true when all have.
    bool poll();
    void wait();

private:
    struct Pending {
        std::size_t index;
        std::future<Result<std::shared_ptr<const ModelData>>> result;
    };
    void attach(Pending& p);
    ViewModels& models_;
    std::function<void(const std::string&)> log_;
    std::vector<Pending> pending_;
};

}  // namespace plateau::app
