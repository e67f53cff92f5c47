#include "synthetic/synthetic_dem.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "synthetic/geography.h"
#include "synthetic/noise.h"

namespace plateau {
namespace {

using namespace synth;

// Kilometres per degree near 29.5 N. The plateau's noise lives in this fixed equirectangular frame
// so that features have true-ish sizes there; the world-wide lowland noise is 3-D instead.
constexpr double kKmPerDegLon = 96.6;
constexpr double kKmPerDegLat = 110.9;

// Octave amplitudes peak at 6 km: ridges 3-5 km apart with steep flanks, as in southern Tibet.
constexpr RidgedSpec kRelief{24.0, 9, 1, 0.5, {0.35, 0.7, 1.0, 0.6, 0.3, 0.15, 0.075, 0.04, 0.02}};
constexpr RidgedSpec kSpurs{24.0, 9, 1, 2.2, {0.5, 0.8, 1.0, 0.6, 0.3, 0.15, 0.075, 0.04, 0.02}};  // Himalaya: N-S spurs

// sin and cos from Taylor series after reducing to [-90, 90] degrees (error below 1e-6): plain
// arithmetic, so identical on every machine, unlike libm's.
double sinReduced(double deg) {  // |deg| <= 90
    const double x = deg * (3.141592653589793 / 180.0), x2 = x * x;
    return x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0 * (1.0 - x2 / 110.0)))));
}
double sinDeg(double deg) {
    deg -= 360.0 * std::floor((deg + 180.0) / 360.0);  // [-180, 180)
    if (deg > 90.0) deg = 180.0 - deg;
    if (deg < -90.0) deg = -180.0 - deg;
    return sinReduced(deg);
}
double cosDeg(double deg) { return sinDeg(deg + 90.0); }

// Earth-radius point for (lon, lat): world-wide lowland noise is 3-D so that it has no seam at
// the antimeridian and no stretching towards the poles or away from any central meridian.
struct Globe {
    double x, y, z;
    Globe(double lon, double lat) {
        const double r = 6371.0, cl = cosDeg(lat);
        x = r * cl * cosDeg(lon);
        y = r * cl * sinDeg(lon);
        z = r * sinDeg(lat);
    }
};

// Hashed once per evaluation (or per tile) rather than once per noise call.
struct Seeds {
    std::uint32_t edge, land, rolling, hills, warpX, warpY, base, relief, wall, valleyFloor, tribA, tribB, spurs,
        meanderA, meanderB, floorHalf, wallWidth, tribWidth, gangdese, southern;
    explicit Seeds(std::uint32_t s)
        : edge(layerSeed(s, 11)), land(layerSeed(s, 21)), rolling(layerSeed(s, 22)), hills(layerSeed(s, 23)),
          warpX(layerSeed(s, 31)), warpY(layerSeed(s, 32)), base(layerSeed(s, 33)), relief(layerSeed(s, 34)),
          wall(layerSeed(s, 43)), valleyFloor(layerSeed(s, 46)), tribA(layerSeed(s, 51)), tribB(layerSeed(s, 52)),
          spurs(layerSeed(s, 71)), meanderA(layerSeed(s, 41)), meanderB(layerSeed(s, 42)),
          floorHalf(layerSeed(s, 44)), wallWidth(layerSeed(s, 45)), tribWidth(layerSeed(s, 53)),
          gangdese(layerSeed(s, 61)), southern(layerSeed(s, 63)) {}
};

// Everything that depends on longitude only, shared by a whole column of a tile.
struct Column {
    double lon, x;
    double valleyStrength, valleyCentre, valleyFloor, floorHalf, wall, tribWidth;
    double gangdese, gangdeseFade, southern, southernFade;
};

// Floor of the main valley: about 4,200 m at 88 E falling to 4,025 m at 93 E, then dropping
// through a gorge (like the Great Bend) towards the eastern lowlands.
double mainValleyFloor(double lon) {
    const double gentle = 4150.0 - 25.0 * (lon - 88.0);
    return gentle - (gentle - 900.0) * smoothstep(93.2, 97.0, lon);
}

