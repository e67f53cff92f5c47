#pragma once
// Where built tiles go: a {z}/{x}/{y}.png folder or an MBTiles file. The tile builder and the
// synthetic generator write through this interface; a sink is safe to call from several threads.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

class TileSink {
public:
    virtual ~TileSink() = default;
    virtual std::string describe() const = 0;
    // Stores one encoded tile (PNG bytes), replacing any earlier copy.
    virtual Status put(const TileId& id, const std::vector<std::uint8_t>& png) = 0;
    // True when the tile is already stored (lets an interrupted build resume).
    virtual bool has(const TileId& id) const = 0;
    // Flushes everything; metadata JSON (format, zoom range, bounds) is stored with the tiles.
    virtual Status finish(const std::string& metadataJson) = 0;
};

}  // namespace plateau
