#pragma once
// The panel's "Tour" section (open a tour file, list its stops, go to one, start presenting) and
// the presenter's notes (the narration for the teacher, toggled with T in presenter mode). Plain
// state in, what the user asked for out; the viewer does it (app/viewer_tour.h).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ui/file_browser.h"

namespace plateau::ui {

inline constexpr const char* kPresenterNotesWindow = "Presenter notes";

struct TourPanelState {
    FileBrowserState browser;
    bool autoplay = false;  // presenter mode moves on after each dwell
};

struct TourPanelModel {
    std::filesystem::path file;       // the tour's file (may be empty for a tour made in code)
    std::string title;
    std::vector<std::string> stops;   // names, in order; empty: no tour loaded
    std::optional<std::size_t> current;  // the stop shown or flown to
    std::string error;                // why the last tour did not open
};

struct TourPanelRequest {
    std::optional<std::filesystem::path> open;  // a tour file to open
    std::optional<std::size_t> goTo;            // fly to this stop (without presenting)
    std::optional<std::size_t> present;         // start presenting from this stop
};

// Draws the section into the current window.
TourPanelRequest drawTourSection(TourPanelState& s, const TourPanelModel& m);

struct PresenterNotes {
    std::string tourTitle;
    std::string stopName;
    std::size_t index = 0, count = 0;
    std::string narration;
    bool autoplay = false;
    bool flying = false;
};
// The narration and the keys, in a window at the bottom left.
void drawPresenterNotes(const PresenterNotes& n);

}  // namespace plateau::ui
