#pragma once
// Opens a scene's layers for a view. Reading a vector file can take seconds (a million
// vertices), so the window opens them on a background thread and attaches each one when it is
// ready, in scene order, while frames go on; still renders open them all first. A layer that
// fails gets one line naming the layer, its file and the problem, is marked failed, and
// everything else is drawn.
#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "app/globe_view.h"
#include "app/message_inbox.h"
#include "core/scene.h"

namespace plateau::app {

struct OpenedLayer {
    std::shared_ptr<OverlaySource> source;  // null when it failed
    std::shared_ptr<const TerrainModifiers> modifiers;  // mine layers
    std::string error;
    std::string summary;  // e.g. "71 features, 23,456 vertices"; a trace's report
    std::string legend;   // replaces the layer's legend when set (a trace's short report)
    double seconds = 0;   // to open (read, index)
};

// Opens one layer's source (imagery over HTTP or GDAL, vectors through OGR, traces routed on
// their DEM). `warn` hears, from any thread and for as long as the source lives, what goes wrong
// without failing the layer (an HTTP tile cache that cannot write), as one line naming the layer.
OpenedLayer openLayer(const LayerDesc& desc, std::shared_ptr<std::atomic<bool>> cancel,
                      std::function<void(const std::string&)> warn = {});

class LayerLoader {
public:
    // Adds every scene layer to the view (as loading) and starts opening them.
    LayerLoader(GlobeView& view, const std::vector<LayerDesc>& layers, std::shared_ptr<std::atomic<bool>> cancel,
                std::function<void(const std::string&)> log);
    ~LayerLoader();
    // Opens one more layer (added at run time, or a layer whose style changed: it replaces the
    // view's layer of the same id, which keeps drawing until the new one is ready).
    void add(const LayerDesc& desc);
    // Attaches the layers that finished opening, and logs the warnings layers sent since the
    // last call (from their loading threads); true when all have opened. Call it every frame.
    bool poll();
    // Waits for every layer and attaches it.
    void wait();

private:
    struct Pending {
        std::string id;  // the view's layer; its index changes when layers are reordered
        std::future<OpenedLayer> result;
    };
    void attach(Pending& p);
    void logWarnings();
    GlobeView& view_;
    std::function<void(const std::string&)> log_;
    // Warnings from the layers' loading threads, for log_ on the thread that polls.
    std::shared_ptr<MessageInbox> warnings_ = std::make_shared<MessageInbox>();
    std::vector<Pending> pending_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace plateau::app
