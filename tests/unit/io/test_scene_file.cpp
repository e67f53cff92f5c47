// Scene files on disk: the shipped scenes survive save and open exactly, save-as to another
// folder still finds the same files, a failed save leaves the previous file byte for byte, and
// a bad file is refused with one line.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "core/scene_writer.h"
#include "io/atomic_file.h"
#include "io_test_helpers.h"
#include "io/scene_file.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kAssets = fs::path(PLATEAU_SOURCE_DIR) / "assets";

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::vector<fs::path> shippedScenes() {
    std::vector<fs::path> out;
    for (const fs::path& dir : {kAssets, kAssets / "online"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t filesIn(const fs::path& dir) {
    return std::size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// Every path of a scene, in a fixed order.
std::vector<fs::path> pathsOf(Scene s) {
    std::vector<fs::path> out;
    forEachScenePath(s, [&](fs::path& p) { out.push_back(p); });
    return out;
}

// Limits the size of files this process may write (a full disk, mid-write, for real) and
// restores it.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &old_);
        previous_ = std::signal(SIGXFSZ, SIG_IGN);  // write() then fails with EFBIG instead
        rlimit l = old_;
        l.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &l);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, previous_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit old_{};
    void (*previous_)(int) = nullptr;
};

}  // namespace

TEST_CASE("the shipped scenes survive write and read exactly", "[scene_file]") {
    const auto scenes = shippedScenes();
    REQUIRE(scenes.size() >= 4);  // default, svalbard, two online ones
    bool sawTypes[6] = {};
    for (const fs::path& file : scenes) {
        INFO(file);
        const Result<Scene> s = openSceneFile(file);
        REQUIRE(s.ok());
        for (const LayerDesc& l : s->layers) sawTypes[int(l.type)] = true;
        const std::string text = writeScene(*s, file);
        const Result<Scene> back = parseScene(text, file);
        REQUIRE(back.ok());
        CHECK(*back == *s);
        CHECK(writeScene(*back, file) == text);
    }
    for (const LayerType t : {LayerType::Imagery, LayerType::Vector, LayerType::Trace, LayerType::Deposits,
                              LayerType::Mine, LayerType::Model}) {
        INFO(layerTypeName(t));
        CHECK(sawTypes[int(t)]);  // every layer type is exercised
    }
}

TEST_CASE("save as into another folder opens with the same files", "[scene_file]") {
    const test::TempDir dir("scene-save");
    const Result<Scene> original = openSceneFile(kAssets / "default.json");
    REQUIRE(original.ok());
    Scene s = *original;
    s.bookmarks.push_back({"Qulong", {91.583, 29.6, 8000, 30, -35}, 2025.0});
    s.underground.enabled = true;
    s.underground.terrainOpacity = 0.4;

    const fs::path target = dir.path() / "mine" / "copy.json";
    fs::create_directories(target.parent_path());
    REQUIRE(saveScene(s, target).ok());
    const Result<Scene> back = openSceneFile(target);
    REQUIRE(back.ok());
    CHECK(back->camera == s.camera);
    CHECK(back->bookmarks == s.bookmarks);
    CHECK(back->underground == s.underground);
    REQUIRE(back->layers.size() == s.layers.size());
    // Every file the original names is the same file from the copy, and exists.
    const auto before = pathsOf(s), after = pathsOf(*back);
    REQUIRE(before.size() == after.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        INFO(before[i] << " -> " << after[i]);
        CHECK(fs::equivalent(before[i], after[i]));
    }
    // The assets are far from the temp folder: written as absolute paths.
    CHECK(readText(target).find("\"path\": \"" + fs::absolute(kAssets).lexically_normal().string()) != std::string::npos);

    // Saved again where it now is: the same bytes (nothing drifts from save to save).
    const std::string first = readText(target);
    REQUIRE(saveScene(*back, target).ok());
    CHECK(readText(target) == first);
}

TEST_CASE("a scene beside its data is saved with relative paths", "[scene_file]") {
    const test::TempDir dir("scene-relative");
    fs::create_directories(dir.path() / "data");
    fs::create_directories(dir.path() / "scenes");
    writeText(dir.path() / "data" / "dem.tif", "not really a tif");
    Scene s;
    s.terrain.type = "gdal";
    s.terrain.path = dir.path() / "data" / "dem.tif";
    REQUIRE(saveScene(s, dir.path() / "scenes" / "a.json").ok());
    CHECK(readText(dir.path() / "scenes" / "a.json").find("\"path\": \"../data/dem.tif\"") != std::string::npos);
    REQUIRE(saveScene(s, dir.path() / "b.json").ok());
    CHECK(readText(dir.path() / "b.json").find("\"path\": \"data/dem.tif\"") != std::string::npos);
    // The whole project folder moves: the scene still finds its data.
    const fs::path moved = dir.path().string() + "-moved";
    fs::rename(dir.path(), moved);
    const Result<Scene> back = openSceneFile(moved / "scenes" / "a.json");
    fs::rename(moved, dir.path());
    REQUIRE(back.ok());
    CHECK(back->terrain.path == moved / "data" / "dem.tif");
}

TEST_CASE("a failed save leaves the previous file as it was", "[scene_file]") {
    const test::TempDir dir("scene-fail");
    const fs::path target = dir.path() / "scene.json";
    const Result<Scene> s = openSceneFile(kAssets / "default.json");
    REQUIRE(s.ok());
    Scene small;
    small.terrain.path = dir.path() / "tiles";
    REQUIRE(saveScene(small, target).ok());
    const std::string before = readText(target);
    REQUIRE(before.size() < 2000);

    SECTION("the disk fills up in the middle of the write") {
        Status r = Ok{};
        {
            const FileSizeLimit limit(before.size() + 100);  // the default scene is far larger
            r = saveScene(*s, target);
        }
        REQUIRE(!r.ok());
        CHECK(r.error().message == target.string() + ": cannot save scene (File too large)");
    }
    SECTION("the target is a folder") {
        fs::create_directories(dir.path() / "sub.json");
        const Status r = saveScene(*s, dir.path() / "sub.json");
        REQUIRE(!r.ok());
        CHECK(r.error().message == (dir.path() / "sub.json").string() + ": cannot save scene (it is a folder)");
    }
    SECTION("the scene holds a value the reader refuses") {
        Scene bad = *s;
        bad.camera.lat_deg = 88.0;  // beyond Web Mercator's reach
        const Status r = saveScene(bad, target);
        REQUIRE(!r.ok());
        CHECK(r.error().message.rfind(target.string() + ": cannot save scene (it would not open again: ", 0) == 0);
        CHECK(r.error().message.find("camera.lat: must be between -85 and 85 (got 88)") != std::string::npos);
    }
    SECTION("the folder does not exist") {
        const fs::path missing = dir.path() / "no" / "such" / "scene.json";
        const Status r = saveScene(*s, missing);
        REQUIRE(!r.ok());
        CHECK(r.error().message ==
              missing.string() + ": cannot save scene (folder " + missing.parent_path().string() + " does not exist)");
    }
    CHECK(readText(target) == before);
    // No temporary file is left behind.
    CHECK(filesIn(dir.path()) == (fs::exists(dir.path() / "sub.json") ? 2u : 1u));
}

TEST_CASE("bad scene files are refused with one line", "[scene_file]") {
    const test::TempDir dir("scene-bad");
    auto errorOf = [&](const fs::path& p) {
        const Result<Scene> r = openSceneFile(p);
        REQUIRE(!r.ok());
        CHECK(r.error().message.find('\n') == std::string::npos);
        return r.error().message;
    };
    CHECK(errorOf(dir.path() / "none.json") == (dir.path() / "none.json").string() + ": file not found");
    CHECK(errorOf(dir.path()) == dir.path().string() + ": is a folder, not a file");

    // A save cut short by something other than plateau: the JSON ends early.
    const std::string whole = writeScene(*openSceneFile(kAssets / "default.json"), dir.path() / "cut.json");
    writeText(dir.path() / "cut.json", whole.substr(0, whole.size() / 2));
    CHECK(errorOf(dir.path() / "cut.json").rfind((dir.path() / "cut.json").string() + ": invalid JSON at byte", 0) == 0);

    writeText(dir.path() / "new.json", R"({"version": 3, "terrain": {"path": "t"}, "hologram": {}})");
    CHECK(errorOf(dir.path() / "new.json") ==
          (dir.path() / "new.json").string() + ": written by a newer plateau (schema version 3; this one reads up to 1)");

    writeText(dir.path() / "binary.json", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    CHECK(errorOf(dir.path() / "binary.json").find("invalid JSON") != std::string::npos);
}
