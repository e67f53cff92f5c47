#pragma once
// A terrain source with synthetic detail below the resolution of the source it wraps, so close
// views of a 1 km DEM are not blurry (core/relief_detail.h says what is added).
//
// - Levels up to the wrapped source's maxZoom() are passed through unchanged: at the DEM's own
//   resolution nothing is invented.
// - Deeper levels (up to `extraLevels` more) are built from the wrapped source's tiles at its
//   deepest level ("base" tiles, cached), read as one seamless raster: heights are bilinear
//   between base pixels (across base tile edges too), plus the detail at each sample's longitude
//   and latitude, scaled by the slope of that surface measured over 2 base pixels each way (a
//   continuous field, so the detail has no blocks or seams). A point therefore gets the same
//   height from every tile and level that contains it.
// Thread safety: load() may be called from any number of threads (the cache has a mutex; base
// tiles are loaded outside it).
#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "core/height_grid.h"
#include "core/relief_detail.h"
#include "core/tile_source.h"

namespace plateau {

class DetailSource : public TileSource {
public:
    DetailSource(std::shared_ptr<TileSource> inner, ReliefDetailParams params, int extraLevels = 4);

    std::string describe() const override;
    bool hasDataBelow(const TileId& id) const override { return inner_->hasDataBelow(id); }
    int minZoom() const override { return inner_->minZoom(); }
    int maxZoom() const override { return inner_->maxZoom() + extraLevels_; }
    bool hasTile(const TileId& id) const override;
    Result<HeightGrid> load(const TileId& id) override;

    const TileSource& inner() const { return *inner_; }

private:
    Result<std::shared_ptr<const HeightGrid>> base(const TileId& id);

    std::shared_ptr<TileSource> inner_;
    ReliefDetailParams params_;
    int extraLevels_;
    std::mutex mutex_;
    std::list<std::pair<TileId, std::shared_ptr<const HeightGrid>>> cache_;  // most recently used first
};

}  // namespace plateau
