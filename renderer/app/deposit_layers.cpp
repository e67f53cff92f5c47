#include "app/deposit_layers.h"

#include "core/surface_height.h"
#include "io/deposit_reader.h"
#include "ui/deposit_overlay.h"

namespace plateau::app {

DepositLayers::DepositLayers(const std::vector<LayerDesc>& layers, const std::function<void(const std::string&)>& log) {
    for (const LayerDesc& d : layers) add(d, log);
}

bool DepositLayers::add(const LayerDesc& d, const std::function<void(const std::string&)>& log) {
    {
        if (d.type != LayerType::Deposits) return true;
        DepositLayerState s;
        s.desc = d;
        auto c = readDeposits(d.source.path, d.deposits.fields, d.source.layerName);
        if (!c) {
            s.error = "layer '" + d.id + "': " + c.error().message;
            if (log) log(s.error);
        } else {
            s.deposits = std::move(c->deposits);
            if (log) {
                for (std::size_t i = 0; i < c->warnings.size() && i < 5; ++i) log("layer '" + d.id + "': " + c->warnings[i]);
                if (c->skippedRows > 5)
                    log("layer '" + d.id + "': " + std::to_string(c->skippedRows - 5) + " more rows skipped");
                log("layer '" + d.id + "': " + std::to_string(s.deposits.size()) + " deposits");
            }
        }
        const bool ok = s.error.empty();
        layers_.push_back(std::move(s));
        frames_.resize(layers_.size());
        return ok;
    }
}

bool DepositLayers::any() const {
    for (const DepositLayerState& l : layers_)
        if (l.desc.visible && !l.deposits.empty()) return true;
    return false;
}

void DepositLayers::place(const GlobeView& view, const Camera& cam, double time, double exaggeration,
                          const std::vector<float>& depth, const MeasureTextFn& measure) {
    const TileStore& store = view.store();
    const SurfaceHeightFn height = [&store, exaggeration](double lon, double lat) {
        return displayedSurfaceHeight(store, lon, lat, exaggeration);
    };
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const DepositLayerState& l = layers_[i];
        frames_[i] = l.desc.visible ? placeDepositMarkers(l.deposits, l.desc.deposits, time, cam, height, depth, measure)
                                    : DepositFrame{};
    }
}

void DepositLayers::dropCoveredLabels(std::vector<ui::ScreenLabel>& labels, const MeasureTextFn& measure) const {
    if (labels.empty()) return;
    // The box ui::drawMapLabels draws: a dot at the anchor, the text 6 px to its right.
    std::vector<ScreenBox> boxes;
    for (const ui::ScreenLabel& l : labels) {
        const auto [w, h] = measure(l.text);
        boxes.push_back({l.x - 3.0, l.y - h * 0.5, l.x + 6.0 + w, l.y + h * 0.5});
    }
    std::vector<bool> covered(labels.size(), false);
    for (const DepositFrame& f : frames_) {
        const std::vector<bool> c = overlapsDepositFrame(f, boxes);
        for (std::size_t i = 0; i < c.size(); ++i) covered[i] = covered[i] || c[i];
    }
    std::vector<ui::ScreenLabel> kept;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (!covered[i]) kept.push_back(std::move(labels[i]));
    labels = std::move(kept);
}

void DepositLayers::draw() const {
    std::vector<DepositLegend> legends;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const DepositLayerState& l = layers_[i];
        if (!l.desc.visible || l.deposits.empty()) continue;
        ui::drawDepositMarkers(frames_[i]);
        DepositLegend legend = depositLegend(l.desc.title, l.desc.deposits.style);
        if (!l.desc.legend.empty()) legend.note = l.desc.legend + "; " + legend.note;
        legends.push_back(std::move(legend));
    }
    if (!legends.empty()) ui::drawDepositLegends(legends);
}

std::optional<PickedDeposit> DepositLayers::pick(float x, float y) const {
    for (std::size_t i = layers_.size(); i-- > 0;) {
        const auto& markers = frames_[i].markers;
        if (const auto m = pickDepositMarker(markers, x, y))
            return PickedDeposit{&layers_[i], &layers_[i].deposits[markers[*m].deposit]};
    }
    return std::nullopt;
}

}  // namespace plateau::app