Column makeColumn(double lon, const Seeds& sd) {
    Column c{};
    c.lon = lon;
    c.x = (lon - 90.0) * kKmPerDegLon;
    // The Yarlung-like river: near 29.3 N through the core area, turning north-west towards its
    // source west of 86 E, and leaving the plateau through a gorge in the east.
    const double westShift = 0.9 * (1.0 - smoothstep(82.0, 86.5, lon));
    c.valleyStrength = smoothstep(81.0, 83.0, lon) * (1.0 - smoothstep(97.5, 99.0, lon));
    c.valleyCentre = 29.3 + westShift + 0.12 * noise1(lon / 1.3, sd.meanderA) + 0.05 * noise1(lon / 0.35, sd.meanderB);
    c.valleyFloor = mainValleyFloor(lon);
    c.floorHalf = 1.0 + 3.5 * clamp01(0.5 + 0.8 * noise1(lon / 0.45, sd.floorHalf));
    c.wall = 9.0 + 3.0 * noise1(lon / 0.8, sd.wallWidth);
    c.tribWidth = 0.8 + 0.35 * noise1(lon / 0.3, sd.tribWidth);
    // Gangdese north of the river and a lower range south of it, both trending E-W.
    c.gangdese = 29.85 + westShift + 0.10 * noise1(lon / 1.7, sd.gangdese);
    c.gangdeseFade = smoothstep(79.5, 81.0, lon) * (1.0 - smoothstep(93.0, 95.0, lon));
    c.southern = 28.75 + 0.08 * noise1(lon / 1.1, sd.southern);
    c.southernFade = 0.7 * smoothstep(84.5, 86.0, lon) * (1.0 - smoothstep(93.0, 94.5, lon));
    return c;
}

// Smooth fields, which a tile may interpolate from a coarse lattice instead of evaluating per
// sample. Each group lists the shortest wavelength it contains; the ridged groups hold only their
// coarse octaves (the rest are added per sample).
enum FieldIndex { kWarpX, kWarpY, kBase, kEdge, kWall, kTrib, kLand, kRolling, kHills, kReliefSum, kReliefWeight,
                  kSpurSum, kSpurWeight, kFieldCount };
using Fields = std::array<double, kFieldCount>;
enum Group : unsigned { gWarp = 1, gBase = 2, gEdge = 4, gWall = 8, gTrib = 16, gLand = 32, gRolling = 64,
                        gRelief = 128, gSpurs = 256, gHills = 512 };

// The fields each group fills.
constexpr std::pair<Group, std::array<int, 2>> kGroupFields[] = {
    {gWarp, {kWarpX, kWarpY}}, {gBase, {kBase, -1}},     {gEdge, {kEdge, -1}},
    {gWall, {kWall, -1}},      {gTrib, {kTrib, -1}},     {gLand, {kLand, -1}},
    {gRolling, {kRolling, -1}}, {gRelief, {kReliefSum, kReliefWeight}},
    {gSpurs, {kSpurSum, kSpurWeight}}, {gHills, {kHills, -1}}};

// How a grid splits the work: groups taken from the lattice, and how many octaves of each
// ridged layer the lattice holds. The default (pointwise) interpolates nothing.
struct Plan {
    unsigned lattice = 0;
    int reliefCoarse = 0, spursCoarse = 0;
};

// One evaluation point. Groups are computed on first use unless the lattice supplied them.
struct Sample {
    const Column& c;
    double lat, y;
    const Seeds& sd;
    double d;  // detail, km
    const Plan& plan;
    const Reach& reach;
    Fields f{};
    unsigned have = 0;

    double get(Group grp, FieldIndex i) {
        if (!(have & grp)) compute(grp);
        return f[i];
    }

