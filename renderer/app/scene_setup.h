#pragma once
// Opens a scene file and its terrain source, building the synthetic terrain into the cache on
// first use when the scene asks for it.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "core/scene.h"
#include "core/tile_source.h"

namespace plateau::app {

struct OpenedScene {
    Scene scene;
    std::shared_ptr<TileSource> source;
};

Result<OpenedScene> openScene(const std::filesystem::path& file, const std::function<void(const std::string&)>& log);
// The scene shipped in assets/ (found next to the executable's source tree or installed data).
std::filesystem::path defaultScenePath();

}  // namespace plateau::app
