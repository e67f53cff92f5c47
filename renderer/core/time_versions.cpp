#include "core/time_versions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

namespace plateau {

TimeVersions::TimeVersions(const std::vector<VectorFeature>& features) {
    const std::size_t n = features.size();
    start_.resize(n);
    end_.resize(n);
    std::map<std::string, std::vector<std::size_t>> objects;
    for (std::size_t i = 0; i < n; ++i) {
        start_[i] = features[i].timeStart;
        end_[i] = features[i].timeEnd;
        if (!features[i].objectId.empty()) objects[features[i].objectId].push_back(i);
    }
    for (auto& [id, versions] : objects) {
        // Stable: of two versions with the same start the later in the file wins (the earlier
        // ends where it starts, so it never shows).
        std::stable_sort(versions.begin(), versions.end(),
                         [&](std::size_t a, std::size_t b) { return start_[a] < start_[b]; });
        for (std::size_t k = 0; k + 1 < versions.size(); ++k)
            end_[versions[k]] = std::min(end_[versions[k]], start_[versions[k + 1]]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!(end_[i] > start_[i])) continue;  // never shown: adds no boundary
        if (std::isfinite(start_[i])) boundaries_.push_back(start_[i]);
        if (std::isfinite(end_[i])) boundaries_.push_back(end_[i]);
    }
    std::sort(boundaries_.begin(), boundaries_.end());
    boundaries_.erase(std::unique(boundaries_.begin(), boundaries_.end()), boundaries_.end());
}

std::int64_t TimeVersions::stateAt(double t) const {
    if (std::isnan(t)) return 0;
    return std::int64_t(std::upper_bound(boundaries_.begin(), boundaries_.end(), t) - boundaries_.begin());
}

double TimeVersions::representative(std::int64_t state) const {
    if (state <= 0 || boundaries_.empty()) return -std::numeric_limits<double>::infinity();
    const auto k = std::size_t(std::min<std::int64_t>(state, std::int64_t(boundaries_.size())));
    return boundaries_[k - 1];
}

bool TimeVersions::active(std::size_t feature, std::int64_t state) const {
    const double t = representative(state);
    return start_[feature] <= t && t < end_[feature];
}

std::vector<std::size_t> TimeVersions::activeFeatures(std::int64_t state) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < start_.size(); ++i)
        if (active(i, state)) out.push_back(i);
    return out;
}

TimeBlend TimeVersions::blendAt(double t, double fadeYears) const {
    const std::int64_t k = stateAt(t);
    TimeBlend b{k, k, 1.0};
    // The first date with data shows it whole: there is no earlier version to fade from, and a
    // fade from nothing left the earliest outlines invisible at their own date.
    if (fadeYears > 0 && k > 1) {
        const double since = t - boundaries_[std::size_t(k - 1)];
        if (since < fadeYears) {
            b.from = k - 1;
            b.weight = std::clamp(since / fadeYears, 0.0, 1.0);
        }
    }
    return b;
}

}  // namespace plateau