    void compute(unsigned groups) {
        const double x = c.x;
        if (groups & gWarp) {  // domain warp bends ranges and valleys so nothing looks like a lattice
            f[kWarpX] = x + 14.0 * fbm(x, y, 80.0, 3, 0.5, sd.warpX, d);
            f[kWarpY] = y + 9.0 * fbm(x, y, 80.0, 3, 0.5, sd.warpY, d);
        }
        if (groups & gBase) f[kBase] = fbm(x, y, 240.0, 3, 0.5, sd.base, d);
        if (groups & gEdge) f[kEdge] = fbm(x, y, 400.0, 4, 0.5, sd.edge, d);
        if (groups & gWall) f[kWall] = 2.5 * fbm(x, y, 9.0, 2, 0.5, sd.wall, d);
        if (groups & gTrib) {
            const double wx = get(gWarp, kWarpX), wy = get(gWarp, kWarpY);
            f[kTrib] = gradientNoise(wx / 30.0 + 3.7, wy / 55.0, sd.tribA) +
                       0.3 * gradientNoise(wx / 10.0, wy / 16.0 + 1.3, sd.tribB) * octaveWeight(10.0, d);
        }
        if (groups & (gLand | gRolling | gHills)) {
            const Globe p(c.lon, lat);
            if (groups & gLand) f[kLand] = fbm3(p.x, p.y, p.z, 5000.0, 5, 0.5, sd.land, d);
            if (groups & gRolling) f[kRolling] = fbm3(p.x, p.y, p.z, 900.0, 4, 0.5, sd.rolling, d);
            if (groups & gHills) f[kHills] = fbm3(p.x, p.y, p.z, 60.0, 6, 0.5, sd.hills, d);
        }
        // Lattice only: the coarse octaves of the ridged layers.
        if (groups & (gRelief | gSpurs)) {
            const double wx = get(gWarp, kWarpX), wy = get(gWarp, kWarpY);
            RidgedState r, s;
            if (groups & gRelief) ridgedOctaves(kRelief, wx, wy, sd.relief, d, 0, plan.reliefCoarse, r);
            if (groups & gSpurs) ridgedOctaves(kSpurs, wx, wy, sd.spurs, d, 0, plan.spursCoarse, s);
            f[kReliefSum] = r.sum, f[kReliefWeight] = r.weight, f[kSpurSum] = s.sum, f[kSpurWeight] = s.weight;
        }
        have |= groups;
    }

    // A ridged layer: the lattice's coarse octaves (if any) plus the remaining ones here. The
    // layer's weight field follows its sum field in FieldIndex.
    double ridgedAt(const RidgedSpec& spec, Group grp, FieldIndex sum, int coarse, double x, double yy,
                    std::uint32_t seed) {
        RidgedState st;
        int begin = 0;
        if (have & grp) {
            st = {f[std::size_t(sum)], f[std::size_t(sum) + 1]};
            begin = coarse;
        }
        ridgedOctaves(spec, x, yy, seed, d, begin, spec.octaves, st);
        return st.sum / ridgedNorm(spec);
    }
};

// 1 on the plateau, 0 on the surrounding lowlands; noise only near the edge.
double plateauMask(Sample& s) {
    if (!s.reach.edge) return s.reach.inland ? 1.0 : 0.0;
    if (s.c.lon < 70.0 || s.c.lon > 107.0 || s.lat < 24.0 || s.lat > 41.0) return 0.0;
    bool inside = false;
    const double dist = std::sqrt(kOutlineShape.distance2(s.c.lon * kLonScale, s.lat, &inside));
    const double e = inside ? dist : -dist;
    if (e >= kEdgeHalfWidth + kEdgeNoise) return 1.0;
    if (e <= -kEdgeHalfWidth - kEdgeNoise) return 0.0;
    return smoothstep(-kEdgeHalfWidth, kEdgeHalfWidth, e + kEdgeNoise * s.get(gEdge, kEdge));
}

