#pragma once
// A vector layer as an OverlaySource: features read once (io/ogr_reader.h), indexed and
// simplified per zoom (core/vector_index.h), selected by time (core/time_versions.h) and
// rasterised per terrain tile (core/vector_raster.h). Also answers picking and label queries
// for the same features the tiles show.
//
// Thread-safe: all members are const after construction apart from the index's per-zoom
// caches, which fill themselves once under std::call_once; render, pick and labels may run on
// any number of threads at once.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/overlay_source.h"
#include "core/time_versions.h"
#include "core/vector_data.h"
#include "core/vector_index.h"
#include "core/vector_style.h"

namespace plateau {

struct LabelAnchor {
    double lon = 0, lat = 0;
    std::string text;
    std::size_t feature = 0;  // index into data().features
};

class VectorOverlaySource : public OverlaySource {
public:
    static constexpr int kMaxZoom = 22;

    VectorOverlaySource(VectorData data, VectorStyle style, LayerTimeDesc time, std::string attribution = {});

    std::string describe() const override { return "vector " + data_.source; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return kMaxZoom; }
    // Within the data's bounds widened by the widest stroke or point, at zooms 0..kMaxZoom.
    bool hasTile(const TileId& id) const override;
    std::string attribution() const override { return attribution_; }
    // The interval of the layer's time boundaries containing `year` (the pinned date, when the
    // layer has one); 0 for layers without time.
    std::int64_t stateAt(double year) const override;
    std::vector<double> timeStamps() const override { return versions_.boundaries(); }
    Result<OverlayImage> render(const TileId& id, std::int64_t state, const std::atomic<bool>& cancel) override;

    // Cross-fade at `year` with the layer's fadeYears (states as stateAt gives them).
    TimeBlend blendAt(double year) const;

    // The feature under (lon, lat) in `state`: a point or line within `toleranceMetres`, a
    // polygon containing the position (or with its outline within the tolerance). Of several,
    // the topmost (last drawn, i.e. last in the file) wins.
    std::optional<std::size_t> pick(double lon, double lat, double toleranceMetres, std::int64_t state) const;
    // Label positions for the features shown in `state` whose style.labelField is not empty:
    // each point, a polygon's interior point (on the widest span across its largest ring's
    // middle), a line's halfway point along its longest part.
    std::vector<LabelAnchor> labels(std::int64_t state) const;

    const VectorData& data() const { return data_; }
    const VectorIndex& index() const { return index_; }
    const TimeVersions& versions() const { return versions_; }

private:
    VectorData data_;
    VectorStyle style_;
    LayerTimeDesc time_;
    std::string attribution_;
    std::vector<FeatureStyle> styles_;
    VectorIndex index_;
    TimeVersions versions_;
    double marginPx_ = 1;  // the farthest any feature's stroke or disc reaches beyond it
};

// Reads the layer's source (LayerType::Vector, source.type "ogr") and builds its overlay.
// Errors are the reader's (one line naming the file) or name the layer id.
Result<std::shared_ptr<VectorOverlaySource>> openVectorOverlay(const LayerDesc& layer);

}  // namespace plateau
