#pragma once
// "Record…" for the Flythrough section: the frame size, rate and output file of a recording of
// the current path, then its progress and Cancel while `plateau record` runs as a child process
// (app/record_job.h). Plain state in, actions out; no window or process calls.
#include <optional>
#include <string>

#include "core/record_progress.h"

namespace plateau::ui {

struct RecordPanelState {
    bool open = false;  // the settings are shown
    int width = 1920;
    int height = 1080;
    int fps = 30;
    std::string out = "flight.mp4";  // a .mp4 file, or a folder ending in '/' for PNG frames
};

struct RecordPanelModel {
    bool havePath = false;  // a path of at least two keyframes to record
    bool running = false;
    std::optional<RecordProgress> progress;
    std::string message;    // the last result or error of a recording
};

struct RecordPanelActions {
    bool start = false;
    bool cancel = false;
};

RecordPanelActions drawRecordPanel(RecordPanelState& state, const RecordPanelModel& model);

}  // namespace plateau::ui
