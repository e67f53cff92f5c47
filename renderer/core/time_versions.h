#pragma once
// Which features a time-aware layer shows at a time, as a pure function of the features'
// spans and object ids.
//
// Features sharing an objectId are versions of one object (a glacier outlined in 1936, 1990 and
// 2007). At time t an object shows its latest version with timeStart <= t; a version ends at
// the next version's start or at its own timeEnd, whichever comes first. Features without an
// objectId are objects of their own. Layers without time fields show everything always.
//
// The state: the sorted distinct finite ends of all those effective spans cut time into
// intervals, and every time inside one interval shows the same features. State k is the
// interval [b[k-1], b[k]) (state 0 is everything before b[0]), so renderers key cached tiles by
// state and re-render only when the timeline crosses a boundary.
#include <cstdint>
#include <vector>

#include "core/vector_data.h"

namespace plateau {

// A cross-fade between the tiles of two states: draw `from` with 1 - weight and `to` with
// weight. from == to (weight 1) when no fade is under way.
struct TimeBlend {
    std::int64_t from = 0, to = 0;
    double weight = 1.0;
};

class TimeVersions {
public:
    explicit TimeVersions(const std::vector<VectorFeature>& features);

    // False when every time shows the same features (one state, 0).
    bool varies() const { return !boundaries_.empty(); }
    std::int64_t stateAt(double t) const;
    std::int64_t stateCount() const { return std::int64_t(boundaries_.size()) + 1; }
    bool active(std::size_t feature, std::int64_t state) const;
    std::vector<std::size_t> activeFeatures(std::int64_t state) const;
    // After each boundary but the first the layer fades from the previous state over `fadeYears`.
    TimeBlend blendAt(double t, double fadeYears) const;

    const std::vector<double>& boundaries() const { return boundaries_; }
    double start(std::size_t feature) const { return start_[feature]; }
    double end(std::size_t feature) const { return end_[feature]; }  // effective end

private:
    double representative(std::int64_t state) const;
    std::vector<double> start_, end_;
    std::vector<double> boundaries_;
};

}  // namespace plateau
