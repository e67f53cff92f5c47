#pragma once
// Which frames a recording draws, and the text of its progress: a bar with the frame count, frames per second and time
// left for a terminal, one plain line for a log or a pipe, and the reading of that line back
// (the panel runs `plateau record` as a child and shows its progress). Pure formatting: the
// caller passes the clock's readings in.
#include <optional>
#include <string>

namespace plateau {

// Frame i of a recording shows the clip at exactly i / fps seconds. A clip of D seconds has the
// frames with from <= i / fps < to (to: D by default), so 2 s at 30 fps are frames 0..59 and the
// video lasts exactly 2 s; a part (--from/--to) keeps the whole clip's numbering.
struct FrameSpan {
    int first = 0;  // i of the first frame
    int count = 0;
};
FrameSpan recordFrameSpan(double duration, int fps, double from = 0.0, std::optional<double> to = std::nullopt);

struct RecordProgress {
    int done = 0;              // frames finished
    int total = 0;             // frames to record
    double elapsedSeconds = 0; // since the first frame started
};

// Frames per second so far (0 before the first frame or when no time has passed).
double progressFps(const RecordProgress& p);
// Seconds left at the rate so far; none before the first frame.
std::optional<double> progressSecondsLeft(const RecordProgress& p);
// "0:07", "12:05", "1:02:03"; "--:--" for none.
std::string formatClock(std::optional<double> seconds);
// For a terminal, redrawn in place: "[#########...........]  45/120 frames  3.2 fps  0:23 left".
std::string formatProgressBar(const RecordProgress& p, int barWidth = 30);
// For a pipe or log, one line a second: "record: frame 45/120, 3.2 fps, 0:23 left".
std::string formatProgressLine(const RecordProgress& p);
// Reads a formatProgressLine line back (done and total; elapsed is not kept). None for any other
// line, or numbers out of range (done > total, negative, non-numeric).
std::optional<RecordProgress> parseProgressLine(const std::string& line);

}  // namespace plateau
