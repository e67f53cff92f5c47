#pragma once
// A saved view: a name, the camera, and optionally the timeline's date when it was saved.
// Bookmarks are kept in the scene file ("bookmarks": [...]).
#include <optional>
#include <string>

#include "core/camera.h"

namespace plateau {

struct Bookmark {
    std::string name;
    CameraPose pose;
    std::optional<double> time;  // the timeline's date (decimal year, core/timeline.h), when it has one

    bool operator==(const Bookmark&) const = default;
};

}  // namespace plateau
