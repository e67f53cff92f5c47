#include "core/place_sources.h"

#include <cmath>
#include <optional>
#include <set>
#include <utility>

namespace plateau {

std::vector<Place> placesFromDeposits(const std::vector<Deposit>& deposits, const std::string& layerName) {
    std::vector<Place> out;
    out.reserve(deposits.size());
    for (const Deposit& d : deposits) {
        if (d.name.empty()) continue;
        Place p;
        p.name = d.name;
        p.kind = "deposit";
        p.lon = d.lon;
        p.lat = d.lat;
        p.sourceLayer = layerName;
        out.push_back(std::move(p));
    }
    return out;
}

namespace {

std::optional<LonLat> representativePoint(const VectorFeature& f) {
    if (f.parts.empty()) return std::nullopt;
    if (f.kind == GeometryKind::Polygon) {
        const LonLatBounds& b = f.bounds;
        if (!(b.west <= b.east && b.south <= b.north)) return std::nullopt;
        return LonLat{(b.west + b.east) / 2, (b.south + b.north) / 2};
    }
    if (f.kind == GeometryKind::Point) {
        for (const auto& part : f.parts)
            if (!part.empty()) return part.front();
        return std::nullopt;
    }
    // A line: the vertex half way along its longest part (lengths in degrees are enough to compare).
    const std::vector<LonLat>* longest = nullptr;
    double longestLength = -1;
    for (const auto& part : f.parts) {
        double length = 0;
        for (std::size_t i = 1; i < part.size(); ++i) length += std::hypot(part[i].lon - part[i - 1].lon, part[i].lat - part[i - 1].lat);
        if (!part.empty() && length > longestLength) longest = &part, longestLength = length;
    }
    if (!longest) return std::nullopt;
    double walked = 0;
    for (std::size_t i = 1; i < longest->size(); ++i) {
        walked += std::hypot((*longest)[i].lon - (*longest)[i - 1].lon, (*longest)[i].lat - (*longest)[i - 1].lat);
        if (walked >= longestLength / 2) return (*longest)[i];
    }
    return longest->front();
}

}  // namespace

std::vector<Place> placesFromFeatures(const VectorData& data, const std::string& nameField, const std::string& kind,
                                      const std::string& layerName) {
    std::vector<Place> out;
    const int field = data.fieldIndex(nameField);
    if (field < 0) return out;
    std::set<std::string> versionedSeen;  // objectIds already taken
    for (const VectorFeature& f : data.features) {
        if (std::size_t(field) >= f.values.size()) continue;
        const AttributeValue& v = f.values[std::size_t(field)];
        if (v.isNull || v.text.empty()) continue;
        if (!f.objectId.empty() && !versionedSeen.insert(f.objectId).second) continue;
        const auto at = representativePoint(f);
        if (!at || !std::isfinite(at->lon) || !std::isfinite(at->lat)) continue;
        Place p;
        p.name = v.text;
        p.kind = kind;
        p.lon = at->lon;
        p.lat = at->lat;
        p.sourceLayer = layerName;
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace plateau
