#include "app/path_ground.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>

#include "core/height_grid.h"
#include "core/tile_id.h"

namespace plateau::app {

namespace {

struct GroundTiles {
    std::shared_ptr<TileSource> source;
    double exaggeration = 1.0;
    int zoom = kPathGroundZoom;
    std::mutex mutex;
    std::map<TileId, std::optional<HeightGrid>> tiles;  // none: the source has no data for it

    // The grid of `id`, loading it on first use.
    const HeightGrid* grid(const TileId& id) {
        auto it = tiles.find(id);
        if (it == tiles.end()) {
            std::optional<HeightGrid> g;
            if (source->hasTile(id))
                if (Result<HeightGrid> r = source->load(id); r && !r->empty()) g = std::move(*r);
            it = tiles.emplace(id, std::move(g)).first;
        }
        return it->second ? &*it->second : nullptr;
    }

    std::optional<double> height(double lon, double lat) {
        if (!std::isfinite(lon) || !std::isfinite(lat)) return std::nullopt;
        const std::lock_guard lock(mutex);
        const int top = std::clamp(zoom, 0, std::max(0, source->maxZoom()));
        for (int z = top; z >= 0; --z) {
            const TileId id = lonLatToTile(lon, lat, z);
            if (const HeightGrid* g = grid(id)) {
                double u = 0, v = 0;
                lonLatToTileUV(id, lon, lat, u, v);
                return double(g->sample(u, v)) * exaggeration;
            }
        }
        return std::nullopt;
    }
};

}  // namespace

PathGroundFn pathGround(std::shared_ptr<TileSource> source, double exaggeration, int zoom) {
    if (!source) return {};
    auto tiles = std::make_shared<GroundTiles>();
    tiles->source = std::move(source);
    tiles->exaggeration = exaggeration;
    tiles->zoom = zoom;
    return [tiles](double lon, double lat) { return tiles->height(lon, lat); };
}

}  // namespace plateau::app
