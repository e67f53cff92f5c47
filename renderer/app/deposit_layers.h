#pragma once
// The scene's deposits layers for a view: catalogues read once at start, markers placed per
// frame over the globe (core/deposit_markers.h), drawn with labels and a legend in the ImGui pass
// (ui/deposit_overlay.h), and picked under a screen position. Deposits are not draped: they are
// screen-space symbols, so they live beside the GlobeView's draped layers, not in them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/globe_view.h"
#include "core/deposit_markers.h"
#include "ui/view_settings.h"

namespace plateau::app {

struct DepositLayerState {
    LayerDesc desc;
    std::vector<Deposit> deposits;
    std::string error;  // why the layer is not drawn (could not be read)
};

// What is under a screen position: the layer and the deposit, with all its attributes.
struct PickedDeposit {
    const DepositLayerState* layer = nullptr;
    const Deposit* deposit = nullptr;
};

class DepositLayers {
public:
    // Reads every "deposits" layer of `layers` (others are ignored). A catalogue of 690 rows
    // reads in about 30 ms, so this happens before the first frame. Per-row warnings (at most
    // five per layer, then a count) and layer errors go to `log`, one line each.
    DepositLayers(const std::vector<LayerDesc>& layers, const std::function<void(const std::string&)>& log);

    // Reads one more catalogue (a layer added at run time); false when it could not be read (the
    // layer is kept, marked failed, as at start).
    bool add(const LayerDesc& desc, const std::function<void(const std::string&)>& log);
    // True when a visible layer has deposits to draw.
    bool any() const;
    std::vector<DepositLayerState>& layers() { return layers_; }
    const std::vector<DepositLayerState>& layers() const { return layers_; }

    // Places the markers of every visible layer for one frame and keeps them for draw() and
    // pick(). `depth`: the last frame's depth drawn with `frameCamera` (empty: no occlusion).
    void place(const GlobeView& view, const Camera& frameCamera, double time, double exaggeration,
               const std::vector<float>& depth, const MeasureTextFn& measure);
    // Removes map labels (app/map_labels.h) that would overlap a placed marker or deposit label:
    // deposits keep their place, so no two labels ever overlap.
    void dropCoveredLabels(std::vector<ui::ScreenLabel>& labels, const MeasureTextFn& measure) const;
    // Draws the placed markers, their labels and the legend (between ImGui::NewFrame and Render).
    void draw() const;
    // The marker under (x, y) from the last place(), topmost layer first.
    std::optional<PickedDeposit> pick(float x, float y) const;
    // The markers placed for layer `i` by the last place().
    const DepositFrame& frame(std::size_t i) const { return frames_.at(i); }

private:
    std::vector<DepositLayerState> layers_;
    std::vector<DepositFrame> frames_;  // per layer, from the last place()
};

}  // namespace plateau::app
