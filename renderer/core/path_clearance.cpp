#include "core/path_clearance.h"

#include <algorithm>
#include <cmath>

namespace plateau::path_detail {

namespace {

std::vector<double> runningMax(const std::vector<double>& v, int r) {
    const int n = int(v.size());
    std::vector<double> out(v.size(), 0.0);
    for (int j = 0; j < n; ++j) {
        double m = 0.0;
        for (int k = std::max(0, j - r); k <= std::min(n - 1, j + r); ++k) m = std::max(m, v[std::size_t(k)]);
        out[std::size_t(j)] = m;
    }
    return out;
}

// Mean over [j - r, j + r], the window clipped at the ends (the clipped mean of a running maximum
// of radius 2r is still at least the need: every sample in it reaches back to j).
std::vector<double> boxMean(const std::vector<double>& v, int r) {
    const int n = int(v.size());
    std::vector<double> prefix(v.size() + 1, 0.0);
    for (int j = 0; j < n; ++j) prefix[std::size_t(j + 1)] = prefix[std::size_t(j)] + v[std::size_t(j)];
    std::vector<double> out(v.size(), 0.0);
    for (int j = 0; j < n; ++j) {
        const int a = std::max(0, j - r), b = std::min(n - 1, j + r);
        out[std::size_t(j)] = (prefix[std::size_t(b + 1)] - prefix[std::size_t(a)]) / double(b - a + 1);
    }
    return out;
}

double smoothstep(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
}

}  // namespace

ClearanceLift::ClearanceLift(const std::vector<double>& need, double dt, double window_s,
                             const std::vector<double>& pinned)
    : dt_(dt) {
    if (need.empty() || !(dt > 0.0)) return;
    if (std::all_of(need.begin(), need.end(), [](double x) { return x <= 0.0; })) return;
    const int r = std::max(1, int(std::lround(window_s / dt)));
    std::vector<double> lift = boxMean(boxMean(runningMax(need, 2 * r), r), r);
    // Back to zero at the clear keyframes: a smooth step over one window, flat over the two
    // samples either side so the interpolating spline is exactly zero at the keyframe itself.
    const double flat = 2.0 * dt, reach = std::max(window_s, 4.0 * dt);
    for (std::size_t j = 0; j < lift.size(); ++j) {
        const double t = double(j) * dt;
        double keep = 1.0;
        for (double p : pinned) keep *= smoothstep((std::fabs(t - p) - flat) / (reach - flat));
        // Where a ridge stands right beside a clear keyframe the need wins over the pin.
        lift[j] = std::max(lift[j] * keep, need[j]);
    }
    lift_ = std::move(lift);
}

double ClearanceLift::at(double t) const {
    if (lift_.empty()) return 0.0;
    const double x = t / dt_;
    const int n = int(lift_.size());
    const int j = std::clamp(int(std::floor(x)), 0, n - 1);
    const double f = std::clamp(x - double(j), 0.0, 1.0);
    auto v = [&](int k) { return lift_[std::size_t(std::clamp(k, 0, n - 1))]; };
    const double p0 = v(j - 1), p1 = v(j), p2 = v(j + 1), p3 = v(j + 2);
    // Uniform Catmull-Rom: C1 between samples, and exact at them.
    const double y = p1 + 0.5 * f * (p2 - p0 + f * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3 + f * (3.0 * (p1 - p2) + p3 - p0)));
    return std::max(0.0, y);
}

double ClearanceLift::maximum() const {
    return lift_.empty() ? 0.0 : *std::max_element(lift_.begin(), lift_.end());
}

}  // namespace plateau::path_detail
