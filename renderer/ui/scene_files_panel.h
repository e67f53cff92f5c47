#pragma once
// The panel's "Scene file" section: Open, Save, Save as and Add layer from file, each through the
// in-panel file browser (ui/file_browser.h). It edits its own state and returns what the user
// asked for; the viewer does it (app/viewer_files.cpp) and puts the result or the error in the
// panel's message line.
#include <filesystem>
#include <optional>

#include "ui/file_browser.h"

namespace plateau::ui {

struct SceneFilesState {
    enum class Purpose { None, Open, SaveAs, AddLayer };
    Purpose purpose = Purpose::None;  // what the open browser is for
    FileBrowserState browser;
};

struct SceneFileRequest {
    std::optional<std::filesystem::path> open;      // open this scene instead of the current one
    std::optional<std::filesystem::path> saveAs;    // save the scene there (Save: the scene's own file)
    std::optional<std::filesystem::path> addLayer;  // add this file as a layer
};

// Files the browser shows for "Add layer from file": the usual GDAL/OGR vector and raster
// formats, deposit tables and glTF models. Others can be typed into the path field.
const std::vector<std::string>& layerFileExtensions();

// Draws the section's buttons and, while one of them has it open, the browser. `sceneFile`: the
// current scene's file (Save writes there; the browser starts in its folder).
SceneFileRequest drawSceneFilesSection(SceneFilesState& s, const std::filesystem::path& sceneFile);

}  // namespace plateau::ui
