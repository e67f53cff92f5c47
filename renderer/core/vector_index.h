#pragma once
// Finding and simplifying the features one tile needs, for layers of millions of vertices.
//
// - A packed Hilbert R-tree over the features' Web Mercator bounds (16 entries per node, built
//   once, read-only afterwards), so a tile visits only the features near it.
// - Geometry per zoom level: Douglas-Peucker at a quarter of a pixel of that zoom (invisible
//   after rasterising), computed for the whole layer the first time a zoom asks for it and kept
//   (a feature that would keep over 90 % of its vertices shares the original instead of a
//   copy). Beyond kMaxSimplifiedZoom the projected original is used.
// All const member functions may be called from several threads at once.
#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "core/vector_data.h"
#include "core/vector_geometry.h"

namespace plateau {

class VectorIndex {
public:
    static constexpr int kMaxSimplifiedZoom = 14;
    static constexpr double kTolerancePx = 0.25;

    explicit VectorIndex(const VectorData& data);
    VectorIndex(const VectorIndex&) = delete;
    VectorIndex& operator=(const VectorIndex&) = delete;

    std::size_t size() const { return bounds_.size(); }
    const MercatorRect& bounds(std::size_t feature) const { return bounds_[feature]; }
    // Union of all feature bounds (empty layer: a zero rectangle and size() == 0).
    const MercatorRect& extent() const { return extent_; }

    // Features whose bounds meet `rect` (edges touching count), ascending, i.e. in file order.
    std::vector<std::uint32_t> query(const MercatorRect& rect) const;
    // Features that may draw into tile `id` when strokes reach `marginPx` pixels of a
    // `tileSize`-pixel tile beyond their geometry.
    std::vector<std::uint32_t> query(const TileId& id, double marginPx, int tileSize = 256) const;

    // The feature's parts in normalised Mercator, simplified for zoom z (z > kMaxSimplifiedZoom
    // or points: the original). References stay valid for the index's lifetime.
    const std::vector<MercatorPart>& geometry(std::size_t feature, int z) const;
    const std::vector<MercatorPart>& fullGeometry(std::size_t feature) const { return full_[feature]; }
    // Vertices of the whole layer at zoom z (simplifies that zoom if not done yet).
    std::size_t vertexCount(int z) const;

private:
    using Layer = std::vector<std::vector<MercatorPart>>;
    // One zoom's geometry: each feature's simplified parts, or the original when simplifying
    // would keep nearly all of it (deep zooms cost no second copy).
    struct Band {
        std::deque<std::vector<MercatorPart>> owned;  // a deque: elements never move
        std::vector<const std::vector<MercatorPart>*> features;
    };
    const Band& band(int z) const;

    std::vector<GeometryKind> kinds_;
    std::vector<MercatorRect> bounds_;
    MercatorRect extent_;
    Layer full_;
    // Tree levels, leaves first: levels_[0][i] is the bounds of feature order_[i]; node i of
    // level L+1 covers entries [16 i, 16 i + 16) of level L.
    std::vector<std::vector<MercatorRect>> levels_;
    std::vector<std::uint32_t> order_;
    mutable std::array<std::once_flag, kMaxSimplifiedZoom + 1> once_;
    mutable std::array<Band, kMaxSimplifiedZoom + 1> bands_;
};

}  // namespace plateau