// Low relief elsewhere: noise continents (land kept around the plateau), 100-1,300 m land,
// -50..0 m shallow seas.
double lowlandHeight(Sample& s) {
    const double lon = s.c.lon, lat = s.lat;
    const double dLon = (lon - 90.0) * 0.8, dLat = lat - 32.0;
    const double asia = 1.0 - smoothstep(25.0, 50.0, std::sqrt(dLon * dLon + dLat * dLat));
    const double land = s.get(gLand, kLand) * 1.8 - 0.1 + 0.9 * asia;
    if (land <= 0.0) return -50.0 * smoothstep(0.0, 0.15, -land);
    // Basins north of the plateau (like the Tarim, ~1,200 m) sit higher than the Ganges plain.
    const double tarim = smoothstep(33.0, 37.5, lat) * (1.0 - smoothstep(43.0, 47.0, lat)) *
                         smoothstep(70.0, 76.0, lon) * (1.0 - smoothstep(100.0, 106.0, lon));
    const double rolling = 0.5 + 0.5 * s.get(gRolling, kRolling);
    const double hills = std::fabs(s.get(gHills, kHills));  // creased like worn ridges
    return (120.0 + 350.0 * rolling + 900.0 * tarim + 300.0 * hills) * smoothstep(0.0, 0.08, land);
}

// 0..1: how strongly a named range lifts the relief at (lon, lat) (domain-warped position).
double rangeBelts(const Column& c, const Reach& g, double lon, double lat) {
    auto bump = [](double dist, double halfWidth) { return 1.0 - smoothstep(0.0, halfWidth, dist); };
    double b = c.gangdeseFade * bump(std::fabs(lat - c.gangdese), 0.45);
    b = std::max(b, c.southernFade * bump(std::fabs(lat - c.southern), 0.3));
    if (g.nyainqen)
        b = std::max(b, bump(polylineDistance(kNyainqentanglhaShape, lon, lat, kNyainqenHalfWidth), kNyainqenHalfWidth));
    if (g.tanggula)
        b = std::max(b, 0.8 * bump(polylineDistance(kTanggulaShape, lon, lat, kTanggulaHalfWidth), kTanggulaHalfWidth));
    if (g.kunlun) b = std::max(b, bump(polylineDistance(kKunlunShape, lon, lat, kKunlunHalfWidth), kKunlunHalfWidth));
    if (g.karakoram)
        b = std::max(b, bump(polylineDistance(kKarakoramShape, lon, lat, kKarakoramHalfWidth), kKarakoramHalfWidth));
    return b;
}

double plateauHeight(Sample& s) {
    const Column& c = s.c;
    const double wx = s.get(gWarp, kWarpX), wy = s.get(gWarp, kWarpY);
    const double wlon = c.lon + (wx - c.x) / kKmPerDegLon, wlat = s.lat + (wy - s.y) / kKmPerDegLat;

    const double base = 4050.0 + 250.0 * s.get(gBase, kBase);
    const double belts = rangeBelts(c, s.reach, wlon, wlat);
    const double relief = s.ridgedAt(kRelief, gRelief, kReliefSum, s.plan.reliefCoarse, wx, wy, s.sd.relief);
    double h = base + (1700.0 + 1500.0 * belts) * relief;

    if (c.valleyStrength > 0.0) {
        const double ady = std::fabs((s.lat - c.valleyCentre) * kKmPerDegLat + s.get(gWall, kWall));
        double floorH = c.valleyFloor;
        if (ady < c.floorHalf + c.wall) {
            floorH += 12.0 * fbm(c.x, s.y, 2.5, 1, 0.5, s.sd.valleyFloor, s.d);
            const double t = smoothstep(c.floorHalf, c.floorHalf + c.wall, ady);
            const double carved = floorH + (h - floorH) * t * (2.0 - t);
            h = lerp(h, std::min(h, carved), c.valleyStrength);
        }
        // Tributaries: V-shaped valleys along zero lines of N-S stretched, warped noise, whose
        // floors climb away from the main river so they die out in the ranges.
        const double reach = c.valleyStrength * (1.0 - smoothstep(15.0, 45.0, ady));
        if (reach > 0.0) {
            const double v = smoothstep(0.0, 0.25 * c.tribWidth, std::fabs(s.get(gTrib, kTrib)));
            const double tf = floorH + 25.0 * std::max(ady - c.floorHalf, 0.0);
            const double carved = tf + (h - tf) * v;
            h = lerp(h, std::min(h, carved), 0.85 * reach);
        }
    }
    // Keep the plateau within 4,000-6,450 m (lower only where the gorge leaves the plateau).
    h = smax(h, std::min(4000.0, c.valleyFloor - 25.0), 120.0);
    h = smin(h, 6450.0, 300.0);

    // The Himalaya: a higher crest with N-S spurs along the southern edge.
    const double dh = s.reach.himalaya ? polylineDistance(kHimalayaShape, c.lon, s.lat, kHimalayaHalfWidth)
                                       : kHimalayaHalfWidth;
    if (dh < kHimalayaHalfWidth) {
        const double spurs = s.ridgedAt(kSpurs, gSpurs, kSpurSum, s.plan.spursCoarse, wx, wy, s.sd.spurs);
        h += 2600.0 * (1.0 - smoothstep(0.0, kHimalayaHalfWidth, dh)) * (0.35 + 0.65 * spurs);
        h = smin(h, 8800.0, 300.0);
    }
    return h;
}

