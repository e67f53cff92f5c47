#pragma once
// The position curve of a camera path (core/camera_path.h): one centripetal Catmull-Rom segment
// per pair of keyframes, and the arc-length table that moves a camera along it at constant speed.
//
// The curve interpolates 4-vectors: xyz is the keyframe's point on the ellipsoid (ECEF, height 0),
// w its height above the ellipsoid. A position is the ellipsoid point's longitude and latitude at
// the interpolated height. Interpolating full ECEF positions instead would cut chords under the
// curved Earth (3 km under the surface halfway along 400 km); this way a flight between two
// keyframes at the same height stays at that height, and the spline still bends in all three
// dimensions through the keyframes.
#include <array>
#include <vector>

#include <glm/glm.hpp>

#include "core/camera_path.h"
#include "core/geodesy.h"

namespace plateau::path_detail {

// Easing of a segment's local parameter, u in [0, 1] -> [0, 1]; the eased curves have zero slope
// at the ends they ease (smootherstep-like cubic: 3u^2 - 2u^3 for in-out).
double ease(Easing e, double u);

// Geodetic position of a curve point (x, y, z: a point near the ellipsoid; w: height).
Geodetic curvePointGeodetic(const glm::dvec4& c);
// The ECEF position of a curve point.
glm::dvec3 curvePointEcef(const glm::dvec4& c);
// The curve point of a geodetic position.
glm::dvec4 curvePoint(double lonDeg, double latDeg, double heightM);

// One Catmull-Rom segment from p[1] to p[2] with centripetal knots (alpha 0.5: no cusps and no
// self-intersections within a segment, Yuksel et al. 2011), evaluated with the Barry-Goldman
// pyramid. p[0] and p[3] are the neighbouring keyframes, reflected at the path's ends.
class CurveSegment {
public:
    CurveSegment() = default;
    CurveSegment(const std::array<glm::dvec4, 4>& p);

    // u in [0, 1] along the segment (not yet eased).
    glm::dvec4 at(double u) const;
    // Keyframes at the same place: the camera only turns (or nothing moves).
    bool still() const { return still_; }
    double length() const { return arc_.empty() ? 0.0 : arc_.back(); }
    // The u at which the arc length from the start is `fraction` of the segment's length. C1 in
    // `fraction` (a cubic Hermite arc-length table inverted by Newton steps), so constant-speed
    // motion has no velocity jumps at the table's entries.
    double uAtArcFraction(double fraction) const;

private:
    double speedAt(double u) const;  // |d position / du| in metres per unit u
    double arcAt(double u) const;    // the Hermite table's arc length from 0 to u
    double arcSlopeAt(double u) const;  // its derivative
    std::array<glm::dvec4, 4> p_{};
    std::array<double, 4> t_{0, 1, 2, 3};
    bool still_ = true;
    std::vector<double> arc_;    // arc length at u = k / (n - 1)
    std::vector<double> speed_;  // |d position / du| there
};

// The segments through curve points `points` (at least two).
std::vector<CurveSegment> catmullRomSegments(const std::vector<glm::dvec4>& points);

}  // namespace plateau::path_detail
