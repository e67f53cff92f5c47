#pragma once
// A file browser drawn inside the panel (not an OS dialog: none exists headless, under Xvfb or
// in the offscreen tests, and the panel stays the one place the user works in). Plain state in,
// what the user did out:
//
//   ui::FileBrowserState browser;
//   ui::openFileBrowser(browser, "Open scene", "assets", {".json"}, ui::FileBrowserMode::Open);
//   ... each frame, inside the panel window:
//   if (const auto r = ui::fileBrowser(browser); r.action == ui::FileBrowserAction::Chosen) open(r.path);
//
// It shows the current folder (typed path field: a folder goes there, a file is chosen), a
// parent button, the folder's entries (folders first, then files matching the extensions),
// a file-name field when saving, and OK / Cancel. A folder that cannot be listed shows as one
// line in the widget; the user can type another path or go up.
#include <filesystem>
#include <string>
#include <vector>

#include "io/folder_listing.h"

namespace plateau::ui {

enum class FileBrowserMode { Open, Save };
enum class FileBrowserAction { None, Chosen, Cancelled };

struct FileBrowserResult {
    FileBrowserAction action = FileBrowserAction::None;
    std::filesystem::path path;  // when Chosen: the folder joined with the file name
};

struct FileBrowserState {
    bool open = false;  // fileBrowser draws nothing while false
    FileBrowserMode mode = FileBrowserMode::Open;
    std::string title;                    // "Open scene", "Save scene as", "Add layer from file"
    std::vector<std::string> extensions;  // ".json", ".tif"; empty: every file
    std::filesystem::path folder;         // the folder shown (absolute)
    std::string typedPath;                // the path field
    std::string fileName;                 // the selected (open) or typed (save) file name
    bool showHidden = false;
    // Kept between frames: the listing is read when the folder changes, not every frame.
    FolderListing listing;
    std::string error;  // one line: why the folder could not be listed
    bool stale = true;
};

// Opens the browser in `folder` (a file there is preselected by `fileName`).
void openFileBrowser(FileBrowserState& s, std::string title, const std::filesystem::path& folder,
                     std::vector<std::string> extensions, FileBrowserMode mode, std::string fileName = {});

// Goes to `path`: a folder is listed; a file's folder is listed and the file selected. Relative
// paths are from the shown folder. Returns false (and sets the one-line error) when it is
// neither.
bool navigateTo(FileBrowserState& s, const std::string& path);

// The chosen file: folder / fileName, with the first extension added when saving a name that has
// none of them ("qulong" -> "qulong.json"). Empty when no name is given.
std::filesystem::path chosenPath(const FileBrowserState& s);

// Draws the browser into the current ImGui window and returns what the user did this frame.
// Chosen and Cancelled close it.
FileBrowserResult fileBrowser(FileBrowserState& s);

}  // namespace plateau::ui
