#pragma once
// Schematic ore bodies: nested closed grade shells of a porphyry-copper-like shape, sized from a
// deposit's tonnage, mean grade and density. They show where and how big a deposit is, not its
// real outline (which is not public): every model made from them is marked schematic.
//
// Shape. Porphyry Cu ore bodies are centred on (and in the roof of) a porphyry stock, and their
// grade shells are "cylindrical to inverted-cup-shaped", typically wider near the top of the
// stock and one to two times as tall as they are wide (Sillitoe 2010, Porphyry copper systems,
// Econ. Geol. 105:3-41, figs. 3-5; John et al. 2010, USGS SIR 2010-5070-B, ch. on geometry). So
// each shell is a solid of revolution about the vertical axis with the profile
//     r(t) = R * (0.75 + 0.25 t) * (1 - |2t - 1|^4)^(1/4),   t = 0 at the bottom, 1 at the top,
// a blunt-ended column (superellipse, exponent 4) flaring upward so the top is a third wider than
// the bottom, of height H = 3 R (1.5 times its widest diameter).
//
// Size. The outer shell's enclosed volume is tonnage / density: the mesh is built for R = 1, its
// volume computed by the divergence theorem, and it is scaled uniformly to match (exact to float
// rounding, far inside 1 %).
//
// Inner shells (a documented rule, not data): the richest 50 % and the richest 20 % of the
// tonnage, each the outer shape scaled about a point on the axis 60 % of the way up (high-grade
// cores of porphyries sit in the upper, potassic part of the stock), so their volumes are exactly
// those fractions and they lie inside the outer shell. Their grades follow g(f) = g * f^-0.35
// (1.27 x and 1.76 x the mean), a power law of the kind grade-tonnage curves of porphyries show;
// illustrative only.
//
// Frame: glTF's (metres, +Y up). The origin is on the axis at the top of the outer shell, so the
// body hangs below it (-Y); a scene places the origin at the ore's depth below the surface.
// Triangles wind counter-clockwise seen from outside; normals point outward.
#include <cstdint>
#include <vector>

#include "core/model_data.h"
#include "core/result.h"

namespace plateau {

struct OrebodyParams {
    double tonnageMt = 0.0;     // million tonnes of ore
    double gradePercent = 0.0;  // mean grade of the main metal, % (0 when not reported)
    double density = 2.7;       // t/m^3 (porphyry ore: 2.6-2.8)
};

struct OreShell {
    double tonnageFraction = 1.0;  // share of the deposit's tonnage inside this shell
    double gradePercent = 0.0;     // schematic mean grade inside it
    double volumeM3 = 0.0;         // target enclosed volume
    std::vector<ModelVertex> vertices;
    std::vector<std::uint32_t> indices;
};

// Shell fractions, outermost first.
inline constexpr double kOreShellFractions[] = {1.0, 0.5, 0.2};
inline constexpr double kOreShellGradeExponent = -0.35;
inline constexpr int kOreShellSegments = 24;  // around the axis
inline constexpr int kOreShellRings = 16;     // bottom to top, poles excluded

// Outermost first. Errors (one line) for a non-positive or non-finite tonnage or density, or a
// grade outside 0..100 %.
Result<std::vector<OreShell>> buildOreShells(const OrebodyParams& params);

}  // namespace plateau
