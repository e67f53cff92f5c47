#include "core/async_loader.h"

#include <exception>
#include <new>

namespace plateau {

namespace {

// A source's exception is that tile's error, never the end of the process: the tile is then
// drawn from its ancestor like any tile that failed to load.
class GuardedSource final : public TileSource {
public:
    explicit GuardedSource(std::shared_ptr<TileSource> inner) : inner_(std::move(inner)) {}
    bool hasDataBelow(const TileId& id) const override { return inner_->hasDataBelow(id); }
    std::string describe() const override { return inner_->describe(); }
    int minZoom() const override { return inner_->minZoom(); }
    int maxZoom() const override { return inner_->maxZoom(); }
    bool hasTile(const TileId& id) const override { return inner_->hasTile(id); }
    Result<HeightGrid> load(const TileId& id) override {
        try {
            return inner_->load(id);
        } catch (const std::bad_alloc&) {
            return makeError(inner_->describe() + ": tile " + id.str() + ": out of memory while loading");
        } catch (const std::exception& e) {
            return makeError(inner_->describe() + ": tile " + id.str() + ": " + e.what());
        } catch (...) {
            return makeError(inner_->describe() + ": tile " + id.str() + ": unknown failure while loading");
        }
    }

private:
    std::shared_ptr<TileSource> inner_;
};

}  // namespace

AsyncTileLoader::AsyncTileLoader(std::shared_ptr<TileSource> source, int threads, std::size_t maxPending,
                                 std::shared_ptr<GridDirectory> around)
    : AsyncTileLoader(std::move(source), std::make_shared<WorkerPool>(threads), maxPending, std::move(around)) {}

AsyncTileLoader::AsyncTileLoader(std::shared_ptr<TileSource> source, std::shared_ptr<WorkerPool> pool,
                                 std::size_t maxPending, std::shared_ptr<GridDirectory> around)
    : source_(std::make_shared<GuardedSource>(std::move(source))), around_(std::move(around)), pool_(std::move(pool)) {
    queue_ = std::make_unique<JobQueue<TileId, TileRequest, ProducedTile, TileIdHash>>(
        *pool_, [this](TileRequest& r) { return produce(r); }, maxPending, [this](ProducedTile& t) {
            if (around_ && t.hasOwnData()) around_->remove(t.id);
        });
}

ProducedTile AsyncTileLoader::produce(TileRequest& req) {
    ProducedTile tile;
    try {
        tile = produceTile(*source_, req.id, req.ancestorGrid, req.ancestorGridTile, around_.get());
    } catch (const std::exception& e) {
        // Meshing itself failed (memory): report it; the tile is asked for again later.
        tile = ProducedTile{};
        tile.id = req.id;
        tile.failure = source_->describe() + ": tile " + req.id.str() + ": " + e.what();
    }
    if (around_ && tile.hasOwnData()) around_->add(tile.id, tile.grid);
    return tile;
}

}  // namespace plateau
