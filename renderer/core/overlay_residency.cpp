#include "core/overlay_residency.h"

#include <algorithm>
#include <exception>

namespace plateau {

namespace {

TileId ancestorAt(TileId t, int z) {
    while (t.z > z) t = t.parent();
    return t;
}

// Window of `tile` inside its ancestor (or itself) `cover`: uv in cover = offset + uv * scale.
OverlayRef windowOf(const TileId& tile, const TileId& cover) {
    OverlayRef r;
    const int dz = tile.z - cover.z;
    const double scale = 1.0 / double(1 << dz);
    r.scale = float(scale);
    r.offsetU = float(double(tile.x - (cover.x << dz)) * scale);
    r.offsetV = float(double(tile.y - (cover.y << dz)) * scale);
    return r;
}

}  // namespace

OverlayResidency::OverlayResidency(std::shared_ptr<OverlaySource> source, WorkerPool& pool, OverlayUploader& uploader,
                                   Logger log, std::size_t maxSlots)
    : source_(std::move(source)),
      uploader_(uploader),
      log_(std::move(log)),
      maxSlots_(maxSlots),
      queue_(
          pool,
          [this](OverlayRequest& r) {
              ProducedOverlay p;
              p.k = r.k;
              try {
                  auto img = source_->render(r.k.id, r.k.state, neverCancel_);
                  if (img) p.image = std::move(*img);
                  else p.failure = img.error().message;
                  // A transparent tile needs no pixels (it takes no GPU slot): dropped here, it
                  // waits for the upload budget without holding 256 KiB, and most tiles of a
                  // vector layer are transparent.
                  if (p.image.transparent) std::vector<std::uint8_t>().swap(p.image.rgba);
              } catch (const std::exception& e) {
                  // A source's exception is that tile's error, never the end of the process.
                  p.failure = source_->describe() + ": tile " + r.k.id.str() + ": " + e.what();
              }
              return p;
          },
          [](const ProducedOverlay& p) { return sizeof(p) + p.failure.capacity() + p.image.rgba.capacity(); }, 256) {}

OverlayResidency::~OverlayResidency() {
    for (auto& [key, e] : tiles_)
        if (e.slot) uploader_.release(*e.slot);
}

std::optional<TileId> OverlayResidency::wantedTile(const TileId& terrain) const {
    TileId t = ancestorAt(terrain, std::min(terrain.z, source_->maxZoom()));
    if (t.z < source_->minZoom()) return std::nullopt;
    if (!source_->hasTile(t)) return std::nullopt;
    return t;
}

OverlayResidency::Entry* OverlayResidency::residentFor(TileId& tile, std::int64_t state) {
    for (TileId t = tile;; t = t.parent()) {
        const auto it = tiles_.find({t, state});
        if (it != tiles_.end()) {
            tile = t;
            return &it->second;
        }
        if (t.z == 0) return nullptr;
    }
}

void OverlayResidency::insert(ProducedOverlay&& p) {
    if (!p.failure.empty() || (p.image.rgba.empty() && !p.image.transparent)) {
        if (failed_.insert(p.k).second)
            log_(p.failure.empty() ? source_->describe() + ": tile " + p.k.id.str() + ": empty image" : p.failure);
        return;
    }
    if (tiles_.count(p.k)) return;
    Entry e;
    e.lastUsed = frame_;
    if (!p.image.transparent) {
        // The pool is shared by every layer; this layer's share is a soft limit: tiles in use
        // this frame are never evicted for it, so a busy layer can go past it while slots last.
        if (slotsUsed_ >= maxSlots_) evict();
        e.slot = uploader_.upload(p.image);
        if (!e.slot && evict() > 0) e.slot = uploader_.upload(p.image);
        if (!e.slot) {
            // Every slot holds a tile in use: this one is drawn from its ancestor until slots
            // free up, instead of being produced again every frame.
            if (noSlot_.insert(p.k).second && !warnedFull_) {
                warnedFull_ = true;
                log_(source_->describe() + ": the GPU overlay slots are full (memory.overlay_mib); some tiles are "
                     "drawn coarser");
            }
            return;
        }
        ++slotsUsed_;
    }
    tiles_.emplace(p.k, e);
}

std::size_t OverlayResidency::evict() {
    // Least recently used first; tiles used this frame stay.
    std::vector<std::pair<std::uint64_t, OverlayKey>> order;
    for (const auto& [k, e] : tiles_)
        if (e.lastUsed < frame_) order.emplace_back(e.lastUsed, k);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const std::size_t target = maxSlots_ * 7 / 8;
    std::size_t freed = 0;
    for (const auto& [used, k] : order) {
        if (slotsUsed_ <= target && tiles_.size() <= maxSlots_ * 4) break;
        auto it = tiles_.find(k);
        if (it->second.slot) {
            uploader_.release(*it->second.slot);
            --slotsUsed_;
            ++freed;
        }
        tiles_.erase(it);
    }
    if (freed > 0) noSlot_.clear();  // those may fit now
    return freed;
}

std::pair<double, double> OverlayResidency::changeTime(double time, double fadeYears) const {
    double lo = time - fadeYears, hi = time;  // stateAt(lo) differs from stateAt(hi)
    const std::int64_t now = source_->stateAt(time);
    for (int i = 0; i < 30; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (source_->stateAt(mid) == now) hi = mid;
        else lo = mid;
    }
    return {lo, hi};
}

void OverlayResidency::addRef(const TileId& terrain, std::int64_t state, float opacity,
                              std::vector<OverlayRequest>& wanted, std::unordered_set<OverlayKey, OverlayKeyHash>& asked,
                              TileOverlays& out, OverlayFrameStats& st) {
    const auto want = wantedTile(terrain);
    if (!want) return;
    ++st.wanted;
    TileId cover = *want;
    // A failed tile is drawn from its ancestor, like a terrain tile that failed to load.
    while (failed_.count({cover, state}) && cover.z > 0) cover = cover.parent();
    const OverlayKey k{cover, state};
    if (!tiles_.count(k) && !failed_.count(k) && !noSlot_.count(k)) {
        ++st.missing;
        if (asked.insert(k).second) wanted.push_back({k});
    }
    TileId have = cover;
    Entry* e = residentFor(have, state);
    if (!e) return;
    e->lastUsed = frame_;
    if (!e->slot) return;  // transparent here: nothing to draw
    OverlayRef r = windowOf(terrain, have);
    r.slot = *e->slot;
    r.opacity = opacity;
    out.push(r);
}

OverlayFrameStats OverlayResidency::update(const std::vector<TileId>& drawList, double time, double fadeYears,
                                           float opacity, std::size_t uploadLimit, std::vector<TileOverlays>& overlays) {
    ++frame_;
    OverlayFrameStats st;
    for (ProducedOverlay& p : queue_.takeFinished(uploadLimit)) {
        const bool had = tiles_.count(p.k) != 0;
        insert(std::move(p));
        if (!had && tiles_.count(p.k)) ++st.uploaded;
    }
    overlays.resize(drawList.size());
    const std::int64_t state = source_->stateAt(time);
    // Crossfade: the previous state's tiles fade out over fadeYears after the change.
    std::optional<std::int64_t> previous;
    float weight = 1.0f;
    if (fadeYears > 0.0 && source_->stateAt(time - fadeYears) != state) {
        const auto [before, changed] = changeTime(time, fadeYears);
        previous = source_->stateAt(before);
        weight = float(std::clamp((time - changed) / fadeYears, 0.0, 1.0));
    }
    std::vector<OverlayRequest> wanted;
    std::unordered_set<OverlayKey, OverlayKeyHash> asked;
    for (std::size_t i = 0; i < drawList.size(); ++i) {
        if (previous) {
            OverlayFrameStats ignored;
            addRef(drawList[i], *previous, opacity * (1.0f - weight), wanted, asked, overlays[i], ignored);
        }
        addRef(drawList[i], state, opacity * weight, wanted, asked, overlays[i], st);
    }
    queue_.setWanted(std::move(wanted));
    if (slotsUsed_ > maxSlots_ * 7 / 8) evict();
    st.resident = int(tiles_.size());
    return st;
}

}  // namespace plateau
