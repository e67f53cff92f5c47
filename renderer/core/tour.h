#pragma once
// A tour: the stops of a lesson, each a view with its date, layers, caption, the teacher's
// narration and how long to dwell. The presenter steps through the stops and the viewer flies
// between them; `plateau record --tour` renders the same tour through tourPath.
#include <optional>
#include <string>
#include <vector>

#include "core/camera_path.h"
#include "core/result.h"

namespace plateau {

constexpr int kTourSchemaVersion = 1;

struct TourStop {
    std::string name;
    CameraPose view;
    std::optional<double> time;     // the date on arrival; none: unchanged
    std::optional<double> timeEnd;  // the date the dwell plays to (a pit deepening over the years)
    std::vector<LayerState> layers;
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

// Tour files (JSON, "version": kTourSchemaVersion), read and written like path files.
Result<Tour> parseTour(const std::string& text, const std::string& name);
std::string writeTour(const Tour& tour);
// The tour as a camera path: a flight to each stop (rising with distance, as the window's) and a
// dwell there with its caption; recording a tour records this path.
CameraPath tourPath(const Tour& tour);

}  // namespace plateau
