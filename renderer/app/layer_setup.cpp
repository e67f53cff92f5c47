#include "app/layer_setup.h"

#include <chrono>
#include <exception>

#include "io/imagery_source.h"
#include "io/mine_source.h"
#include "io/trace_overlay.h"
#include "io/vector_overlay_source.h"

namespace plateau::app {

OpenedLayer openLayer(const LayerDesc& desc, std::shared_ptr<std::atomic<bool>> cancel,
                      std::function<void(const std::string&)> warn) {
    OpenedLayer out;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        if (desc.type == LayerType::Mine) {
            auto m = openMineLayer(desc);
            if (m) {
                out.modifiers = *m;
                out.summary = std::to_string((*m)->list().size()) + " mine features";
            } else {
                out.error = m.error().message;
            }
        } else if (desc.type == LayerType::Trace) {
            auto t = openTraceOverlay(desc, cancel.get());
            if (t) {
                out.source = t->source;
                out.summary = t->report;
                out.legend = t->legend;
            } else {
                out.error = t.error().message;
            }
        } else if (desc.type == LayerType::Vector) {
            auto v = openVectorOverlay(desc);
            if (v) {
                out.source = *v;
                out.summary = std::to_string((*v)->data().features.size()) + " features, " +
                              std::to_string((*v)->data().vertexCount) + " vertices";
            } else {
                out.error = v.error().message;
            }
        } else {
            auto s = openImagerySource(desc, {}, std::move(cancel), std::move(warn));
            if (s) out.source = *s;
            else out.error = s.error().message;
        }
    } catch (const std::exception& e) {
        out.error = "layer '" + desc.id + "': " + e.what();
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

LayerLoader::LayerLoader(GlobeView& view, const std::vector<LayerDesc>& layers,
                         std::shared_ptr<std::atomic<bool>> cancel, std::function<void(const std::string&)> log)
    : view_(view), log_(std::move(log)), cancel_(std::move(cancel)) {
    for (const LayerDesc& d : layers) add(d);
}

void LayerLoader::add(const LayerDesc& d) {
    if (d.type == LayerType::Model) return;     // bodies: app/model_loading.h
    if (d.type == LayerType::Deposits) return;  // screen-space markers: app/deposit_layers.h
    if (!view_.indexOf(d.id)) view_.addLayer(d);
    auto cancel = cancel_;
    auto warn = [inbox = warnings_](const std::string& line) { inbox->post(line); };
    pending_.push_back({d.id, std::async(std::launch::async, [d, cancel, warn] { return openLayer(d, cancel, warn); })});
}

LayerLoader::~LayerLoader() {
    // Futures from std::async join on destruction: the threads finish their file before the
    // view goes away.
    for (Pending& p : pending_)
        if (p.result.valid()) p.result.wait();
}

void LayerLoader::attach(Pending& p) {
    OpenedLayer o = p.result.get();
    const auto index = view_.indexOf(p.id);
    if (!index) return;  // removed while it was opening
    if (!o.error.empty()) log_(o.error);
    else
        log_("layer '" + p.id + "': " + (o.summary.empty() ? "" : o.summary + ", ") + "opened in " +
             std::to_string(int(o.seconds * 1000.0 + 0.5)) + " ms");
    ViewLayer& layer = view_.layers().at(*index);
    if (!o.legend.empty()) layer.desc.legend = o.legend;
    layer.summary = o.summary;
    if (layer.desc.type == LayerType::Mine)
        view_.setLayerModifiers(*index, std::move(o.modifiers), o.error);
    else
        view_.setLayerSource(*index, std::move(o.source), o.error);
}

void LayerLoader::logWarnings() {
    for (const std::string& line : warnings_->take()) log_(line);
}

bool LayerLoader::poll() {
    logWarnings();
    for (Pending& p : pending_)
        if (p.result.valid() && p.result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) attach(p);
    for (const Pending& p : pending_)
        if (p.result.valid()) return false;
    return true;
}

void LayerLoader::wait() {
    for (Pending& p : pending_)
        if (p.result.valid()) attach(p);
    logWarnings();
}

}  // namespace plateau::app