double heightAt(Sample& s) {
    const double p = plateauMask(s);
    if (p >= 1.0) return plateauHeight(s);
    const double low = lowlandHeight(s);
    if (p <= 0.0) return low;
    return lerp(low, plateauHeight(s), p);
}

// Below ~50 m the octaves (wavelengths under 100 m) cost more time than they add to the look.
double detailKm(double detailMetres) { return std::max(detailMetres, 50.0) / 1000.0; }

// Lattice spacing in samples, and the shortest wavelength the lattice may carry, in sample
// spacings: bilinear interpolation of a wave of wavelength L over spacing h is off by about
// (pi h / L)^2 / 2 of its amplitude, here under 4 %. Ridge creases are the worst case: a crest of
// the finest lattice octave gets rounded by up to ~25 m, finer octaves still add their detail.
constexpr int kLatticeStep = 4;
constexpr double kLatticeCutoff = 12.0 * kLatticeStep;

Plan makePlan(double dKm, const Reach& g) {
    const double cutoff = kLatticeCutoff * dKm;
    Plan p;
    auto add = [&](Group grp, double shortestKm) {
        if (shortestKm >= cutoff) p.lattice |= grp;
    };
    const bool plateau = g.edge || g.inland, lowland = g.edge || !g.inland;
    if (plateau) {
        add(gWarp, 20.0);
        add(gBase, 60.0);
        add(gWall, 4.5);
        if (p.lattice & gWarp) add(gTrib, 10.0);
        p.reliefCoarse = (p.lattice & gWarp) ? octavesAbove(kRelief, cutoff) : 0;
        if (p.reliefCoarse > 0) p.lattice |= gRelief;
        p.spursCoarse = (p.lattice & gWarp) && g.himalaya ? octavesAbove(kSpurs, cutoff) : 0;
        if (p.spursCoarse > 0) p.lattice |= gSpurs;
    }
    if (g.edge) add(gEdge, 50.0);
    if (lowland) {
        add(gLand, 312.0);
        add(gRolling, 112.0);
        add(gHills, 1.9);
    }
    return p;
}

// Lattice node positions along one axis (every kLatticeStep samples and the last one), and for
// each sample the node before it and the interpolation weight.
struct Axis {
    std::vector<int> nodes;
    std::vector<int> cell;
    std::vector<double> t;
    explicit Axis(int n) {
        for (int i = 0; i < n - 1; i += kLatticeStep) nodes.push_back(i);
        nodes.push_back(n - 1);
        for (int i = 0, k = 0; i < n; ++i) {
            while (k + 2 < int(nodes.size()) && i >= nodes[std::size_t(k) + 1]) ++k;
            const int a = nodes[std::size_t(k)], b = nodes[std::size_t(k) + 1];
            cell.push_back(k);
            t.push_back(b > a ? double(i - a) / double(b - a) : 0.0);
        }
    }
};

}  // namespace

