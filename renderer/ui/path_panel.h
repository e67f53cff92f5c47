#pragma once
// The panel's "Flythrough" section: the keyframes of the path being edited (capture the view,
// list, reorder, delete, each segment's duration and easing, captions), the preview's play,
// stop and time slider, and opening and saving path files through the panel's file browser.
// Edits the CameraPath in place; what needs the viewer (the current view, playing, files) comes
// back as PathPanelActions. No Vulkan, no window calls.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "core/camera_path.h"
#include "ui/file_browser.h"

namespace plateau::ui {

struct PathPanelState {
    // What a captured keyframe holds besides the camera.
    bool captureTime = true;
    bool captureLayers = false;
    Caption caption;  // the caption fields: given to the next captured keyframe
    std::optional<std::size_t> selected;  // the keyframe whose settings are shown
    std::filesystem::path file;           // the path's file (Save writes there)
    std::string message;                  // the last result or error of a file operation
    FileBrowserState browser;
};

// What the preview is doing, for the play button and the slider.
struct PathPreviewInfo {
    bool playing = false;
    double position = 0.0;  // seconds into the path
    double duration = 0.0;
};

struct PathPanelActions {
    bool capture = false;            // add the current view as a keyframe (after the selected one)
    bool play = false;               // start the preview (from `position`)
    bool stop = false;               // stop it
    std::optional<double> scrub;     // show the path at this time (the slider moved)
    std::optional<std::filesystem::path> open;  // read this path file
    std::optional<std::filesystem::path> save;  // write the path there
    bool changed = false;            // the keyframes changed (a running preview restarts)
};

// Draws the section into the current window (the panel's).
PathPanelActions drawPathSection(PathPanelState& state, CameraPath& path, const PathPreviewInfo& preview);

// "91.10E 29.60N, 9,000 m": a keyframe in the list.
std::string keyframeLabel(const Keyframe& k);
// The easing's name as the file writes it ("ease-in-out").
const char* easingLabel(Easing e);

}  // namespace plateau::ui
