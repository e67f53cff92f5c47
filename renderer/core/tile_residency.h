#pragma once
// Which tiles are resident, frame by frame, without knowing about the GPU: takes tiles the
// workers finished (within an upload budget), hands them to the renderer through
// TileUploader, selects what to draw, asks the workers for what is missing (cancelling what is
// no longer wanted) and evicts least-recently-used tiles beyond the memory budget. Never evicts
// a tile in view or an ancestor of one.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/async_loader.h"
#include "core/tile_store.h"

namespace plateau {

// The renderer's side: GPU copies of tile meshes (see the gpu layer's TilePool).
class TileUploader {
public:
    virtual ~TileUploader() = default;
    virtual bool upload(const TileMesh& mesh) = 0;  // false when GPU slots are full
    // A new mesh for a tile already uploaded; false (the old one stays) when no slot is free.
    virtual bool replace(const TileMesh& mesh) = 0;
    virtual void release(const TileId& id) = 0;
    virtual std::size_t capacity() const = 0;        // tiles the GPU budget allows
};

struct MemoryBudget {
    std::size_t cpuBytes = std::size_t(512) << 20;  // decoded heights and meshes
};

struct FrameResidency {
    SelectionStats selection;
    int drawn = 0;
    int uploaded = 0;   // tiles uploaded during this call
    int missing = 0;    // tiles the view still wants
    int edgesRebuilt = 0;  // settle(): meshes rebuilt for stable edges
    bool settled = false;
};

class TileResidency {
public:
    TileResidency(std::shared_ptr<TileSource> source, TileUploader& uploader, TileStore::Logger log,
                  MemoryBudget budget = {}, int loaderThreads = 0);

    // One frame: never waits. uploadLimit bounds the uploads (and so the frame's upload cost).
    FrameResidency update(const Camera& cam, const SelectionParams& params, std::size_t uploadLimit);
    // Repeats update() until the view is settled (every tile it needs resident at the target
    // error) or the timeout passes; waits for the workers in between. With stable edges (the
    // default), a settled view's tiles then get their edges rebuilt from the drawn tiles and
    // their ancestors only: which grids the workers found beside a tile depends on the order
    // they finished in, and a still or a recorded frame must come out the same every time.
    // `onFirstDrawable`, if given, runs once on this thread as soon as something can be drawn
    // while tiles still load (e.g. to show progress, or to let a rasteriser warm up meanwhile).
    FrameResidency settle(const Camera& cam, const SelectionParams& params, double timeoutSeconds,
                          const std::function<void()>& onFirstDrawable = {});

    // Terrain modifiers (pits, dumps, ponds; may be null) and the year they show, before
    // update(). A resident tile whose modifier state differs from the one it was made with
    // (TerrainModifiers::stateKey) becomes stale: only tiles a modifier reaches, and only when
    // its state changes. A stale tile in use is produced again and stays drawn until its
    // replacement is ready (no hole); one not in use is dropped. A view is not settled while a
    // drawn tile is stale.
    void setModifiers(std::shared_ptr<const TerrainModifiers> set, double year);
    const ModifierContext& modifiers() const { return mods_; }
    std::size_t staleCount() const { return stale_.size(); }
    std::uint64_t refreshedTotal() const { return refreshedTotal_; }

    // Off for interactive use, where nobody compares two runs pixel by pixel.
    void setStableEdges(bool on) { stableEdges_ = on; }

    const std::vector<TileId>& drawList() const { return draw_; }
    const TileStore& store() const { return store_; }
    LoaderStats loaderStats() const { return loader_.stats(); }
    int loaderThreads() const { return loader_.threadCount(); }
    // The workers, shared with the view's overlay layers.
    const std::shared_ptr<WorkerPool>& workerPool() const { return loader_.pool(); }
    std::uint64_t uploadedTotal() const { return uploadedTotal_; }
    std::uint64_t evictedTotal() const { return evictedTotal_; }
    const MemoryBudget& budget() const { return budget_; }

private:
    // See settle(): returns the number of meshes rebuilt.
    int makeEdgesDeterministic();
    bool insertAndUpload(ProducedTile&& tile);
    // A tile produced again for a resident one: replaces it when it shows the current state.
    bool refresh(ProducedTile&& tile);
    std::uint64_t expectedKey(const TileId& id) const;
    void evictTo(std::size_t targetBytes, std::size_t targetTiles);
    void touchUsed();

    TileStore store_;
    AsyncTileLoader loader_;
    TileUploader& uploader_;
    MemoryBudget budget_;
    std::vector<TileId> draw_;
    bool stableEdges_ = true;
    std::vector<TileId> used_;  // see Selection::used
    std::uint64_t frame_ = 0;
    std::uint64_t uploadedTotal_ = 0;
    std::uint64_t evictedTotal_ = 0;
    std::uint64_t refreshedTotal_ = 0;
    ModifierContext mods_;
    std::unordered_set<TileId, TileIdHash> stale_;
};

}  // namespace plateau
