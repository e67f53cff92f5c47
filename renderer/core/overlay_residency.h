#pragma once
// Which tiles of one draped layer are on the GPU, frame by frame, for the terrain tiles being
// drawn: each terrain tile shows the layer's tile at its own level (or the layer's deepest level
// above it), and until that arrives the nearest resident ancestor's tile through a UV window,
// the same way terrain heights stand in for each other. Tiles are produced on the view's shared
// worker pool and uploaded within a per-frame budget; least-recently-used tiles beyond the
// layer's share of GPU slots are evicted, never one in use this frame.
//
// Time: a source maps the current time to a state (see OverlaySource::stateAt); tiles are kept
// per state, so moving the timeline back and forth reuses them, and with a fade time the
// previous state's tiles fade out while the new ones fade in.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/job_queue.h"
#include "core/overlay_ref.h"
#include "core/overlay_source.h"

namespace plateau {

// The renderer's side: GPU slots for overlay images (see the gpu layer's OverlayPool).
class OverlayUploader {
public:
    virtual ~OverlayUploader() = default;
    virtual std::optional<std::uint32_t> upload(const OverlayImage& image) = 0;  // none: all slots taken
    virtual void release(std::uint32_t slot) = 0;
    virtual std::size_t capacity() const = 0;
};

struct OverlayKey {
    TileId id;
    std::int64_t state = 0;
    bool operator==(const OverlayKey& o) const { return id == o.id && state == o.state; }
};
struct OverlayKeyHash {
    std::size_t operator()(const OverlayKey& k) const noexcept {
        return TileIdHash{}(k.id) ^ (std::hash<std::int64_t>{}(k.state) * 0x9e3779b97f4a7c15ull);
    }
};

struct OverlayRequest {
    OverlayKey k;
    const OverlayKey& key() const { return k; }
};
struct ProducedOverlay {
    OverlayKey k;
    OverlayImage image;
    std::string failure;  // one line; empty when the image is good
    const OverlayKey& key() const { return k; }
};

struct OverlayFrameStats {
    int wanted = 0;    // layer tiles the drawn terrain tiles want
    int missing = 0;   // of which not resident yet (an ancestor or nothing stands in)
    int uploaded = 0;  // this frame
    int resident = 0;  // tiles held (GPU slots plus transparent tiles, which need none)
};

class OverlayResidency {
public:
    using Logger = std::function<void(const std::string&)>;
    // maxSlots: this layer's share of the GPU overlay slots (a soft limit, see insert()).
    OverlayResidency(std::shared_ptr<OverlaySource> source, WorkerPool& pool, OverlayUploader& uploader, Logger log,
                     std::size_t maxSlots);
    ~OverlayResidency();
    OverlayResidency(const OverlayResidency&) = delete;
    OverlayResidency& operator=(const OverlayResidency&) = delete;

    // One frame: adds this layer's reference (if any) to each drawn tile's overlays, in order.
    // `fadeYears` > 0 crossfades from the previous state after a change of state.
    OverlayFrameStats update(const std::vector<TileId>& drawList, double time, double fadeYears, float opacity,
                             std::size_t uploadLimit, std::vector<TileOverlays>& overlays);
    // Produces one queued tile on the calling thread (while settling); false if none.
    bool helpOne() { return queue_.helpOne(); }
    void waitForProgress(double seconds) const { queue_.waitForProgress(seconds); }
    bool busy() const { return queue_.busy(); }
    const OverlaySource& source() const { return *source_; }
    LoaderStats loaderStats() const { return queue_.stats(); }

private:
    struct Entry {
        std::optional<std::uint32_t> slot;  // none: a transparent tile (nothing to draw)
        std::uint64_t lastUsed = 0;
    };
    // The layer tile a terrain tile wants; none when the layer has nothing there.
    std::optional<TileId> wantedTile(const TileId& terrain) const;
    // The tile itself or its nearest resident ancestor for `state`; none when nothing is resident.
    Entry* residentFor(TileId& tile, std::int64_t state);
    void insert(ProducedOverlay&& p);
    // Evicts least-recently-used tiles not used this frame, down to 7/8 of the layer's share;
    // returns the slots freed.
    std::size_t evict();
    void addRef(const TileId& terrain, std::int64_t state, float opacity, std::vector<OverlayRequest>& wanted,
                std::unordered_set<OverlayKey, OverlayKeyHash>& asked, TileOverlays& out, OverlayFrameStats& st);
    // When the state last changed before `time` (within fadeYears), by bisection: the last time
    // found with the previous state and the first with the current one.
    std::pair<double, double> changeTime(double time, double fadeYears) const;

    std::shared_ptr<OverlaySource> source_;
    OverlayUploader& uploader_;
    Logger log_;
    std::size_t maxSlots_;
    std::unordered_map<OverlayKey, Entry, OverlayKeyHash> tiles_;
    std::unordered_set<OverlayKey, OverlayKeyHash> failed_;  // drawn from ancestors; logged once
    std::unordered_set<OverlayKey, OverlayKeyHash> noSlot_;  // no GPU slot was free: from ancestors
    bool warnedFull_ = false;
    std::size_t slotsUsed_ = 0;
    std::uint64_t frame_ = 0;
    std::atomic<bool> neverCancel_{false};
    JobQueue<OverlayKey, OverlayRequest, ProducedOverlay, OverlayKeyHash> queue_;
};

}  // namespace plateau
