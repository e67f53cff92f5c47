#include "core/river_join.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <set>

#include "core/flow_raster.h"

namespace plateau {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kKmPerDegLat = 111.13;  // for bounding-box margins only
constexpr double kEndMatchKm = 1.0;      // where one line's end meets the next line's start

// Distance in km from p to the segment a-b, in a local frame at p (the segments here are under
// ~100 km, where the flat frame's error is far below the tolerances used).
double segmentDistanceKm(const LonLat& p, const LonLat& a, const LonLat& b, double* t = nullptr) {
    const double kx = std::cos(p.lat * kDeg) * kKmPerDegLat;
    const double ax = (a.lon - p.lon) * kx, ay = (a.lat - p.lat) * kKmPerDegLat;
    const double bx = (b.lon - p.lon) * kx, by = (b.lat - p.lat) * kKmPerDegLat;
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double s = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
    if (t) *t = s;
    return std::hypot(ax + s * dx, ay + s * dy);
}

double polylineDistanceKm(const LonLat& p, const std::vector<LonLat>& line) {
    if (line.size() == 1) return ellipsoidDistanceM(p, line[0]) / 1000.0;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 1; k < line.size(); ++k) best = std::min(best, segmentDistanceKm(p, line[k - 1], line[k]));
    return best;
}

bool nearBounds(const LonLat& p, const LonLatBounds& b, double tolKm) {
    const double dLat = tolKm / kKmPerDegLat, dLon = dLat / std::max(0.05, std::cos(p.lat * kDeg));
    return p.lon >= b.west - dLon && p.lon <= b.east + dLon && p.lat >= b.south - dLat && p.lat <= b.north + dLat;
}

struct Position {
    std::size_t feature = 0, part = 0, segment = 0;  // segment k runs from vertex k to k + 1
    LonLat point;
};

class Namer {
public:
    Namer(const VectorData& rivers, const RiverFacts& facts, int nameField, TraceReport& out)
        : rivers_(rivers), facts_(facts), nameField_(nameField), out_(out) {}

    std::string mapName(std::size_t feature) const {
        if (nameField_ < 0) return {};
        const AttributeValue& v = rivers_.features[feature].values[std::size_t(nameField_)];
        return v.isNull ? std::string() : v.text;
    }
    void mapped(std::size_t feature) {
        const std::string m = mapName(feature);
        if (m.empty()) return;
        const RiverFacts::River* r = facts_.byMapName(m);
        add(r ? r->name : m, r ? r->country : std::string());
        contacted_.insert(m);
    }
    void add(const std::string& name, const std::string& country) {
        if (std::find(out_.rivers.begin(), out_.rivers.end(), name) == out_.rivers.end()) {
            out_.rivers.push_back(name);
            if (!country.empty()) addCountry(country);
        }
    }
    void addCountry(const std::string& c) {
        if (out_.countries.empty() || out_.countries.back() != c) out_.countries.push_back(c);
    }
    // Borders crossed by the segment a-b on rivers already joined.
    void borders(const LonLat& a, const LonLat& b) {
        for (std::size_t k = 0; k < facts_.borders.size(); ++k) {
            const RiverFacts::Border& br = facts_.borders[k];
            if (crossed_.count(k) || !contacted_.count(br.mapName)) continue;
            if (segmentDistanceKm(br.at, a, b) > br.toleranceKm) continue;
            crossed_.insert(k);
            addCountry(br.country);
        }
    }

private:
    const VectorData& rivers_;
    const RiverFacts& facts_;
    int nameField_;
    TraceReport& out_;
    std::set<std::string> contacted_;
    std::set<std::size_t> crossed_;
};

// The part of any line that starts within kEndMatchKm of `end`, preferring the same feature.
std::optional<std::pair<std::size_t, std::size_t>> nextPart(const VectorData& rivers, std::size_t feature,
                                                            const LonLat& end,
                                                            const std::set<std::pair<std::size_t, std::size_t>>& seen) {
    std::optional<std::pair<std::size_t, std::size_t>> best;
    for (std::size_t f = 0; f < rivers.features.size(); ++f) {
        const VectorFeature& vf = rivers.features[f];
        if (vf.kind != GeometryKind::Line || !nearBounds(end, vf.bounds, kEndMatchKm)) continue;
        for (std::size_t p = 0; p < vf.parts.size(); ++p) {
            if (vf.parts[p].size() < 2 || seen.count({f, p})) continue;
            if (ellipsoidDistanceM(end, vf.parts[p].front()) > kEndMatchKm * 1000.0) continue;
            if (f == feature) return std::pair{f, p};
            if (!best) best = std::pair{f, p};
        }
    }
    return best;
}

}  // namespace

