#pragma once
// The presenter's state for a tour, as plain logic: which stop is shown, whether the camera is
// flying there or dwelling, and what to show at each frame as a PathSample (the window applies it
// with Viewer::applyPathSample, as the preview and the recorder do).
//
// - next/previous/first/last/goTo start a flight from where the camera is now (a key pressed
//   mid-flight turns the flight toward the new stop from where it is) to that stop's view:
//   FlyTo's arc, timed by tourFlightOptions, the same flight tourPath records.
// - During a flight the date goes from the date at departure to the stop's `time`, and each
//   named layer's opacity fades between the states in force (tourLayerStates), as in tourPath.
// - On arrival the stop's caption fades in over captionFade_s; during the dwell the date plays
//   linearly from `time` to `timeEnd` over dwell_s, then holds. Leaving, the caption fades out
//   over the first captionFade_s of the flight.
// - Autoplay moves to the next stop when the dwell is over; the last stop stays.
// Nothing moves before start(); the player reads no clock: advance() gets the frame's seconds.
#include <cstddef>
#include <optional>
#include <vector>

#include "core/camera_path.h"
#include "core/fly_to.h"
#include "core/tour.h"

namespace plateau {

struct TourPlayerOptions {
    bool autoplay = false;
    double captionFadeS = 1.0;
};

class TourPlayer {
public:
    enum class Phase { Idle, Flying, Dwelling };

    // `base`: the scene's layer states (see tourLayerStates); `date`: the scene's date now.
    TourPlayer(Tour tour, std::vector<LayerState> base = {}, std::optional<double> date = {},
               TourPlayerOptions options = {});

    // Flies from `from` (the camera now) to stop `index` (clamped).
    void start(const CameraPose& from, std::size_t index = 0);
    void next();
    void previous();
    void first();
    void last();
    void goTo(std::size_t index);
    // Advances by `dt` seconds (>= 0) and returns what to show now.
    PathSample advance(double dt);
    // What to show now, without moving.
    PathSample sample() const;

    void setAutoplay(bool on) { options_.autoplay = on; }
    bool autoplay() const { return options_.autoplay; }
    Phase phase() const { return phase_; }
    std::size_t stopIndex() const { return stop_; }
    const TourStop& stop() const { return tour_.stops[stop_]; }
    const Tour& tour() const { return tour_; }
    // Seconds since arriving at the stop (0 while flying).
    double dwellElapsed() const { return phase_ == Phase::Dwelling ? elapsed_ : 0.0; }
    // The whole flight when flying.
    const std::optional<FlyTo>& flight() const { return flight_; }
    // The underground view in force at the current stop (the last stop up to it that sets one).
    std::optional<UndergroundView> underground() const;
    bool atLastStop() const { return stop_ + 1 >= tour_.stops.size(); }

private:
    std::optional<double> dwellDate() const;

    Tour tour_;
    std::vector<std::vector<LayerState>> states_;  // per stop
    TourPlayerOptions options_;
    Phase phase_ = Phase::Idle;
    std::size_t stop_ = 0;
    double elapsed_ = 0;  // in the flight or the dwell
    std::optional<FlyTo> flight_;
    CameraPose pose_;                         // shown now
    std::optional<double> date_;              // shown now
    std::optional<double> departDate_;        // the date when the flight began
    std::vector<LayerState> layers_;          // shown now
    std::vector<LayerState> departLayers_;    // when the flight began
    Caption leaving_;                         // the caption fading out during a flight
    double leavingAlpha_ = 0;                 // its alpha when the flight began
};

}  // namespace plateau
