#include "io/vector_overlay_source.h"

#include <algorithm>
#include <cmath>

#include "core/vector_raster.h"
#include "io/ogr_reader.h"

namespace plateau {
namespace {

// The widest horizontal span inside the rings (even-odd) along the row through the middle of
// the largest ring: its midpoint is inside the polygon, unlike the centroid of a C shape.
std::optional<MercatorPoint> interiorPoint(const std::vector<MercatorPart>& rings) {
    const MercatorPart* largest = nullptr;
    double best = -1;
    for (const auto& r : rings)
        if (const double a = ringArea(r); a > best) {
            best = a;
            largest = &r;
        }
    if (!largest || largest->empty()) return std::nullopt;
    double y0 = 1e300, y1 = -1e300;
    for (const auto& p : *largest) {
        y0 = std::min(y0, p.y);
        y1 = std::max(y1, p.y);
    }
    std::optional<MercatorPoint> found;
    double widest = -1;
    // A few rows around the middle, in case the middle row only grazes a thin part.
    for (const double f : {0.5, 0.375, 0.625, 0.25, 0.75}) {
        const double y = y0 + (y1 - y0) * f;
        std::vector<double> xs;
        for (const auto& ring : rings)
            for (std::size_t i = 0, n = ring.size(), j = n ? n - 1 : 0; i < n; j = i++) {
                const auto& a = ring[i];
                const auto& b = ring[j];
                if ((a.y > y) != (b.y > y)) xs.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        std::sort(xs.begin(), xs.end());
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2)
            if (xs[i + 1] - xs[i] > widest) {
                widest = xs[i + 1] - xs[i];
                found = MercatorPoint{(xs[i] + xs[i + 1]) / 2, y};
            }
        if (found) break;
    }
    return found;
}

std::optional<MercatorPoint> halfway(const std::vector<MercatorPart>& lines) {
    const MercatorPart* longest = nullptr;
    double best = -1;
    for (const auto& l : lines) {
        double len = 0;
        for (std::size_t i = 1; i < l.size(); ++i) len += std::hypot(l[i].x - l[i - 1].x, l[i].y - l[i - 1].y);
        if (len > best && !l.empty()) {
            best = len;
            longest = &l;
        }
    }
    if (!longest) return std::nullopt;
    double left = best / 2;
    for (std::size_t i = 1; i < longest->size(); ++i) {
        const auto& a = (*longest)[i - 1];
        const auto& b = (*longest)[i];
        const double seg = std::hypot(b.x - a.x, b.y - a.y);
        if (seg >= left && seg > 0) return MercatorPoint{a.x + (b.x - a.x) * left / seg, a.y + (b.y - a.y) * left / seg};
        left -= seg;
    }
    return longest->front();
}

}  // namespace

VectorOverlaySource::VectorOverlaySource(VectorData data, VectorStyle style, LayerTimeDesc time, std::string attribution)
    : data_(std::move(data)), style_(std::move(style)), time_(std::move(time)), attribution_(std::move(attribution)),
      styles_(resolveStyles(style_, data_)), index_(data_), versions_(data_.features) {
    for (std::size_t i = 0; i < styles_.size(); ++i)
        marginPx_ = std::max(marginPx_, reachPx(styles_[i], data_.features[i].kind));
}

bool VectorOverlaySource::hasTile(const TileId& id) const {
    if (!id.valid() || id.z > kMaxZoom || index_.size() == 0) return false;
    return tileRect(id).intersects(index_.extent().expanded(marginPx_ * mercatorPixel(id.z)));
}

std::int64_t VectorOverlaySource::stateAt(double year) const {
    return versions_.stateAt(time_.pinned ? *time_.pinned : year);
}

TimeBlend VectorOverlaySource::blendAt(double year) const {
    return versions_.blendAt(time_.pinned ? *time_.pinned : year, time_.fadeYears);
}

Result<OverlayImage> VectorOverlaySource::render(const TileId& id, std::int64_t state, const std::atomic<bool>& cancel) {
    if (!id.valid()) return makeError(describe() + ": invalid tile " + id.str());
    std::vector<DrawItem> items;
    for (const std::uint32_t f : index_.query(id, marginPx_)) {
        if (!versions_.active(f, state)) continue;
        items.push_back({data_.features[f].kind, &index_.geometry(f, id.z), &styles_[f]});
    }
    OverlayImage img = rasterizeTile(id, items, kOverlayTileSize, &cancel);
    if (cancel.load()) return makeError(describe() + ": tile " + id.str() + " cancelled");
    return img;
}

std::optional<std::size_t> VectorOverlaySource::pick(double lon, double lat, double toleranceMetres,
                                                     std::int64_t state) const {
    const MercatorPoint p = toMercator(LonLat{lon, lat});
    const double tol = std::max(toleranceMetres, 0.0) * mercatorPerMetre(lat);
    const auto hits = index_.query(MercatorRect{p.x, p.y, p.x, p.y}.expanded(tol));
    for (auto it = hits.rbegin(); it != hits.rend(); ++it) {
        const std::size_t f = *it;
        if (!versions_.active(f, state)) continue;
        const auto& parts = index_.fullGeometry(f);
        const GeometryKind kind = data_.features[f].kind;
        if (kind == GeometryKind::Polygon && insideEvenOdd(parts, p)) return f;
        for (const auto& part : parts) {
            if (part.size() == 1 && distanceToSegment(p, part[0], part[0]) <= tol) return f;
            for (std::size_t i = 0; i + 1 < part.size(); ++i)
                if (distanceToSegment(p, part[i], part[i + 1]) <= tol) return f;
            if (kind == GeometryKind::Polygon && part.size() > 2 && distanceToSegment(p, part.back(), part.front()) <= tol)
                return f;
        }
    }
    return std::nullopt;
}

std::vector<LabelAnchor> VectorOverlaySource::labels(std::int64_t state) const {
    std::vector<LabelAnchor> out;
    const int field = style_.labelField.empty() ? -1 : data_.fieldIndex(style_.labelField);
    if (field < 0) return out;
    for (std::size_t f = 0; f < data_.features.size(); ++f) {
        const auto& feat = data_.features[f];
        const auto& value = feat.values[std::size_t(field)];
        if (value.isNull || value.text.empty() || !versions_.active(f, state)) continue;
        const auto& parts = index_.fullGeometry(f);
        const auto add = [&](const MercatorPoint& m) {
            const LonLat ll = fromMercator(m);
            out.push_back({ll.lon, ll.lat, value.text, f});
        };
        switch (feat.kind) {
            case GeometryKind::Point:
                for (const auto& part : parts)
                    if (!part.empty()) add(part[0]);
                break;
            case GeometryKind::Polygon:
                if (auto m = interiorPoint(parts)) add(*m);
                break;
            case GeometryKind::Line:
                if (auto m = halfway(parts)) add(*m);
                break;
        }
    }
    return out;
}

Result<std::shared_ptr<VectorOverlaySource>> openVectorOverlay(const LayerDesc& layer) {
    if (layer.type != LayerType::Vector) return makeError("layer " + layer.id + ": not a vector layer");
    if (!layer.source.type.empty() && layer.source.type != "ogr")
        return makeError("layer " + layer.id + ": vector source type \"" + layer.source.type + "\" (expected \"ogr\")");
    auto data = readVectorLayer(layer.source, layer.time);
    if (!data) return data.error();
    return std::make_shared<VectorOverlaySource>(std::move(*data), layer.style, layer.time, layer.attribution);
}

}  // namespace plateau
