#pragma once
// A terrain source with synthetic detail below the resolution of the source it wraps, so close
// views of a 1 km DEM are not blurry (core/relief_detail.h says what is added).
//
// - Levels up to the wrapped source's maxZoom() are passed through unchanged: at the DEM's own
//   resolution nothing is invented.
// - Deeper levels (up to `extraLevels` more) are built from the wrapped source's tiles at its
//   deepest level ("base" tiles, cached), read as one seamless raster: heights are bicubic
//   (Catmull-Rom) between base pixels (across base tile edges too), plus the detail at each sample's longitude
//   and latitude, scaled by the slope of that surface measured over 2 base pixels each way (a
//   continuous field, so the detail has no blocks or seams), band-limited to the level's sample
//   spacing (core/relief_detail.h).
// - So every tile of a level gives a point the same height (heightAt), and so does every level
//   fine enough for all octaves (from about z13); coarser levels get a low-passed version.
// - By default the deepest level is the source's + 4 (z12 for SRTM30: 34 m samples, the finest
//   octave at 87 %); the renderer draws deeper tiles through windows on those, which costs
//   nothing, whereas computing z13 tiles doubled the first frame's time for no visible gain.
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
    // The height that every tile of level z (deeper than the wrapped source) gives the point.
    Result<double> heightAt(double lonDeg, double latDeg, int z);

private:
    Result<std::shared_ptr<const HeightGrid>> base(const TileId& id);
    struct Mosaic;
    // The base tile `own` and those of its neighbours within reach of base pixels
    // [px0, px0 + span] x [py0, py0 + span] (relative to `own`).
    Result<std::shared_ptr<Mosaic>> gather(const TileId& own, double px0, double py0, double span);

    std::shared_ptr<TileSource> inner_;
    ReliefDetailParams params_;
    int extraLevels_;
    std::mutex mutex_;
    std::list<std::pair<TileId, std::shared_ptr<const HeightGrid>>> cache_;  // most recently used first
};

}  // namespace plateau
