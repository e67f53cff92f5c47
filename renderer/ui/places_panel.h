#pragma once
// The Places section of the panel: a search box with live results over places (core/
// place_search.h) and typed coordinates (core/coordinate_parse.h), and the bookmark list. Both
// draw into the current ImGui window (call between Begin and End) and edit plain state; what the
// user asked for comes back as a FlyRequest, which the caller turns into a camera flight
// (core/fly_to.h). No window, input or GPU calls here.
//
// Search: results update as the user types (name, kind, where it came from, and the other name
// that matched, "Tsetang (Zêtang)"). Enter, the Fly button or a click on a result flies there.
// Text that reads as coordinates ("29.63 91.13", "29°37'N 91°7'E") is offered first.
//
// Bookmarks: "Add current view" saves the camera (and the timeline's date), named after the
// nearest gazetteer place within 50 km ("Near Qulong") or "View N". Each row: fly to, rename
// inline (Enter keeps the name, Escape or an empty name cancels), move up or down, delete.
//
// Widgets note their rectangles (ui/widget_rects.h) as "places.search", "places.fly",
// "places.result.<row>", "bookmarks.add" and "bookmark.<fly|name|rename|field|up|down|delete>.<i>".
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/bookmark.h"
#include "core/camera.h"
#include "core/place_search.h"
#include "core/vector_data.h"

namespace plateau::ui {

struct FlyRequest {
    CameraPose target;
    std::string label;            // what the flight goes to, for the status line
    std::optional<double> time;   // a bookmark's date: the timeline goes there too
};

// Ground height at a position (metres), for views of places and coordinates.
using GroundHeightFn = std::function<double(double lonDeg, double latDeg)>;

struct PlaceSearchState {
    char query[160] = {};
    std::string lastQuery;  // the query `results` were computed for
    std::vector<PlaceMatch> results;
    std::optional<LonLat> coordinate;  // the query read as coordinates
    std::string coordinateError;       // why not, shown when the query starts like a number
    bool focus = false;                // give the search box the keyboard on the next frame
};

// Recomputes results for `query` (without drawing): the widget does this when the text changes.
void updatePlaceSearch(PlaceSearchState& state, const PlaceIndex& index, std::size_t maxResults = 12);
// The flight to result `i` of the current results (i == 0 with a coordinate: the coordinate).
std::optional<FlyRequest> flyToResult(const PlaceSearchState& state, const PlaceIndex& index, std::size_t i,
                                      const GroundHeightFn& groundHeight);
std::optional<FlyRequest> drawPlaceSearch(PlaceSearchState& state, const PlaceIndex& index, const GroundHeightFn& groundHeight,
                                          std::size_t maxResults = 12);

struct BookmarkListState {
    int renaming = -1;  // the row being renamed, -1: none
    char renameBuffer[128] = {};
    bool focusRename = false;
};

// A name for a new bookmark at `pose`: "Near <place>" for the nearest place of `index` within
// 50 km of the point the camera looks at (the pose's position when it looks at the sky), else
// "View <n>" with the first n not taken.
std::string bookmarkName(const CameraPose& pose, const PlaceIndex& index, const std::vector<Bookmark>& existing);

// `changed` is set when the list changed (added, renamed, moved, deleted): the scene is unsaved.
std::optional<FlyRequest> drawBookmarkList(BookmarkListState& state, std::vector<Bookmark>& bookmarks, const CameraPose& current,
                                           std::optional<double> currentTime, const PlaceIndex& index, bool& changed);

}  // namespace plateau::ui
