#include "core/path_curve.h"

#include <algorithm>
#include <cmath>

namespace plateau::path_detail {

namespace {
// Entries of the arc-length table per segment. The table is a cubic Hermite in u (values and
// slopes), so it is exact to well under a metre on any flight a keyframe editor produces.
constexpr int kArcEntries = 129;
// Gauss-Legendre nodes and weights on [0, 1] (5 points: exact for polynomials of degree 9).
constexpr double kGaussX[5] = {0.04691007703066802, 0.23076534494715845, 0.5, 0.7692346550528415,
                               0.9530899229693319};
constexpr double kGaussW[5] = {0.11846344252809454, 0.23931433524968324, 0.28444444444444444,
                               0.23931433524968324, 0.11846344252809454};
// Keyframes closer than this are one place: the segment between them does not move.
constexpr double kStillM = 1e-3;
}  // namespace

double ease(Easing e, double u) {
    u = std::clamp(u, 0.0, 1.0);
    switch (e) {
        case Easing::Linear: return u;
        case Easing::EaseIn: return u * u;
        case Easing::EaseOut: return 1.0 - (1.0 - u) * (1.0 - u);
        case Easing::EaseInOut: return u * u * (3.0 - 2.0 * u);
    }
    return u;
}

Geodetic curvePointGeodetic(const glm::dvec4& c) {
    Geodetic g = ecefToGeodetic(glm::dvec3(c));
    g.height_m = c.w;
    return g;
}

glm::dvec3 curvePointEcef(const glm::dvec4& c) { return geodeticToEcef(curvePointGeodetic(c)); }

glm::dvec4 curvePoint(double lonDeg, double latDeg, double heightM) {
    return glm::dvec4(geodeticToEcef({lonDeg, latDeg, 0.0}), heightM);
}

CurveSegment::CurveSegment(const std::array<glm::dvec4, 4>& p) : p_(p) {
    // Centripetal knots from the distances between the real positions (with their heights).
    glm::dvec3 pos[4];
    for (int k = 0; k < 4; ++k) pos[k] = curvePointEcef(p[std::size_t(k)]);
    still_ = glm::length(pos[2] - pos[1]) < kStillM;
    for (std::size_t k = 1; k < 4; ++k) {
        // A repeated neighbour gives a zero interval; a tiny one keeps the pyramid finite and
        // changes nothing (its two points are the same).
        const double d = std::sqrt(glm::length(pos[k] - pos[k - 1]));
        t_[k] = t_[k - 1] + std::max(d, 1e-6);
    }
    if (still_) return;
    arc_.assign(kArcEntries, 0.0);
    speed_.assign(kArcEntries, 0.0);
    const double h = 1.0 / double(kArcEntries - 1);
    for (int k = 0; k < kArcEntries; ++k) {
        speed_[std::size_t(k)] = speedAt(double(k) * h);
        if (k == 0) continue;
        double s = 0.0;
        for (int g = 0; g < 5; ++g) s += kGaussW[g] * speedAt((double(k - 1) + kGaussX[g]) * h);
        arc_[std::size_t(k)] = arc_[std::size_t(k - 1)] + s * h;
    }
}

glm::dvec4 CurveSegment::at(double u) const {
    if (still_) return p_[1];
    const auto& t = t_;
    const auto& p = p_;
    const double x = t[1] + (t[2] - t[1]) * std::clamp(u, 0.0, 1.0);
    auto lerp = [&](const glm::dvec4& a, const glm::dvec4& b, double ta, double tb) {
        return a * ((tb - x) / (tb - ta)) + b * ((x - ta) / (tb - ta));
    };
    const glm::dvec4 a1 = lerp(p[0], p[1], t[0], t[1]);
    const glm::dvec4 a2 = lerp(p[1], p[2], t[1], t[2]);
    const glm::dvec4 a3 = lerp(p[2], p[3], t[2], t[3]);
    const glm::dvec4 b1 = lerp(a1, a2, t[0], t[2]);
    const glm::dvec4 b2 = lerp(a2, a3, t[1], t[3]);
    return lerp(b1, b2, t[1], t[2]);
}

double CurveSegment::speedAt(double u) const {
    // Central difference of the position (one-sided at the ends); the step is far above the
    // rounding of ECEF metres and far below any bend of the curve.
    const double e = 1e-5;
    const double a = std::max(0.0, u - e), b = std::min(1.0, u + e);
    return glm::length(curvePointEcef(at(b)) - curvePointEcef(at(a))) / (b - a);
}

double CurveSegment::arcAt(double u) const {
    const double h = 1.0 / double(kArcEntries - 1);
    const int k = std::clamp(int(u / h), 0, kArcEntries - 2);
    const double x = (u - double(k) * h) / h;
    const double s0 = arc_[std::size_t(k)], s1 = arc_[std::size_t(k + 1)];
    const double m0 = speed_[std::size_t(k)] * h, m1 = speed_[std::size_t(k + 1)] * h;
    const double x2 = x * x, x3 = x2 * x;
    return (2 * x3 - 3 * x2 + 1) * s0 + (x3 - 2 * x2 + x) * m0 + (-2 * x3 + 3 * x2) * s1 + (x3 - x2) * m1;
}

double CurveSegment::arcSlopeAt(double u) const {
    const double h = 1.0 / double(kArcEntries - 1);
    const int k = std::clamp(int(u / h), 0, kArcEntries - 2);
    const double x = (u - double(k) * h) / h;
    const double s0 = arc_[std::size_t(k)], s1 = arc_[std::size_t(k + 1)];
    const double m0 = speed_[std::size_t(k)] * h, m1 = speed_[std::size_t(k + 1)] * h;
    const double x2 = x * x;
    return ((6 * x2 - 6 * x) * s0 + (3 * x2 - 4 * x + 1) * m0 + (6 * x - 6 * x2) * s1 + (3 * x2 - 2 * x) * m1) / h;
}

double CurveSegment::uAtArcFraction(double fraction) const {
    if (still_ || length() <= 0.0) return std::clamp(fraction, 0.0, 1.0);
    const double target = std::clamp(fraction, 0.0, 1.0) * length();
    // The table's cell holding the target, then Newton steps on the cell's cubic with a
    // bisection fallback (the cubic is monotonic where the speed is positive).
    const auto it = std::upper_bound(arc_.begin(), arc_.end(), target);
    const int k = std::clamp(int(it - arc_.begin()) - 1, 0, kArcEntries - 2);
    const double h = 1.0 / double(kArcEntries - 1);
    double lo = double(k) * h, hi = double(k + 1) * h;
    const double span = arc_[std::size_t(k + 1)] - arc_[std::size_t(k)];
    double u = span > 0.0 ? lo + (target - arc_[std::size_t(k)]) / span * h : lo;
    for (int iter = 0; iter < 50; ++iter) {
        const double s = arcAt(u) - target;
        if (std::fabs(s) < 1e-9 * std::max(1.0, length())) break;
        if (s > 0.0) hi = u;
        else lo = u;
        const double d = arcSlopeAt(u);
        double next = d > 0.0 ? u - s / d : 0.5 * (lo + hi);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        u = next;
    }
    return u;
}

std::vector<CurveSegment> catmullRomSegments(const std::vector<glm::dvec4>& points) {
    std::vector<CurveSegment> out;
    const std::size_t n = points.size();
    if (n < 2) return out;
    // Reflected ends: the phantom point before the first keyframe mirrors the second through the
    // first, so the path leaves the first keyframe heading for the second (no drift sideways).
    auto point = [&](std::ptrdiff_t i) -> glm::dvec4 {
        if (i < 0) return 2.0 * points[0] - points[1];
        if (std::size_t(i) >= n) return 2.0 * points[n - 1] - points[n - 2];
        return points[std::size_t(i)];
    };
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const auto k = std::ptrdiff_t(i);
        out.emplace_back(std::array<glm::dvec4, 4>{point(k - 1), point(k), point(k + 1), point(k + 2)});
    }
    return out;
}

}  // namespace plateau::path_detail