double syntheticHeight(double lonDeg, double latDeg, std::uint32_t seed, double detailMetres) {
    const Seeds sd(seed);
    const Column c = makeColumn(lonDeg, sd);
    const Plan plan;
    const Reach reach;
    Sample s{c, latDeg, (latDeg - 29.5) * kKmPerDegLat, sd, detailKm(detailMetres), plan, reach};
    return heightAt(s);
}

void syntheticHeightGrid(const double* lons, int columns, const double* lats, int rows, std::uint32_t seed,
                         double detailMetres, double* out) {
    if (columns <= 0 || rows <= 0) return;
    const Seeds sd(seed);
    const double dk = detailKm(detailMetres);
    const auto [lonMin, lonMax] = std::minmax_element(lons, lons + columns);
    const auto [latMin, latMax] = std::minmax_element(lats, lats + rows);
    const Reach reach = reachOf(*lonMin, *lonMax, *latMin, *latMax);
    std::vector<Column> cols;
    cols.reserve(std::size_t(columns));
    for (int i = 0; i < columns; ++i) cols.push_back(makeColumn(lons[i], sd));

    // The lattice cutoff must follow the real spacing even if the caller asked for finer detail.
    double spacingKm = dk;
    for (int i = 1; i < columns; ++i) spacingKm = std::max(spacingKm, std::fabs(lons[i] - lons[i - 1]) * kKmPerDegLon);
    for (int j = 1; j < rows; ++j) spacingKm = std::max(spacingKm, std::fabs(lats[j] - lats[j - 1]) * kKmPerDegLat);
    const bool useLattice = columns > 2 * kLatticeStep && rows > 2 * kLatticeStep;
    const Plan plan = useLattice ? makePlan(spacingKm, reach) : Plan{};
    const Axis ax(columns), ay(rows);
    std::vector<std::size_t> interpolated;  // field indices the lattice supplies
    for (const auto& [grp, idx] : kGroupFields)
        if (plan.lattice & grp)
            for (const int k : idx)
                if (k >= 0) interpolated.push_back(std::size_t(k));
    std::vector<Fields> lattice;
    const std::size_t nx = ax.nodes.size();
    if (plan.lattice) {
        lattice.resize(nx * ay.nodes.size());
        for (std::size_t j = 0; j < ay.nodes.size(); ++j)
            for (std::size_t i = 0; i < nx; ++i) {
                const double lat = lats[ay.nodes[j]];
                Sample s{cols[std::size_t(ax.nodes[i])], lat, (lat - 29.5) * kKmPerDegLat, sd, dk, plan, reach};
                s.compute(plan.lattice);
                lattice[j * nx + i] = s.f;
            }
    }
    for (int j = 0; j < rows; ++j) {
        const double lat = lats[j], y = (lat - 29.5) * kKmPerDegLat;
        for (int i = 0; i < columns; ++i) {
            Sample s{cols[std::size_t(i)], lat, y, sd, dk, plan, reach};
            if (plan.lattice) {
                const std::size_t ci = std::size_t(ax.cell[std::size_t(i)]), cj = std::size_t(ay.cell[std::size_t(j)]);
                const double tx = ax.t[std::size_t(i)], ty = ay.t[std::size_t(j)];
                const Fields& f00 = lattice[cj * nx + ci];
                const Fields& f10 = lattice[cj * nx + ci + 1];
                const Fields& f01 = lattice[(cj + 1) * nx + ci];
                const Fields& f11 = lattice[(cj + 1) * nx + ci + 1];
                for (const std::size_t k : interpolated)
                    s.f[k] = lerp(lerp(f00[k], f10[k], tx), lerp(f01[k], f11[k], tx), ty);
                s.have = plan.lattice;
            }
            *out++ = heightAt(s);
        }
    }
}

}  // namespace plateau
