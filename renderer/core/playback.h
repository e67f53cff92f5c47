#pragma once
// Timeline playback and the dates the data has, as pure functions: the time slider's range and
// ticks come from the loaded layers, and play advances the date by wall-clock seconds so it
// runs at the same speed whatever the frame rate.
#include <vector>

#include "core/timeline.h"

namespace plateau {

struct Playback {
    bool playing = false;
    double yearsPerSecond = 2.0;  // 2: a decade in five seconds
    bool loop = true;             // at the end, start again; otherwise stop there
};

// The date after `dt` seconds of play, within [timeline.start, timeline.end]. Stops playing at
// the end unless looping (then it wraps to the start).
double advancePlayback(const Timeline& timeline, Playback& playback, double dt);

// Sorted, distinct dates with data (rounded to a day), from every source's change dates.
std::vector<double> dataDates(std::vector<double> dates);

// The slider's range: the span of the data dates, widened to hold the current date; the
// scene's own range when there are no data dates.
Timeline sliderRange(const Timeline& scene, const std::vector<double>& dates);

}  // namespace plateau
