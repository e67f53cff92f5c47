#include "core/terrain_modifier.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plateau {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
// A mine is a few km across: a plane tangent at its centroid with WGS84's radii of curvature
// there is within centimetres of the geodesic distances, and far cheaper per sample.
constexpr double kA = 6378137.0, kE2 = 6.69437999014e-3;
// Bands on pit walls without benches: the shader still shows levels.
constexpr double kPlainWallBand = 10.0;
// Heights within this of a flat level are on it (floors, pond surfaces).
constexpr double kOnLevel = 0.5;
}  // namespace

const char* modifierKindName(ModifierKind k) {
    switch (k) {
    case ModifierKind::Pit: return "pit";
    case ModifierKind::Dump: return "dump";
    case ModifierKind::Pond: return "pond";
    }
    return "unknown";
}

std::optional<ModifierStage> modifierStateAt(const TerrainModifier& m, double year) {
    const auto& st = m.stages;
    if (st.empty() || !(year >= st.front().year)) return std::nullopt;
    const auto next = std::upper_bound(st.begin(), st.end(), year,
                                       [](double y, const ModifierStage& s) { return y < s.year; });
    if (next == st.end() || m.step) return *(next - 1);
    const ModifierStage& a = *(next - 1);
    const ModifierStage& b = *next;
    const double f = (year - a.year) / (b.year - a.year);
    ModifierStage out = a;
    out.year = year;
    out.value = a.value + (b.value - a.value) * f;
    // Benches are a design, not a quantity that grows: the earlier stage's holds until the next.
    return out;
}

ModifierShape::ModifierShape(const TerrainModifier& m) {
    bounds_ = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
               std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (const auto& [lon, lat] : m.outline) {
        lon0_ += lon;
        lat0_ += lat;
        bounds_.west = std::min(bounds_.west, lon);
        bounds_.east = std::max(bounds_.east, lon);
        bounds_.south = std::min(bounds_.south, lat);
        bounds_.north = std::max(bounds_.north, lat);
    }
    if (m.outline.empty()) {
        bounds_ = {};
        return;
    }
    lon0_ /= double(m.outline.size());
    lat0_ /= double(m.outline.size());
    const double s = std::sin(lat0_ * kDeg);
    const double w = std::sqrt(1.0 - kE2 * s * s);
    my_ = kA * (1.0 - kE2) / (w * w * w) * kDeg;  // meridional radius of curvature
    mx_ = kA / w * std::cos(lat0_ * kDeg) * kDeg;  // prime vertical, along the parallel
    ring_.reserve(m.outline.size());
    for (const auto& [lon, lat] : m.outline) ring_.emplace_back((lon - lon0_) * mx_, (lat - lat0_) * my_);
}

double ModifierShape::insideDistance(double lon, double lat) const {
    if (ring_.size() < 3) return -std::numeric_limits<double>::infinity();
    const double x = (lon - lon0_) * mx_, y = (lat - lat0_) * my_;
    bool inside = false;
    double best = std::numeric_limits<double>::max();
    for (std::size_t i = 0, j = ring_.size() - 1; i < ring_.size(); j = i++) {
        const auto [xi, yi] = ring_[i];
        const auto [xj, yj] = ring_[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        const double ex = xj - xi, ey = yj - yi;
        const double len2 = ex * ex + ey * ey;
        const double t = len2 > 0 ? std::clamp(((x - xi) * ex + (y - yi) * ey) / len2, 0.0, 1.0) : 0.0;
        const double dx = x - (xi + t * ex), dy = y - (yi + t * ey);
        best = std::min(best, dx * dx + dy * dy);
    }
    const double d = std::sqrt(best);
    return inside ? d : -d;
}

namespace {

// How far the pit surface lies below the rim at `inside` metres from the outline.
double pitDrop(const TerrainModifier& m, const ModifierStage& s, double inside) {
    const double tanFace = std::tan(std::clamp(m.faceAngleDeg, 1.0, 89.0) * kDeg);
    if (s.benchHeight <= 0) return inside * tanFace;
    const double face = s.benchHeight / tanFace;  // horizontal run of one face
    const double run = face + std::max(0.0, s.benchWidth);
    const double k = std::floor(inside / run);
    const double r = inside - k * run;
    return k * s.benchHeight + std::min(s.benchHeight, r * tanFace);
}

double pitSurface(const TerrainModifier& m, const ModifierStage& s, double inside) {
    return std::max(m.baseM - s.value, m.baseM - pitDrop(m, s, inside));
}

double moundSurface(const TerrainModifier& m, const ModifierStage& s, double inside, double h) {
    const double top = m.baseM + s.value;
    return std::min(top, h + inside * std::tan(std::clamp(m.sideAngleDeg, 1.0, 89.0) * kDeg));
}

}  // namespace

std::string modifierLabel(const TerrainModifier& m, const ModifierStage& s) {
    std::string out = m.label.empty() ? m.id : m.label;
    if (m.schematic && out.find("schematic") == std::string::npos) out += " (schematic)";
    if (!m.stages.empty()) out += ", from " + std::to_string(int(std::floor(m.stages.front().year)));
    const std::string v = std::to_string(int(std::lround(s.value)));
    if (m.kind == ModifierKind::Pit) out += ": " + v + " m deep";
    else if (m.kind == ModifierKind::Dump) out += ": " + v + " m high";
    else out += ": level +" + v + " m";
    return out;
}

double modifiedHeight(const TerrainModifier& m, const ModifierStage& s, double inside, double h) {
    if (!(inside >= 0.0)) return h;
    if (m.kind == ModifierKind::Pit) return std::min(h, pitSurface(m, s, inside));
    return std::max(h, moundSurface(m, s, inside, h));
}

SurfaceMark surfaceMark(const TerrainModifier& m, const ModifierStage& s, double inside, double h) {
    SurfaceMark out;
    if (!(inside >= 0.0)) return out;
    if (m.kind == ModifierKind::Pit) {
        // Where the pit cut the ground (ground below its floor inside the outline counts as
        // floor: the pit reaches it).
        // A mesh vertex between two samples of the benched wall may lie up to a bench above it.
        const double band = s.benchHeight > 0 ? s.benchHeight : kPlainWallBand;
        if (h > pitSurface(m, s, inside) + band || s.value <= 0.0) return out;
        out.bench = float(1.0 + std::max(0.0, m.baseM - h) / band);
        if (h <= m.baseM - s.value + kOnLevel) out.kind = 1.0f;
        return out;
    }
    if (s.value <= 0.0) return out;
    out.kind = (m.kind == ModifierKind::Pond && std::abs(h - (m.baseM + s.value)) <= kOnLevel) ? 3.0f : 2.0f;
    return out;
}

}  // namespace plateau
