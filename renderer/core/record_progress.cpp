#include "core/record_progress.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace plateau {

FrameSpan recordFrameSpan(double duration, int fps, double from, std::optional<double> to) {
    if (fps <= 0 || !std::isfinite(duration) || duration <= 0) return {};
    const double end = std::min(duration, to.value_or(duration));
    from = std::max(0.0, from);
    if (!std::isfinite(from) || !std::isfinite(end) || end <= from) return {};
    // The small tolerance keeps 2.0 * 30 = 60 from becoming 61 frames through rounding.
    const auto index = [fps](double t) { return int(std::ceil(t * fps - 1e-6)); };
    const int first = index(from);
    return {first, std::max(0, index(end) - first)};
}

double progressFps(const RecordProgress& p) {
    if (p.done <= 0 || !(p.elapsedSeconds > 0)) return 0.0;
    return p.done / p.elapsedSeconds;
}

std::optional<double> progressSecondsLeft(const RecordProgress& p) {
    const double fps = progressFps(p);
    if (fps <= 0) return std::nullopt;
    return std::max(0, p.total - p.done) / fps;
}

std::string formatClock(std::optional<double> seconds) {
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0) return "--:--";
    const long s = std::lround(*seconds);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

namespace {
std::string fpsText(double fps) {
    char buf[32];
    std::snprintf(buf, sizeof buf, fps < 10 ? "%.1f" : "%.0f", fps);
    return buf;
}
}  // namespace

std::string formatProgressBar(const RecordProgress& p, int barWidth) {
    barWidth = std::max(1, barWidth);
    const double f = p.total > 0 ? std::clamp(double(p.done) / p.total, 0.0, 1.0) : 0.0;
    const int filled = int(std::floor(f * barWidth));
    std::string bar(std::size_t(barWidth) + 2, '.');
    bar.front() = '[';
    bar.back() = ']';
    std::fill_n(bar.begin() + 1, filled, '#');
    const std::string total = std::to_string(p.total);
    // Padded to the total's width: the bar does not jump as the count grows.
    char done[32];
    std::snprintf(done, sizeof done, "%*d", int(total.size()), p.done);
    // Fixed-width fields too (up to 999.9 fps and 99:59 left), redrawn in place without leftovers.
    char tail[64];
    std::snprintf(tail, sizeof tail, " frames  %5.1f fps  %5s left", progressFps(p), formatClock(progressSecondsLeft(p)).c_str());
    return bar + " " + std::string(done) + "/" + total + tail;
}

std::string formatProgressLine(const RecordProgress& p) {
    return "record: frame " + std::to_string(p.done) + "/" + std::to_string(p.total) + ", " + fpsText(progressFps(p)) +
           " fps, " + formatClock(progressSecondsLeft(p)) + " left";
}

std::optional<RecordProgress> parseProgressLine(const std::string& line) {
    static const std::string prefix = "record: frame ";
    if (line.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    const char* p = line.data() + prefix.size();
    const char* end = line.data() + line.size();
    RecordProgress out;
    auto r = std::from_chars(p, end, out.done);
    if (r.ec != std::errc() || r.ptr == end || *r.ptr != '/') return std::nullopt;
    r = std::from_chars(r.ptr + 1, end, out.total);
    if (r.ec != std::errc() || (r.ptr != end && *r.ptr != ',')) return std::nullopt;
    if (out.done < 0 || out.total <= 0 || out.done > out.total) return std::nullopt;
    return out;
}

}  // namespace plateau
