#pragma once
// A camera flight from one pose to another, like Google Earth's and CesiumJS's flyTo: the camera
// moves along the great circle between the two positions and rises on the way, higher the
// farther it goes, so a long flight shows the land it crosses and never skims it.
//
// - Progress: s = smootherstep(t / duration) (6s^5 - 15s^4 + 10s^3): it starts and stops with
//   zero speed and zero acceleration, so the motion has no jolt at either end.
// - Position: spherical interpolation of the two positions' directions (the great circle), by s.
// - Height: with the arc height P = min(peakFraction x distance, maxPeakHeight), a flight is
//   "long" when P exceeds both ends' heights. Then h(s) = lerp(h0, h1, s) + 4s(1-s)(P - (h0+h1)/2):
//   a parabola in s through both ends that reaches P half way and, since P >= max(h0, h1), rises
//   from the start and falls to the end (never below either end in between). A short flight
//   (zooming in on a place nearby) interpolates the height geometrically, so each second covers
//   the same zoom factor instead of rushing through the last metres.
// - Heading turns the short way round (350 -> 10 degrees passes north); pitch is interpolated.
// - Duration grows with the logarithm of the distance (ground plus height change): about 1.5 s
//   for a few kilometres, 4 s across the plateau, capped at maxDurationS.
// at(t) is exactly `from` for t <= 0 and exactly `to` for t >= duration().
#include <optional>
#include <string_view>

#include "core/camera.h"

namespace plateau {

struct FlyToOptions {
    double peakFraction = 0.3;            // arc height as a fraction of the ground distance
    double maxPeakHeightM = 1'500'000.0;  // arc height cap: the whole plateau in view
    double minDurationS = 1.0;
    double maxDurationS = 6.0;
};

class FlyTo {
public:
    FlyTo(const CameraPose& from, const CameraPose& to, const FlyToOptions& options = {});

    CameraPose at(double tSeconds) const;
    double duration() const { return duration_; }
    // Great-circle distance between the two positions on a sphere of the mean Earth radius.
    double groundDistanceM() const { return distance_; }
    // The arc height P (see above); for a short flight, the higher end's height.
    double peakHeightM() const { return peak_; }
    bool longFlight() const { return long_; }
    const CameraPose& from() const { return from_; }
    const CameraPose& to() const { return to_; }

private:
    CameraPose from_, to_;
    double distance_ = 0, peak_ = 0, duration_ = 1;
    double angle_ = 0;  // radians between the two positions
    bool long_ = false;
};

// A flight in progress, as a view animates it: each frame advance() by the frame's elapsed time
// gives the camera's pose; the frame that reaches the end gets exactly the target and ends the
// flight. Any input from the user cancels it (the camera stays where the flight left it).
class CameraFlight {
public:
    void start(const CameraPose& from, const CameraPose& to, const FlyToOptions& options = {});
    // The pose for this frame, or nothing when no flight is active.
    std::optional<CameraPose> advance(double dtSeconds);
    void cancel() { flight_.reset(); }
    bool active() const { return flight_.has_value(); }
    const std::optional<FlyTo>& flight() const { return flight_; }
    double elapsed() const { return elapsed_; }

private:
    std::optional<FlyTo> flight_;
    double elapsed_ = 0;
};

// A view of a place for flying to it: looking north, tilted (pitch -40 degrees; -30 for peaks so
// their faces show), from a distance that suits its kind (a mine 6 km, a city or town 15 km, a
// peak 20 km, a lake 50 km; others 12 km), or with the camera `viewHeightM` above the place when
// that is positive (the gazetteer's suggested view height). The camera stands south of the place
// so that the place is at the centre of the view. `featureHeightM`: the ground (or summit) height
// of the place.
CameraPose viewOf(double lonDeg, double latDeg, double featureHeightM, std::string_view kind, double viewHeightM = 0);

}  // namespace plateau
