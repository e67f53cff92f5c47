#pragma once
// A mine's footprint that changes the terrain with time: an open pit (lowers it), a waste dump
// or a tailings pond (raise it). Each is an outline polygon (lon/lat) with a value per year; the
// state at a decimal year interpolates (or steps) between the given years and is nothing before
// the first one. The new surface at a point is a pure function of the original height there, the
// point's distance inside the outline and the state, so every tile and every level of detail
// computes the same surface (no tile-wide quantities such as "the lowest rim sample").
//
// Shapes (d = horizontal distance inside the outline, h = original height):
// - pit: floor flat at F = base_m - depth (base_m is the rim level: the highest ground of the
//   footprint, so the cut never leaves a cliff at the outline). Walls go down from the outline
//   in benches: a face of bench_height_m at face_angle_deg, then a flat tread bench_width_m
//   wide, repeated; without benches a plain wall at face_angle_deg. New height
//   min(h, max(F, base_m - drop(d))): where the ground is below the pit surface nothing changes.
// - dump: a flat-topped mound, top at T = base_m + height, sides rising from the ground at the
//   outline at side_angle_deg: max(h, min(T, h + d tan(side))).
// - pond: a flat surface at L = base_m + level inside a dam whose outer face rises at
//   side_angle_deg: the same formula as a dump with L for T (the pond fills the valley).
#include <optional>
#include <string>
#include <vector>

#include "core/tile_id.h"

namespace plateau {

enum class ModifierKind { Pit, Dump, Pond };
const char* modifierKindName(ModifierKind k);

// One dated value: the pit's depth, the dump's height, the pond's level (metres, >= 0).
struct ModifierStage {
    double year = 0;
    double value = 0;
    double benchHeight = 0;  // pits: 0 = no benches
    double benchWidth = 0;
    bool operator==(const ModifierStage&) const = default;
};

struct TerrainModifier {
    std::string id;      // unique among the scene's modifiers
    std::string label;   // e.g. "Qulong pit (schematic)"
    ModifierKind kind = ModifierKind::Pit;
    std::vector<std::pair<double, double>> outline;  // lon, lat (degrees); one ring, not closed
    double baseM = 0;            // see the header comment
    double faceAngleDeg = 65;    // pit faces (or the plain wall without benches)
    double sideAngleDeg = 30;    // dump sides, pond dams
    bool step = false;           // true: a stage holds until the next year; false: interpolate
    bool schematic = false;      // shown as "schematic" in the legend and label
    std::vector<ModifierStage> stages;  // ascending years, at least one
    bool operator==(const TerrainModifier&) const = default;
};

// The state at a year; none before the first stage (or with no stage).
std::optional<ModifierStage> modifierStateAt(const TerrainModifier& m, double year);

// The outline in a local plane (metres east and north of its centroid), for distances.
class ModifierShape {
public:
    explicit ModifierShape(const TerrainModifier& m);
    const LonLatBounds& bounds() const { return bounds_; }
    // The mean of the outline's points (label anchor).
    std::pair<double, double> centre() const { return {lon0_, lat0_}; }
    // Distance (m) inside the outline; negative outside.
    double insideDistance(double lon, double lat) const;

private:
    std::vector<std::pair<double, double>> ring_;  // local metres
    double lon0_ = 0, lat0_ = 0, mx_ = 1, my_ = 1;  // metres per degree
    LonLatBounds bounds_;
};

// New height at a point `inside` metres inside the outline (< 0: outside, unchanged) with the
// original height h, for a state of m.
double modifiedHeight(const TerrainModifier& m, const ModifierStage& s, double inside, double h);

// What the shader tints at a point of the modified surface (height h): `bench` is
// 1 + (base_m - h) / bench height on a pit's walls and floor (the bench counted from the rim;
// 0 elsewhere); `kind` is 1 on a pit's floor, 2 on a dump or dam, 3 on a pond's surface.
struct SurfaceMark {
    float bench = 0;
    float kind = 0;
};
// Map label for a state: the label, the first year and the state, e.g.
// "Qulong open pit (schematic), from 2021: 200 m deep" ("schematic" added when marked so and not
// already in the label).
std::string modifierLabel(const TerrainModifier& m, const ModifierStage& s);

SurfaceMark surfaceMark(const TerrainModifier& m, const ModifierStage& s, double inside, double h);

}  // namespace plateau
