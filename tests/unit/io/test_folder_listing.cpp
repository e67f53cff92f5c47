// The file browser's listings: folders first, files filtered by extension, names in order,
// hidden entries left out, and folders that cannot be listed as one line.
#include <catch2/catch.hpp>

#include <fstream>

#include "io/folder_listing.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& p, std::size_t bytes = 0) {
    std::ofstream out(p, std::ios::binary);
    out << std::string(bytes, 'x');
}

std::vector<std::string> namesOf(const FolderListing& l) {
    std::vector<std::string> out;
    for (const auto& e : l.entries) out.push_back((e.isFolder ? "/" : "") + e.name);
    return out;
}

}  // namespace

TEST_CASE("extensions are matched without regard to case", "[folder_listing]") {
    const std::vector<std::string> exts{".json", ".tif"};
    CHECK(matchesExtension("scene.json", exts));
    CHECK(matchesExtension("DEM.TIF", exts));
    CHECK(matchesExtension("a.b.Json", exts));
    CHECK(!matchesExtension("scene.json.bak", exts));
    CHECK(!matchesExtension("tif", exts));
    CHECK(!matchesExtension(".json", exts));  // a hidden file's whole name
    CHECK(!matchesExtension("xgeojson", {".json"}));
    CHECK(matchesExtension("anything", {}));
}

TEST_CASE("entries are sorted folders first, then by name ignoring case", "[folder_listing]") {
    std::vector<FolderEntry> e{{"b.json", false, 1}, {"Zeta", true, 0}, {"a.json", false, 1},
                               {"alpha", true, 0},   {"B.json", false, 1}, {"C.tif", false, 1}};
    sortFolderEntries(e);
    std::vector<std::string> names;
    for (const auto& x : e) names.push_back(x.name);
    CHECK(names == std::vector<std::string>{"alpha", "Zeta", "a.json", "B.json", "b.json", "C.tif"});
}

TEST_CASE("a folder is listed with folders first and files filtered", "[folder_listing]") {
    const test::TempDir dir("listing");
    fs::create_directories(dir.path() / "scenes");
    fs::create_directories(dir.path() / "Data");
    fs::create_directories(dir.path() / ".git");
    touch(dir.path() / "default.json", 123);
    touch(dir.path() / "Relief.TIF", 7);
    touch(dir.path() / "notes.txt");
    touch(dir.path() / ".hidden.json");
    fs::create_directory_symlink(dir.path() / "scenes", dir.path() / "linked");

    const auto all = listFolder(dir.path(), {});
    REQUIRE(all.ok());
    CHECK(namesOf(*all) == std::vector<std::string>{"/Data", "/linked", "/scenes", "default.json", "notes.txt", "Relief.TIF"});
    CHECK(all->folder == dir.path());
    CHECK(all->entries[3].size == 123);

    const auto scenes = listFolder(dir.path(), {".json", ".tif"});
    REQUIRE(scenes.ok());
    CHECK(namesOf(*scenes) == std::vector<std::string>{"/Data", "/linked", "/scenes", "default.json", "Relief.TIF"});

    const auto hidden = listFolder(dir.path() / "", {".json"}, true);
    REQUIRE(hidden.ok());
    CHECK(namesOf(*hidden) == std::vector<std::string>{"/.git", "/Data", "/linked", "/scenes", ".hidden.json", "default.json"});
    CHECK(hidden->folder == dir.path());  // the trailing separator is gone

    const auto empty = listFolder(dir.path() / "scenes", {".json"});
    REQUIRE(empty.ok());
    CHECK(empty->entries.empty());
}

TEST_CASE("folders that cannot be listed give one line naming them", "[folder_listing]") {
    const test::TempDir dir("listing-bad");
    touch(dir.path() / "file.json");
    const auto missing = listFolder(dir.path() / "nope", {});
    REQUIRE(!missing.ok());
    CHECK(missing.error().message == (dir.path() / "nope").string() + ": folder not found");
    const auto file = listFolder(dir.path() / "file.json", {});
    REQUIRE(!file.ok());
    CHECK(file.error().message == (dir.path() / "file.json").string() + ": not a folder");
    // A dangling link is a missing folder, not a crash.
    fs::create_directory_symlink(dir.path() / "gone", dir.path() / "dangling");
    const auto dangling = listFolder(dir.path() / "dangling", {});
    REQUIRE(!dangling.ok());
    CHECK(dangling.error().message == (dir.path() / "dangling").string() + ": folder not found");
    // The dangling link itself is listed as a file (it opens nothing) only when it matches.
    const auto parent = listFolder(dir.path(), {".json"});
    REQUIRE(parent.ok());
    CHECK(namesOf(*parent) == std::vector<std::string>{"file.json"});
}
