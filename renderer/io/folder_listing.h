#pragma once
// One folder's entries for the panel's file browser (ui/file_browser.h): folders first, then the
// files whose extension is in a filter, each group by name. Hidden entries (".name") are left out
// unless asked for. A folder that cannot be listed is one line naming it and why.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau {

struct FolderEntry {
    std::string name;         // file name only, UTF-8 as the file system gives it
    bool isFolder = false;    // a folder, or a link to one
    std::uintmax_t size = 0;  // bytes, files only

    bool operator==(const FolderEntry&) const = default;
};

struct FolderListing {
    std::filesystem::path folder;  // absolute and normal, as listed
    std::vector<FolderEntry> entries;
};

// True when `name` ends with one of `extensions` (".json", ".tif": with the dot; compared
// without regard to ASCII case). An empty list matches every name.
bool matchesExtension(const std::string& name, const std::vector<std::string>& extensions);

// Orders entries as the browser shows them: folders, then files; by name within each, ignoring
// ASCII case (then by bytes, so the order is total).
void sortFolderEntries(std::vector<FolderEntry>& entries);

// Lists `folder` (relative: from the current folder). Errors: "<folder>: folder not found",
// "<folder>: not a folder", "<folder>: no permission to list it", "<folder>: <system error>".
// Entries that vanish or cannot be looked at while listing are left out.
Result<FolderListing> listFolder(const std::filesystem::path& folder, const std::vector<std::string>& extensions,
                                 bool showHidden = false);

}  // namespace plateau
