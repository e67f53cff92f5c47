#pragma once
// Where elevation tiles come from. Implementations (folder, later MBTiles, HTTP, GDAL) live in the
// io layer; the tile store only sees this interface.
#include <string>

#include "core/height_grid.h"
#include "core/result.h"
#include "core/tile_id.h"

namespace plateau {

class TileSource {
public:
    virtual ~TileSource() = default;
    // True when tiles below this one may have data although this one has none: sources whose
    // data starts at a deeper level (a quantized-mesh folder of one region) must be refined into.
    virtual bool hasDataBelow(const TileId& id) const { return id.z < minZoom(); }
    // For messages: e.g. "folder /path/to/tiles".
    virtual std::string describe() const = 0;
    // Attribution to show in the view (e.g. from a server's TileJSON document); may be empty.
    virtual std::string attribution() const { return {}; }
    virtual int minZoom() const = 0;
    virtual int maxZoom() const = 0;
    // The source claims data for this tile (from its extent and zoom range); load may still fail.
    virtual bool hasTile(const TileId& id) const = 0;
    // Error messages name the tile's file or URL and the problem, in one line.
    virtual Result<HeightGrid> load(const TileId& id) = 0;
};

}  // namespace plateau
