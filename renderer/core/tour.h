#pragma once
// A tour: the stops of a lesson, each a view with its date, layers, caption, the teacher's
// narration and how long to dwell. The presenter steps through the stops and the viewer flies
// between them; `plateau record --tour` renders the same tour through tourPath.
#include <optional>
#include <string>
#include <vector>

#include "core/camera_path.h"
#include "core/fly_to.h"
#include "core/result.h"
#include "core/underground.h"

namespace plateau {

constexpr int kTourSchemaVersion = 1;

struct TourStop {
    std::string name;
    CameraPose view;
    std::optional<double> time;     // the date on arrival; none: unchanged
    std::optional<double> timeEnd;  // the date the dwell plays to (a pit deepening over the years)
    // Layer states from this stop on: each stop's list updates the states of the stops before it,
    // so a layer keeps what it was given until a later stop names it again, whichever stop the
    // presenter jumps to.
    std::vector<LayerState> layers;
    // The underground view from this stop on (a body seen through translucent terrain); none:
    // as at the stop before (the first stop: the scene's).
    std::optional<UndergroundView> underground;
    Caption caption;
    std::string narration;          // for the teacher: shown to the presenter, never drawn into frames
    double dwell_s = 8.0;
    double flight_s = 0.0;          // the flight here from the previous stop; 0: chosen from the distance
    bool operator==(const TourStop&) const = default;
};

struct Tour {
    std::string title;
    std::string scene;  // the scene file it is made for, relative to the tour file; may be empty
    std::vector<TourStop> stops;
    bool operator==(const Tour&) const = default;
};

// Tour files (JSON, "version": kTourSchemaVersion), read and written like path files. Errors are
// one line naming `name` and the field ("gangdese.json: stops[3].dwell: must be a positive number
// of seconds (got -1)"); an empty file, no stops, unknown fields, NaN or infinite numbers (JSON
// has neither; 1e999 overflows) and a newer version (checked first) are refused. writeTour's output reads back equal.
//
//   { "version": 1, "title": "...", "scene": "../default.json",
//     "stops": [ { "name": "Qulong", "view": {"lon", "lat", "height", "heading", "pitch", "fov"},
//                  "time": "2021", "time_end": "2030", "layers": [{"id", "visible", "opacity"}],
//                  "underground": {"enabled", "terrain_opacity", "max_depth_m", "cutaway"},
//                  "caption": {"title", "subtitle", "source"}, "narration": "...",
//                  "dwell": 8, "flight": 0 } ] }
Result<Tour> parseTour(const std::string& text, const std::string& name);
std::string writeTour(const Tour& tour);

// The layer states in force at each stop: `base` (the scene's, for the layers the tour names;
// may be empty) updated by the stops' lists in order. One list per stop, each naming every layer
// any stop names or `base` holds.
std::vector<std::vector<LayerState>> tourLayerStates(const Tour& tour, const std::vector<LayerState>& base = {});

// The layers part way (u in 0..1) from states `a` to `b` (both from tourLayerStates): what is
// drawn fades, so each layer's opacity is interpolated from 0 where it is hidden; it is visible
// while that is above 0.
std::vector<LayerState> blendLayerStates(const std::vector<LayerState>& a, const std::vector<LayerState>& b, double u);

// The flight from one stop's view to the next: FlyTo's arc (core/fly_to.h), lasting the stop's
// flight_s when that is positive, else FlyTo's own duration for the distance.
FlyToOptions tourFlightOptions(const TourStop& to);

// The tour as a camera path: a flight to each stop (rising with distance, as the window's) and a
// dwell there with its caption; recording a tour records this path. Each stop is two keyframes
// at its view (arrival, at `time`, and departure after the dwell, at `time_end`); each flight
// between them is FlyTo sampled at kTourFlightKeys inner keyframes, the date and layer opacity
// interpolated along it as the presenter does. `base`: as for tourLayerStates.
constexpr int kTourFlightKeys = 5;
// The last keyframe's hold (a path's durations are positive): the path ends this long after the
// last stop's dwell.
constexpr double kTourEndHoldS = 0.001;
CameraPath tourPath(const Tour& tour, const std::vector<LayerState>& base = {});
// When the tour's path arrives at each stop (seconds from its start).
std::vector<double> tourArrivalTimes(const Tour& tour);

}  // namespace plateau
