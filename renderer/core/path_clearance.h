#pragma once
// How far a camera path is raised to keep its clearance above the ground, as a smooth function of
// time. Raising each sample just enough would follow every ridge's profile and put kinks into the
// flight wherever the ground starts to matter; instead the need is widened with a running maximum
// and smoothed twice with a box filter (a triangle kernel: the lift is C1), which never ends up
// below the need: each sample's window lies inside the maximum's reach.
#include <vector>

namespace plateau::path_detail {

class ClearanceLift {
public:
    ClearanceLift() = default;  // no lift anywhere

    // need[j] >= 0: how far the unraised path at time j * dt is below ground + clearance.
    // window_s: the smoothing radius (the lift rises over about three of them). At the times in
    // `pinned` (keyframes that are themselves clear) the lift is zero, so the camera passes exactly
    // through them; it rises from there within one window.
    ClearanceLift(const std::vector<double>& need, double dt, double window_s, const std::vector<double>& pinned);

    double at(double t) const;  // metres, C1 in t (Catmull-Rom through the smoothed samples)
    bool empty() const { return lift_.empty(); }
    double maximum() const;

private:
    std::vector<double> lift_;
    double dt_ = 0.0;
};

}  // namespace plateau::path_detail
