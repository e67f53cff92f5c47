#include "core/tile_selection.h"

#include <algorithm>
#include <cmath>

#include "core/frustum.h"
#include "core/geodesy.h"
#include "core/haze.h"
#include "core/horizon.h"
#include "core/tile_mesh.h"

namespace plateau {

double screenSpaceError(const Camera& cam, double error, double distance) {
    const double d = std::max(distance, 1e-3);
    return error * double(cam.height) / (2.0 * d * std::tan(cam.fovy_rad * 0.5));
}

namespace {

struct Range {
    float lo = 0, hi = 0;
};

struct Eval {
    TileId id;
    Range range;
    double distance = 0;        // to the bounding sphere's surface
    double centreDistance = 0;  // to its centre: breaks ties when the camera is inside spheres
    double sse = 0;
    int dataZoom = -1000;       // level of the deepest tile with data on the path to this one
};

// Below this much clearance, distances to a tile count as this (the camera may be inside a
// tile's sphere: its error is then as large as it gets).
constexpr double kMinDistance = 1e-3;

class Selector {
public:
    Selector(const Camera& cam, const SelectionParams& params, const TileAvailability& avail)
        : cam_(cam),
          params_(params),
          avail_(avail),
          frustum_(Frustum::forCamera(cam)),
          camGeo_(ecefToGeodetic(cam.position)),
          hazeDistance_(params.haze ? hazeDistance(camGeo_.height_m) : 0.0),
          // The occluder sits below the lowest terrain we may draw (1 km of slack for mesh sag
          // and skirts), so a valley under the ellipsoid never hides behind it.
          occluder_(EllipsoidalOccluder::wgs84Shrunk(
              cam.position, 1000.0 + std::max(0.0, -double(params.defaultMinHeight) * params.exaggeration))) {}

    Selection run() {
        const TileId root{0, 0, 0};
        if (auto e = evaluate(root, std::nullopt)) {
            if (avail_.hasData(root)) e->dataZoom = 0;
            visit(*e);
        }
        std::sort(loads_.begin(), loads_.end(), [](const Eval& a, const Eval& b) {
            if (a.sse != b.sse) return a.sse > b.sse;
            if (a.distance != b.distance) return a.distance < b.distance;
            if (a.centreDistance != b.centreDistance) return a.centreDistance < b.centreDistance;
            return a.id < b.id;
        });
        for (const Eval& l : loads_) out_.load.push_back(l.id);
        return std::move(out_);
    }

private:
    Range rangeFor(const TileId& id, const std::optional<Range>& parent) const {
        if (auto r = avail_.heightRange(id)) return {r->first, r->second};
        Range def{params_.defaultMinHeight, params_.defaultMaxHeight};
        if (!parent) return def;
        // A child shows detail its parent's samples smoothed away (peaks, gorges): widen the
        // inherited range by a few of the parent's geometric errors, but never beyond what the
        // defaults promise for all terrain.
        const auto margin = float(50.0 + 2.0 * levelGeometricError(std::max(0, id.z - 1)));
        Range r{parent->lo - margin, parent->hi + margin};
        r.lo = std::max(r.lo, std::min(parent->lo, def.lo));
        r.hi = std::min(r.hi, std::max(parent->hi, def.hi));
        return r;
    }

    // The frustum's planes are camera-relative: n.(p - cam) + d >= 0 inside.
    bool outsideAPlane(const TileSector& sector) const {
        for (int k = 0; k < frustum_.planeCount(); ++k) {
            const glm::dvec4& pl = frustum_.plane(k);
            const glm::dvec3 n(pl);
            if (sector.support(n) - glm::dot(n, cam_.position) + pl.w < 0.0) return true;
        }
        return false;
    }

    // Proves the tile hidden, cheapest test first: its sector's horizon culling point; else any of
    // its corner, edge and centre points at the top of its range in view keeps it; else all its
    // sub-tiles (two levels down, where near the horizon their smaller sectors can be proven
    // hidden one by one).
    bool behindHorizon(const TileId& id, const Range& r, const TileSector& s) const {
        if (!occluder_.cameraOutside()) return false;
        if (occluder_.isConeOccluded(s.axis, s.halfAngle, s.rmax)) return true;
        const double top = double(r.hi) * params_.exaggeration;
        for (const double v : {0.0, 0.5, 1.0}) {
            for (const double u : {0.0, 0.5, 1.0}) {
                double lon = 0, lat = 0;
                tileUVToLonLat(id, u, v, lon, lat);
                if (occluder_.isPointVisible(geodeticToEcef({lon, lat, top}))) return false;
            }
        }
        return subTilesOccluded(id, r, 2);
    }

    bool subTilesOccluded(const TileId& id, const Range& r, int depth) const {
        const TileSector s = tileSector(id, r.lo, r.hi, params_.exaggeration);
        if (occluder_.isConeOccluded(s.axis, s.halfAngle, s.rmax)) return true;
        if (depth == 0) return false;
        for (const TileId& c : id.children())
            if (!subTilesOccluded(c, r, depth - 1)) return false;
        return true;
    }