TraceReport joinRivers(const std::vector<LonLat>& demPath, bool leftDem, const VectorData& rivers,
                       const RiverFacts& facts, const RiverJoinParams& params) {
    TraceReport out;
    if (demPath.empty()) return out;
    out.from = demPath.front();
    out.exit = demPath.back();
    out.leftDem = leftDem;
    out.line = demPath;
    out.demVertices = demPath.size();
    Namer namer(rivers, facts, rivers.fieldIndex(params.nameField), out);
    const double tol = params.toleranceKm;

    std::optional<Position> last;  // where the path last touched a mapped line
    for (std::size_t v = 0; v < demPath.size(); ++v) {
        const LonLat& p = demPath[v];
        for (const RiverFacts::Reach& r : facts.reaches)
            if (polylineDistanceKm(p, r.points) <= r.toleranceKm) namer.add(r.name, r.country);
        for (std::size_t f = 0; f < rivers.features.size(); ++f) {
            const VectorFeature& vf = rivers.features[f];
            if (vf.kind != GeometryKind::Line || !nearBounds(p, vf.bounds, tol)) continue;
            for (std::size_t part = 0; part < vf.parts.size(); ++part)
                for (std::size_t k = 1; k < vf.parts[part].size(); ++k) {
                    double t = 0;
                    if (segmentDistanceKm(p, vf.parts[part][k - 1], vf.parts[part][k], &t) > tol) continue;
                    namer.mapped(f);
                    if (!namer.mapName(f).empty()) last = Position{f, part, k - 1, p};
                }
        }
        if (v > 0) namer.borders(demPath[v - 1], p);
    }

    // Onward along the mapped network from the line the path last ran along, if it left there.
    if (leftDem && last) {
        const VectorFeature& vf = rivers.features[last->feature];
        Position at = *last;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t part = 0; part < vf.parts.size(); ++part)
            for (std::size_t k = 1; k < vf.parts[part].size(); ++k) {
                double t = 0;
                const double d = segmentDistanceKm(out.exit, vf.parts[part][k - 1], vf.parts[part][k], &t);
                if (d < best) {
                    best = d;
                    const LonLat& a = vf.parts[part][k - 1];
                    const LonLat& b = vf.parts[part][k];
                    at = Position{last->feature, part, k - 1, {a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)}};
                }
            }
        if (best <= tol) {
            std::set<std::pair<std::size_t, std::size_t>> seen{{at.feature, at.part}};
            out.line.push_back(at.point);
            std::size_t from = at.segment + 1;
            std::pair<std::size_t, std::size_t> cur{at.feature, at.part};
            for (;;) {
                const std::vector<LonLat>& pts = rivers.features[cur.first].parts[cur.second];
                for (std::size_t k = from; k < pts.size(); ++k) {
                    namer.borders(out.line.back(), pts[k]);
                    out.line.push_back(pts[k]);
                }
                const auto nx = nextPart(rivers, cur.first, pts.back(), seen);
                if (!nx) break;
                seen.insert(*nx);
                cur = *nx;
                from = 1;
                namer.mapped(cur.first);
            }
        }
    }
    out.demKm = polylineLengthKm(demPath);
    out.totalKm = polylineLengthKm(out.line);
    return out;
}

std::string formatThousands(double value) {
    const long long v = std::llround(value);
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
        out += digits[k];
    }
    return v < 0 ? "-" + out : out;
}

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const std::string& n : names) s += (s.empty() ? "" : " \u2192 ") + n;
    return s;
}

std::string body(const TraceReport& r) {
    std::string s = formatThousands(r.totalKm) + " km";
    if (!r.rivers.empty()) s += ", " + joined(r.rivers);
    if (!r.countries.empty()) s += "; " + joined(r.countries);
    return s;
}

}  // namespace

std::string formatTraceReport(const TraceReport& r) {
    char start[64];
    std::snprintf(start, sizeof start, "%.3f%c %.3f%c", std::abs(r.from.lon), r.from.lon < 0 ? 'W' : 'E',
                  std::abs(r.from.lat), r.from.lat < 0 ? 'S' : 'N');
    std::string s = "trace from " + std::string(start) + ": " + body(r);
    if (r.catchmentKm2) s += "; catchment " + formatThousands(*r.catchmentKm2) + " km\u00b2";
    return s;
}

std::string shortTraceReport(const TraceReport& r) {
    std::string s = body(r);
    if (r.catchmentKm2) s += "; catchment " + formatThousands(*r.catchmentKm2) + " km\u00b2";
    return s;
}

}  // namespace plateau
