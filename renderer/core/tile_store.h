#pragma once
// Resident terrain tiles: decoded heights and CPU meshes, keyed by tile id, with their byte
// count and last use for least-recently-used eviction under a memory budget. Tiles arrive
// through insert() (from the asynchronous loader) or load() (synchronously); a tile with no data
// or a corrupt file is built from its nearest resident ancestor, so the view never has a hole.
// Implements TileAvailability for the selection. Owned by one thread.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/tile_producer.h"
#include "core/tile_selection.h"
#include "core/tile_source.h"

namespace plateau {

struct ResidentTile {
    std::shared_ptr<const HeightGrid> grid;  // covers gridTile (this tile or an ancestor)
    TileId gridTile;
    TileMesh mesh;
    EdgeSources edges;          // the neighbouring grids the mesh read
    bool fromAncestor = false;  // no data of its own (outside the source or failed to load)
    std::shared_ptr<const HeightGrid> baseGrid;  // heights before terrain modifiers (see ProducedTile)
    std::uint64_t modifierKey = 0;
    std::uint64_t lastUsedFrame = 0;
    std::size_t bytes = 0;
};

class TileStore : public TileAvailability, public GridRegistry {
public:
    using Logger = std::function<void(const std::string&)>;
    TileStore(std::shared_ptr<TileSource> source, Logger log);

    bool hasData(const TileId& id) const override;
    bool hasDataBelow(const TileId& id) const override { return source_ && source_->hasDataBelow(id); }
    bool isResident(const TileId& id) const override;
    std::optional<std::pair<float, float>> heightRange(const TileId& id) const override;
    std::optional<double> meshError(const TileId& id) const override;

    // Swaps a resident tile's mesh for one built from other neighbouring grids.
    void replaceMesh(const TileId& id, TileMesh mesh, const EdgeSources& edges);
    // Makes the tile resident synchronously. Returns false only when nothing could be produced
    // (a z0 tile that fails to load).
    bool load(const TileId& id);
    // Adds a tile produced elsewhere (logs its failure once per tile). False if !t.ok().
    bool insert(ProducedTile&& t);
    // Puts a tile produced again (for another state of the terrain modifiers) in place of the
    // resident one, keeping its last use; the caller has replaced its GPU copy.
    void replace(ProducedTile&& t);
    // Ids of the resident tiles, in no particular order.
    std::vector<TileId> residentIds() const;
    // Heights of the nearest resident strict ancestor and the tile they cover (for a tile with no
    // data of its own); {nullptr, id} when none. Heights before terrain modifiers.
    std::pair<std::shared_ptr<const HeightGrid>, TileId> nearestAncestor(const TileId& id) const;
    // The grids of tiles with data of their own, for meshing on other threads (see
    // GridDirectory). The store owns the directory: loaders publish what they decode through
    // it, and it removes what it evicts or drops.
    const GridDirectory& grids() const override { return directory_; }
    void publish(const TileId& id, std::shared_ptr<const HeightGrid> grid) override;
    void withdraw(const TileId& id) override { directory_.remove(id); }

    const ResidentTile* find(const TileId& id) const;
    void touch(const TileId& id, std::uint64_t frame);
    // Drops a tile (the caller frees its GPU copy).
    void evict(const TileId& id);
    // Least recently used tiles, oldest first, not used in `frame` or later: eviction order.
    std::vector<TileId> evictionCandidates(std::uint64_t frame) const;
    std::size_t size() const { return tiles_.size(); }
    std::size_t bytes() const { return bytes_; }
    TileSource& source() const { return *source_; }
    const std::shared_ptr<TileSource>& sourcePtr() const { return source_; }

private:
    std::shared_ptr<TileSource> source_;
    Logger log_;
    std::unordered_map<TileId, ResidentTile, TileIdHash> tiles_;
    std::unordered_set<TileId, TileIdHash> failed_;  // logged once each
    std::unordered_set<std::string> messages_;       // each failure message is logged once
    std::size_t bytes_ = 0;
    GridDirectory directory_;
};

}  // namespace plateau