    // Distance to the point of the tile's region (its longitude-latitude box between its lowest
    // and highest exaggerated heights) nearest the camera in geodetic coordinates. For a wide
    // tile seen from the side the bounding sphere comes far closer to the camera than any of
    // the tile's surface does, and would refine it more than its error asks for.
    double regionDistance(const TileId& id, const Range& r) const {
        if (id.z < 2) return 0.0;  // a quarter of the globe or more: the sphere is as good
        const LonLatBounds b = tileBounds(id);
        const double centre = 0.5 * (b.west + b.east);
        double dLon = std::remainder(camGeo_.lon_deg - centre, 360.0);
        const Geodetic nearest{std::clamp(centre + dLon, b.west, b.east),
                               std::clamp(camGeo_.lat_deg, b.south, b.north),
                               std::clamp(camGeo_.height_m, double(r.lo) * params_.exaggeration,
                                          double(r.hi) * params_.exaggeration)};
        return glm::length(geodeticToEcef(nearest) - cam_.position);
    }

    std::optional<Eval> evaluate(const TileId& id, const std::optional<Range>& parentRange) {
        ++out_.stats.visited;
        // A resident tile's own height range culls tighter than the range guessed from its
        // parent, so even a culled one shapes this walk: it counts as used.
        if (avail_.isResident(id)) out_.used.push_back(id);
        Eval e;
        e.id = id;
        e.range = rangeFor(id, parentRange);
        const TileSector sector = tileSector(id, e.range.lo, e.range.hi, params_.exaggeration);
        const BoundingSphere s = boundingSphere(sector);
        const glm::dvec3 rel = s.center - cam_.position;
        if (!frustum_.intersectsSphere(rel, s.radius) || outsideAPlane(sector)) {
            ++out_.stats.culledByFrustum;
            return std::nullopt;
        }
        if (behindHorizon(id, e.range, sector)) {
            ++out_.stats.culledByHorizon;
            return std::nullopt;
        }
        e.centreDistance = glm::length(rel);
        e.distance = std::max({e.centreDistance - s.radius, regionDistance(id, e.range), kMinDistance});
        // A coarse mesh over rough relief strays further from it than a texel: its measured
        // error then decides, so silhouettes stay within the screen-space error too.
        const double error = std::max(levelGeometricError(id.z), avail_.meshError(id).value_or(0.0));
        e.sse = screenSpaceError(cam_, error * params_.exaggeration, e.distance) *
                (1.0 - hazeAmount(e.distance, hazeDistance_));
        return e;
    }

    void visit(const Eval& e) {
        if (!avail_.isResident(e.id)) {
            loads_.push_back(e);
            return;
        }
        const auto children = e.id.children();
        const bool anyChildData =
            std::any_of(children.begin(), children.end(), [&](const TileId& c) { return avail_.hasData(c); });
        const bool overzoom = e.id.z < e.dataZoom + params_.overzoomLevels;
        const bool refine =
            e.sse > params_.maxScreenSpaceError && e.id.z < params_.maxZoom &&
            (anyChildData || overzoom || avail_.hasDataBelow(e.id) ||
             (params_.drapedDataBelow && params_.drapedDataBelow(e.id)));
        if (!refine) {
            out_.draw.push_back(e.id);
            return;
        }
        std::vector<Eval> visible;
        for (const TileId& c : children) {
            if (auto ce = evaluate(c, e.range)) {
                ce->dataZoom = avail_.hasData(c) ? c.z : e.dataZoom;
                visible.push_back(*ce);
            } else if (c.z <= params_.prefetchMaxZoom && !avail_.isResident(c)) {
                out_.prefetch.push_back(c);  // (a resident one is kept: evaluate() counted it used)
            }
        }
        // Descend only when every visible child can be drawn: otherwise this tile stands in for
        // all of them (never a mix of a tile and its descendants) while the missing ones load.
        bool allResident = true;
        for (const Eval& c : visible) {
            if (!avail_.isResident(c.id)) {
                allResident = false;
                loads_.push_back(c);
            }
        }
        if (!allResident) {
            out_.draw.push_back(e.id);
            return;
        }
        for (const Eval& c : visible) visit(c);
    }

    const Camera& cam_;
    const SelectionParams& params_;
    const TileAvailability& avail_;
    Frustum frustum_;
    Geodetic camGeo_;
    double hazeDistance_;  // 0: no haze
    EllipsoidalOccluder occluder_;
    Selection out_;
    std::vector<Eval> loads_;
};

}  // namespace

Selection selectTiles(const Camera& cam, const SelectionParams& params, const TileAvailability& avail) {
    const glm::dvec3& p = cam.position;
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) return {};
    return Selector(cam, params, avail).run();
}

}  // namespace plateau
