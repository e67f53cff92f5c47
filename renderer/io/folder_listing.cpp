#include "io/folder_listing.h"

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace plateau {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

bool endsWithNoCase(const std::string& s, const std::string& tail) {
    if (tail.size() > s.size()) return false;
    return std::equal(tail.begin(), tail.end(), s.end() - std::ptrdiff_t(tail.size()),
                      [](char a, char b) { return lower(a) == lower(b); });
}

std::string errorText(const std::filesystem::path& folder, const std::error_code& ec) {
    if (ec == std::errc::no_such_file_or_directory) return folder.string() + ": folder not found";
    if (ec == std::errc::not_a_directory) return folder.string() + ": not a folder";
    if (ec == std::errc::permission_denied) return folder.string() + ": no permission to list it";
    return folder.string() + ": " + ec.message();
}

}  // namespace

bool matchesExtension(const std::string& name, const std::vector<std::string>& extensions) {
    if (extensions.empty()) return true;
    return std::any_of(extensions.begin(), extensions.end(), [&](const std::string& ext) {
        // ".json" alone is a hidden file's name, not a file with that extension.
        return name.size() > ext.size() && endsWithNoCase(name, ext);
    });
}

void sortFolderEntries(std::vector<FolderEntry>& entries) {
    std::sort(entries.begin(), entries.end(), [](const FolderEntry& a, const FolderEntry& b) {
        if (a.isFolder != b.isFolder) return a.isFolder;
        const bool less = std::lexicographical_compare(a.name.begin(), a.name.end(), b.name.begin(), b.name.end(),
                                                       [](char x, char y) { return lower(x) < lower(y); });
        const bool greater = std::lexicographical_compare(b.name.begin(), b.name.end(), a.name.begin(), a.name.end(),
                                                          [](char x, char y) { return lower(x) < lower(y); });
        return less || (!greater && a.name < b.name);
    });
}

Result<FolderListing> listFolder(const std::filesystem::path& folder, const std::vector<std::string>& extensions,
                                 bool showHidden) {
    namespace fs = std::filesystem;
    std::error_code ec;
    FolderListing out;
    out.folder = fs::absolute(folder, ec).lexically_normal();
    if (ec) return makeError(errorText(folder, ec));
    // A trailing separator ("/data/") leaves an empty last part; the browser shows the folder's name.
    if (!out.folder.has_filename() && out.folder.has_parent_path() && out.folder != out.folder.root_path())
        out.folder = out.folder.parent_path();
    const fs::file_status st = fs::status(out.folder, ec);
    if (ec || !fs::exists(st)) return makeError(errorText(folder, ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory)));
    if (!fs::is_directory(st)) return makeError(errorText(folder, std::make_error_code(std::errc::not_a_directory)));

    fs::directory_iterator it(out.folder, fs::directory_options::skip_permission_denied, ec);
    if (ec) return makeError(errorText(folder, ec));
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) return makeError(errorText(folder, ec));
        const std::string name = it->path().filename().string();
        if (!showHidden && !name.empty() && name[0] == '.') continue;
        std::error_code entryEc;
        FolderEntry e;
        e.name = name;
        e.isFolder = it->is_directory(entryEc);  // follows links: a link to a folder opens like one
        if (!e.isFolder) {
            if (!matchesExtension(name, extensions)) continue;
            const auto size = it->file_size(entryEc);
            e.size = entryEc ? 0 : size;
        }
        out.entries.push_back(std::move(e));
    }
    if (ec) return makeError(errorText(folder, ec));
    sortFolderEntries(out.entries);
    return out;
}

}  // namespace plateau
