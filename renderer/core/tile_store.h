#pragma once
// Resident terrain tiles: decoded heights and CPU meshes, keyed by tile id. Loads synchronously
// from a TileSource; a tile with no data or a corrupt file is built from its nearest resident
// ancestor, so the view never has a hole. Implements TileAvailability for the selection.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/tile_mesh.h"
#include "core/tile_selection.h"
#include "core/tile_source.h"

namespace plateau {

struct ResidentTile {
    HeightGrid grid;
    TileMesh mesh;
    bool fromAncestor = false;  // no data of its own (outside the source or failed to load)
    std::uint64_t lastUsedFrame = 0;
};

class TileStore : public TileAvailability {
public:
    using Logger = std::function<void(const std::string&)>;
    TileStore(std::shared_ptr<TileSource> source, Logger log);

    bool hasData(const TileId& id) const override;
    bool isResident(const TileId& id) const override;
    std::optional<std::pair<float, float>> heightRange(const TileId& id) const override;

    // Makes the tile resident. Its parent must be resident unless id is z0. Returns false only
    // when nothing could be produced (a z0 tile that fails to load).
    bool load(const TileId& id);
    const ResidentTile* find(const TileId& id) const;
    void touch(const TileId& id, std::uint64_t frame);
    // Drops a tile (the caller frees its GPU copy).
    void evict(const TileId& id);
    std::size_t size() const { return tiles_.size(); }
    template <class F>
    void forEach(F&& f) const {
        for (const auto& [id, tile] : tiles_) f(id, tile);
    }
    const TileSource& source() const { return *source_; }

private:
    std::shared_ptr<TileSource> source_;
    Logger log_;
    std::unordered_map<TileId, ResidentTile, TileIdHash> tiles_;
    std::unordered_set<TileId, TileIdHash> failed_;  // logged once each
};

}  // namespace plateau
