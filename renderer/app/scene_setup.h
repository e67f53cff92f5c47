#pragma once
// Opens a scene file and its terrain source, building the synthetic terrain into the cache on
// first use when the scene asks for it.
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/message_inbox.h"
#include "core/result.h"
#include "core/scene.h"
#include "core/tile_source.h"

namespace plateau::app {

struct OpenedScene {
    Scene scene;
    std::shared_ptr<TileSource> source;
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    // What the terrain source says from its loading threads (a tile cache that cannot write):
    // whoever shows messages takes them, the viewer every frame.
    std::shared_ptr<MessageInbox> messages = std::make_shared<MessageInbox>();
    // Call before the views using the source go away.
    void cancelTransfers() const { cancel->store(true); }
};

// The tile source a scene names (folder, MBTiles, HTTP, GDAL raster or quantized-mesh). Setting
// `cancel` aborts network transfers in flight (so quitting never waits for a slow server).
// `log` hears warnings that are not a tile's failure (an HTTP cache that cannot write), from the
// loading threads.
Result<std::shared_ptr<TileSource>> openTerrainSource(const TerrainSourceDesc& desc,
                                                      std::shared_ptr<std::atomic<bool>> cancel = nullptr,
                                                      std::function<void(const std::string&)> log = {});
// `log` hears what opening says, on the calling thread; later warnings go to OpenedScene::messages.
Result<OpenedScene> openScene(const std::filesystem::path& file, const std::function<void(const std::string&)>& log);
// The scene shipped in assets/ (found next to the executable's source tree or installed data).
std::filesystem::path defaultScenePath();

}  // namespace plateau::app
