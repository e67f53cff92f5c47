#pragma once
// Anti-aliased CPU rasteriser of vector features into one overlay tile. The tile's texels are
// the Web Mercator pixels of its zoom level, so vectors drape on the terrain at every level of
// detail; features arrive in normalised Mercator coordinates (core/vector_geometry.h) and each
// tile only scales and offsets them, so a line crossing neighbour tiles meets at the shared edge.
//
// - Polygons: filled with the even-odd rule (holes and multipolygons need no grouping), then
//   outlined. Coverage is exact across each row and sampled at 4 sub-rows per pixel.
// - Lines: `strokeWidthPx` wide with round joins and caps (coverage from the distance to the
//   segments, the union of a feature's segments taken once so joins do not darken).
// - Points: discs of `pointSizePx` diameter with an outline of `strokeWidthPx`.
// Features are blended source-over in the order given (file order: later features on top).
// Geometry outside the tile may still reach into it with its stroke; it is clipped, not skipped.
#include <atomic>
#include <vector>

#include "core/overlay_image.h"
#include "core/vector_data.h"
#include "core/vector_geometry.h"
#include "core/vector_style.h"

namespace plateau {

struct DrawItem {
    GeometryKind kind = GeometryKind::Polygon;
    const std::vector<MercatorPart>* parts = nullptr;
    const FeatureStyle* style = nullptr;
};

// Renders `items` into tile `id` at `size` x `size` texels (a tile at z-1 with twice the size
// covers the same texels as its four children: the seam test relies on it). When `cancel`
// turns true the remaining items are skipped and the partial image is returned.
OverlayImage rasterizeTile(const TileId& id, const std::vector<DrawItem>& items, int size = kOverlayTileSize,
                           const std::atomic<bool>* cancel = nullptr);

// How far (in pixels) a feature drawn with `style` reaches beyond its geometry: the index
// widens its search by this much so strokes from outside a tile are drawn into it.
double reachPx(const FeatureStyle& style, GeometryKind kind);

}  // namespace plateau
