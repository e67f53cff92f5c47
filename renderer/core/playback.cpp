#include "core/playback.h"

#include <algorithm>
#include <cmath>

namespace plateau {

double advancePlayback(const Timeline& timeline, Playback& playback, double dt) {
    const double t = timeline.clamp(timeline.current);
    if (!playback.playing || dt <= 0.0 || !(timeline.end > timeline.start)) return t;
    double next = t + dt * playback.yearsPerSecond;
    if (next <= timeline.end) return next;
    if (!playback.loop) {
        playback.playing = false;
        return timeline.end;
    }
    // Play resumes from the start; a date exactly at the end is shown once before wrapping.
    if (t >= timeline.end) return timeline.start;
    return timeline.end;
}

std::vector<double> dataDates(std::vector<double> dates) {
    std::vector<double> out;
    for (double d : dates)
        if (std::isfinite(d)) out.push_back(std::round(d * 365.25) / 365.25);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end(), [](double a, double b) { return std::fabs(a - b) < 0.5 / 365.25; }),
              out.end());
    return out;
}

Timeline sliderRange(const Timeline& scene, const std::vector<double>& dates) {
    Timeline r = scene;
    if (dates.empty()) return r;
    r.start = std::min(dates.front(), scene.current);
    r.end = std::max(dates.back(), scene.current);
    if (r.end - r.start < 1.0) {  // one date: a year either side, so the slider can move
        r.start -= 1.0;
        r.end += 1.0;
    }
    r.current = r.clamp(scene.current);
    return r;
}

}  // namespace plateau
