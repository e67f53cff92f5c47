#pragma once
// Choosing which terrain tiles to draw is a pure function of the camera, the viewport and what is
// available: no GPU, no I/O. The caller loads what `load` asks for and calls again.
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "core/camera.h"
#include "core/tile_id.h"

namespace plateau {

// What the selection needs to know about tiles; implemented by the tile store (and fakes in tests).
class TileAvailability {
public:
    virtual ~TileAvailability() = default;
    // The source has real data for this tile (children beyond the data are upsampled instead).
    virtual bool hasData(const TileId& id) const = 0;
    // Tiles below this one may have data although this one and its children have none.
    virtual bool hasDataBelow(const TileId&) const { return false; }
    // The tile's mesh is ready to draw.
    virtual bool isResident(const TileId& id) const = 0;
    // Height range of a resident tile, if known.
    virtual std::optional<std::pair<float, float>> heightRange(const TileId& id) const = 0;
    // How far a resident tile's mesh strays from its heights (m, TileMesh::geometricError), if
    // known. A tile counts with the larger of this and levelGeometricError(z).
    virtual std::optional<double> meshError(const TileId&) const { return std::nullopt; }
};

struct SelectionParams {
    double maxScreenSpaceError = 2.0;  // pixels
    int maxZoom = 22;                  // never refine past this level
    // Levels a tile may be refined past the deepest data under it, by resampling its ancestor
    // (where its error, measured or assumed, still asks for it).
    int overzoomLevels = 0;
    double exaggeration = 1.0;
    // Haze is drawn (core/haze.h): an error seen through haze shows with the contrast left to
    // it, so a tile's screen-space error is scaled by 1 - hazeAmount. Like the fog term of
    // Cesium's terrain, this spares the detail nobody can see in the distance.
    bool haze = false;
    // Out-of-view children of refined tiles up to this level are prefetched (see Selection).
    int prefetchMaxZoom = 8;
    // Height range assumed for tiles whose own range is unknown (covers all terrain on Earth).
    float defaultMinHeight = -500.0f;
    float defaultMaxHeight = 9000.0f;
    // Draped layers are drawn at the resolution of the terrain tile under them, so where a layer
    // has data and the terrain has none (outside the elevation source), tiles are refined for
    // the layer's sake, as flat stand-ins. True when some layer has data below the tile.
    std::function<bool(const TileId&)> drapedDataBelow;
};

struct SelectionStats {
    int visited = 0;
    int culledByFrustum = 0;
    int culledByHorizon = 0;
};

struct Selection {
    std::vector<TileId> draw;  // resident tiles; no tile is drawn together with an ancestor
    std::vector<TileId> load;  // tiles wanted but not resident, most important first
    // Every resident tile the walk looked at (drawn ones, their ancestors, their siblings, culled
    // ones: a resident tile's own height range decides its culling): the same view selects the
    // same tiles only while all of these stay, so eviction must keep them.
    std::vector<TileId> used;
    // Not needed for this view but wanted soon: children of coarse refined tiles that are out of
    // view. Drawing never waits for them (settled() ignores them), but once loaded a turn of the
    // camera that brings one into view does not send a whole coarse quadrant back to its parent.
    std::vector<TileId> prefetch;
    SelectionStats stats;
    bool settled() const { return load.empty(); }
};

// Screen-space error in pixels of geometric error `error` seen at `distance`.
double screenSpaceError(const Camera& cam, double error, double distance);

Selection selectTiles(const Camera& cam, const SelectionParams& params, const TileAvailability& avail);

}  // namespace plateau
