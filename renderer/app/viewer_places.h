#pragma once
// Places in the viewer: the search index over the gazetteer and the loaded layers, the panel's
// Places section (search and bookmarks, ui/places_panel.h) and the camera flight it starts
// (core/fly_to.h). The viewer calls advance() once a frame after its navigation, and
// drawSection() after the panel; user input on the globe cancels a flight.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/bookmark.h"
#include "core/camera.h"
#include "core/fly_to.h"
#include "core/place_search.h"
#include "core/timeline.h"
#include "ui/places_panel.h"

struct ImGuiIO;

namespace plateau::app {

class GlobeView;
class DepositLayers;

class ViewerPlaces {
public:
    // Reads the gazetteer (a failure is logged; search then covers the layers only).
    ViewerPlaces(const std::filesystem::path& gazetteer, std::function<void(const std::string&)> log);

    // Rebuilds the index when layers finished loading or were added or removed: the gazetteer,
    // every deposit layer's deposits and the named features of every vector layer.
    void refresh(const GlobeView& view, const DepositLayers& deposits);
    // The camera for this frame: along the flight while one is active, else `cam` unchanged.
    // Mouse buttons or the wheel over the globe, or a key while no text field has the keyboard,
    // cancel the flight first.
    Camera advance(const Camera& cam, double dt, const ImGuiIO& io);
    // The Places section at the end of the panel window (ui::kPanelWindow). A bookmark flown to
    // with a date moves the timeline there. `changed`: the bookmarks changed.
    void drawSection(const Camera& cam, std::vector<Bookmark>& bookmarks, Timeline& timeline,
                     const ui::GroundHeightFn& ground, bool& changed);
    // Starts a flight from `cam` (as the panel does).
    void flyTo(const Camera& cam, const CameraPose& target);

    const PlaceIndex& index() const { return index_; }
    ui::PlaceSearchState& search() { return search_; }
    ui::BookmarkListState& bookmarkList() { return bookmarkList_; }
    const CameraFlight& flight() const { return flight_; }
    const std::string& status() const { return status_; }

private:
    std::function<void(const std::string&)> log_;
    std::vector<Place> gazetteer_;
    PlaceIndex index_;
    std::size_t indexKey_ = std::size_t(-1);
    ui::PlaceSearchState search_;
    ui::BookmarkListState bookmarkList_;
    CameraFlight flight_;
    std::string status_;  // "flying to Qulong"
};

}  // namespace plateau::app
