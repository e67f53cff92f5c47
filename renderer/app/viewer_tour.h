#pragma once
// Tours in the viewer: the loaded tour, its player (core/tour_player.h), the panel's Tour section
// (ui/tour_panel.h) and presenter mode. The viewer calls, each frame: keys() while its queued
// keys are still there, advance() after its navigation (the tour then sets the camera, date,
// layers and caption through Viewer::applyPathSample), drawSection() inside the panel and
// drawNotes() last.
//
// Presenter mode hides the panel, the time bar and the help and turns the keyboard navigation
// off, so the keys presentation clickers send step through the stops instead: next with
// PageDown, Space, Right or Down; back with PageUp, Left or Up; Home and End for the first and
// last stop; P toggles autoplay; T the presenter's notes (the narration); Escape leaves, giving
// back the panel, time bar and underground view as they were (the camera stays at the stop).
// The window (view_command.cpp) makes itself fullscreen while presenting() is true.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/tour.h"
#include "core/tour_player.h"
#include "core/underground.h"
#include "ui/tour_panel.h"

struct ImGuiIO;

namespace plateau::app {

class Viewer;

class ViewerTour {
public:
    explicit ViewerTour(std::function<void(const std::string&)> log);

    // Reads a tour file (the viewer's scene stays: a tour for another scene names layers this
    // one lacks, which are ignored). A file that fails leaves the loaded tour and returns the error.
    Status open(const std::filesystem::path& file);
    void load(Tour tour, std::filesystem::path file = {});
    bool loaded() const { return tour_.has_value(); }
    const std::optional<Tour>& tour() const { return tour_; }

    // Flies to a stop without presenting (the panel's list); navigating stops the tour.
    void goTo(Viewer& v, std::size_t stop);
    // Enters presenter mode at `stop`.
    void present(Viewer& v, std::size_t stop = 0);
    // Leaves presenter mode.
    void leave(Viewer& v);
    bool presenting() const { return presenting_; }
    // The player while a tour drives the view (presenting, or flying to a stop from the panel).
    const TourPlayer* player() const { return player_ ? &*player_ : nullptr; }
    bool notesShown() const { return notes_; }
    // Autoplay (the panel's checkbox, P in presenter mode, --autoplay): move on after each dwell.
    void setAutoplay(bool on);
    bool autoplay() const { return panel_.autoplay; }

    // Presenter keys (only while presenting); `pressed(glfwKey)`: pressed since the last frame.
    void keys(Viewer& v, const std::function<bool(int)>& pressed);
    // Moves the tour on by dt and applies what it shows. `io`: input on the globe stops a tour
    // that is not being presented (as it stops a fly-to).
    void advance(Viewer& v, double dt, const ImGuiIO& io);
    void drawSection(Viewer& v);
    void drawNotes() const;

private:
    void startPlayer(Viewer& v, std::size_t stop);

    std::function<void(const std::string&)> log_;
    std::optional<Tour> tour_;
    std::filesystem::path file_;
    std::string error_;
    std::optional<TourPlayer> player_;
    ui::TourPanelState panel_;
    bool presenting_ = false;
    bool notes_ = true;
    // What presenter mode changes, given back when it ends.
    struct Saved {
        bool showPanel = true, showTimeBar = true, help = false;
        UndergroundView underground;
    };
    Saved saved_;
    UndergroundView sceneUnderground_;  // in force where no stop sets one
};

}  // namespace plateau::app
