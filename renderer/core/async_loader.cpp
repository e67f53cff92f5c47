#include "core/async_loader.h"

#include <exception>
#include <new>

namespace plateau {

AsyncTileLoader::AsyncTileLoader(std::shared_ptr<TileSource> source, int threads, std::size_t maxPending,
                                 GridRegistry* around)
    : AsyncTileLoader(std::move(source), std::make_shared<WorkerPool>(threads), maxPending, around) {}

AsyncTileLoader::AsyncTileLoader(std::shared_ptr<TileSource> source, std::shared_ptr<WorkerPool> pool,
                                 std::size_t maxPending, GridRegistry* around)
    : source_(std::move(source)), around_(around), pool_(std::move(pool)) {
    queue_ = std::make_unique<JobQueue<TileId, TileRequest, ProducedTile, TileIdHash>>(
        *pool_, [this](TileRequest& r) { return produce(r); }, [](const ProducedTile& t) { return residentBytes(t); },
        maxPending, [this](ProducedTile& t) {
            if (around_ && t.hasOwnData()) around_->withdraw(t.id);
        });
}

// A source's exceptions are already the tile's failure (produceTile). Anything else thrown while
// producing (out of memory while meshing, say) must not reach the worker thread, where it would
// end the process: the tile fails the same way, drawn from its ancestor.
ProducedTile AsyncTileLoader::produce(TileRequest& req) {
    const GridDirectory* grids = around_ ? &around_->grids() : nullptr;
    std::string what = "unexpected error";  // fits the small-string buffer: no allocation
    ModifierContext mods;
    {
        std::lock_guard lock(modsMutex_);
        mods = mods_;
    }
    try {
        ProducedTile tile = produceTile(*source_, req.id, req.ancestorGrid, req.ancestorGridTile, grids, &mods);
        if (around_ && tile.hasOwnData()) around_->publish(tile.id, tile.grid);
        return tile;
    } catch (const std::bad_alloc&) {
        what = "out of memory";
    } catch (const std::exception& e) {
        try {
            what = e.what();
        } catch (...) {  // no memory for the message: keep "unexpected error"
        }
    } catch (...) {
    }
    // Outside the handlers, so that a second exception here is caught below, not thrown on.
    try {
        return produceFailedTile(req.id, req.ancestorGrid, req.ancestorGridTile, grids,
                                 source_->describe() + ": tile " + req.id.str() + ": " + what, &mods);
    } catch (...) {
        // Still failing (memory exhausted): a tile without a grid, which the store reports and
        // does not keep, so it is asked for again later.
        ProducedTile bare;
        bare.id = req.id;
        bare.gridTile = req.id;
        bare.failure = what;
        return bare;
    }
}

}  // namespace plateau
