#pragma once
// Hand-placed geography of the synthetic plateau: its outline and the crest lines of the named
// ranges, as polylines with exact distance queries. Internal to the synthetic DEM.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <iterator>

#include "synthetic/noise.h"

namespace plateau::synth {

// Outlines and range crests are drawn as polylines in (lon * kLonScale, lat), roughly isotropic at
// 30 N, and measured by distance: cheap, and the bounds of every effect are exact.
inline constexpr double kLonScale = 0.87;
struct Pt {
    double lon, lat;
};

// Segments with their direction and inverse squared length precomputed (at compile time).
struct Segment {
    double ax, ay, ex, ey, invLen2;
};

template <std::size_t M>
struct Shape {
    std::array<Segment, M> seg{};
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;  // bounding box in shape coordinates

    // Squared distance to the nearest segment; `inside` flips on each edge crossed by a ray
    // to the east (meaningful for closed shapes only).
    double distance2(double px, double py, bool* inside = nullptr) const {
        double best = 1e18;
        bool in = false;
        for (const Segment& s : seg) {
            const double wx = px - s.ax, wy = py - s.ay;
            const double t = clamp01((wx * s.ex + wy * s.ey) * s.invLen2);
            const double dx = wx - s.ex * t, dy = wy - s.ey * t;
            best = std::min(best, dx * dx + dy * dy);
            const double by = s.ay + s.ey;
            if ((s.ay > py) != (by > py) && px < s.ax + s.ex * (py - s.ay) / s.ey) in = !in;
        }
        if (inside) *inside = in;
        return best;
    }
    // Cheap rejection: is the point farther than `margin` from the bounding box?
    bool outside(double px, double py, double margin) const {
        return px < x0 - margin || px > x1 + margin || py < y0 - margin || py > y1 + margin;
    }
};

template <std::size_t M, std::size_t N>
constexpr Shape<M> makeShape(const Pt (&p)[N]) {
    static_assert(M == N || M + 1 == N, "a closed shape has N segments, an open one N - 1");
    Shape<M> s;
    for (std::size_t i = 0; i < M; ++i) {
        const Pt& a = p[i];
        const Pt& b = p[(i + 1) % N];
        const double ax = a.lon * kLonScale, bx = b.lon * kLonScale;
        const double ex = bx - ax, ey = b.lat - a.lat;
        s.seg[i] = {ax, a.lat, ex, ey, 1.0 / (ex * ex + ey * ey)};
        s.x0 = std::min({s.x0, ax, bx});
        s.x1 = std::max({s.x1, ax, bx});
        s.y0 = std::min({s.y0, a.lat, b.lat});
        s.y1 = std::max({s.y1, a.lat, b.lat});
    }
    return s;
}

// Distance (in shape units) from (lon, lat) to an open polyline, or `cap` if it is at least that far.
template <std::size_t M>
double polylineDistance(const Shape<M>& shape, double lon, double lat, double cap) {
    const double px = lon * kLonScale;
    if (shape.outside(px, lat, cap)) return cap;
    return std::min(cap, std::sqrt(shape.distance2(px, lat)));
}

// A rough outline of the plateau: Himalaya arc in the south, Hengduan and Longmen Shan in the east,
// Qilian and Kunlun in the north, the Pamir knot in the west. Its south edge lies 0.5 degrees south
// of the Himalayan crest.
inline constexpr Pt kPlateauOutline[] = {
    {74.5, 34.3}, {77.5, 31.8}, {80.5, 29.0}, {83.5, 27.9}, {86.5, 27.45}, {93.0, 27.45}, {95.5, 27.8},
    {98.5, 27.6}, {100.5, 29.5}, {102.5, 31.0}, {103.0, 33.0}, {102.0, 35.5}, {99.0, 37.0}, {95.0, 37.2},
    {90.0, 36.6}, {85.0, 36.4}, {80.0, 36.6}, {76.0, 37.5}, {74.0, 36.5}};
inline constexpr auto kOutlineShape = makeShape<std::size(kPlateauOutline)>(kPlateauOutline);
inline constexpr double kEdgeHalfWidth = 0.6;  // degrees of ramp either side of the outline
inline constexpr double kEdgeNoise = 0.35;     // degrees the outline wanders

// Higher than the plateau, added after its clamp; exactly zero beyond kHimalayaHalfWidth, which
// keeps it 0.13 degrees south of the core area (28.5 N).
inline constexpr Pt kHimalayaCrest[] = {{73.5, 35.6}, {76.0, 33.6}, {78.8, 31.2}, {81.5, 29.7},
                                 {84.0, 28.55}, {86.5, 27.95}, {93.0, 27.95}, {94.6, 28.25}};
inline constexpr auto kHimalayaShape = makeShape<std::size(kHimalayaCrest) - 1>(kHimalayaCrest);
inline constexpr double kHimalayaHalfWidth = 0.42;

inline constexpr Pt kNyainqentanglha[] = {{89.0, 29.95}, {91.0, 30.35}, {94.5, 30.3}, {96.5, 29.8}};
inline constexpr Pt kKunlun[] = {{78.5, 36.0}, {84.0, 35.9}, {90.0, 35.8}, {95.0, 35.6}, {99.0, 35.0}, {101.5, 34.0}};
inline constexpr Pt kTanggula[] = {{90.5, 33.0}, {93.5, 32.8}, {95.5, 32.3}};
inline constexpr Pt kKarakoram[] = {{74.5, 36.3}, {77.5, 35.3}, {79.5, 34.2}};
inline constexpr auto kNyainqentanglhaShape = makeShape<std::size(kNyainqentanglha) - 1>(kNyainqentanglha);
inline constexpr auto kKunlunShape = makeShape<std::size(kKunlun) - 1>(kKunlun);
inline constexpr auto kTanggulaShape = makeShape<std::size(kTanggula) - 1>(kTanggula);
inline constexpr auto kKarakoramShape = makeShape<std::size(kKarakoram) - 1>(kKarakoram);
inline constexpr double kNyainqenHalfWidth = 0.32, kTanggulaHalfWidth = 0.35, kKunlunHalfWidth = 0.55,
                        kKarakoramHalfWidth = 0.4;

// Which shapes can affect a set of samples. A whole grid (tile) is tested once from its bounding
// box: every shape's influence ends at an exact distance, so skipping a shape that is farther than
// that changes no value.
struct Reach {
    bool edge = true, inland = false, himalaya = true, nyainqen = true, tanggula = true, kunlun = true,
         karakoram = true;
};

// Distance from a box (shape units) to a shape is at least its centre's distance minus its
// half diagonal (distance is 1-Lipschitz). The 1e-9 absorbs rounding in the sqrt.
template <std::size_t M>
inline bool farFrom(const Shape<M>& shape, double cx, double cy, double r, double cap) {
    if (shape.outside(cx, cy, cap + r)) return true;
    return std::sqrt(shape.distance2(cx, cy)) - r > cap + 1e-9;
}

inline Reach reachOf(double lonMin, double lonMax, double latMin, double latMax) {
    const double cx = 0.5 * (lonMin + lonMax) * kLonScale, cy = 0.5 * (latMin + latMax);
    const double hx = 0.5 * (lonMax - lonMin) * kLonScale, hy = 0.5 * (latMax - latMin);
    const double r = std::sqrt(hx * hx + hy * hy);
    Reach g;
    // The outline also decides inside/outside: far from the edge, the centre's side holds everywhere.
    if (farFrom(kOutlineShape, cx, cy, r, kEdgeHalfWidth + kEdgeNoise)) {
        bool inside = false;
        kOutlineShape.distance2(cx, cy, &inside);
        g.edge = false;
        g.inland = inside;
    }
    g.himalaya = !farFrom(kHimalayaShape, cx, cy, r, kHimalayaHalfWidth);
    g.nyainqen = !farFrom(kNyainqentanglhaShape, cx, cy, r, kNyainqenHalfWidth);
    g.tanggula = !farFrom(kTanggulaShape, cx, cy, r, kTanggulaHalfWidth);
    g.kunlun = !farFrom(kKunlunShape, cx, cy, r, kKunlunHalfWidth);
    g.karakoram = !farFrom(kKarakoramShape, cx, cy, r, kKarakoramHalfWidth);
    return g;
}

}  // namespace plateau::synth
