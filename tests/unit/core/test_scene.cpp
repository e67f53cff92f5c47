#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>

#include "core/scene.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const char* kValid = R"({
  "title": "Qulong, southern Tibet", "label": "synthetic terrain",
  "terrain": { "type": "folder", "path": "@cache/synthetic-plateau-v1", "encoding": "terrarium",
               "generate": { "synthetic": true, "seed": 1 } },
  "camera": { "lon": 91.583, "lat": 29.2, "height": 25000, "heading": 10, "pitch": -25 },
  "lod": { "max_screen_space_error": 2 },
  "shading": { "sun_azimuth": 135, "sun_elevation": 35, "exaggeration": 1.5, "contour_interval": 0, "haze": true }
})";

// Sets an environment variable for the scope of a test and restores it after.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) setenv(name, value, 1);
        else unsetenv(name);
    }
    ~EnvVar() {
        if (old_) setenv(name_, old_->c_str(), 1);
        else unsetenv(name_);
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

std::string errorOf(const std::string& json) {
    const Result<Scene> r = parseScene(json, "assets/default.json");
    REQUIRE(!r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);  // one line
    return r.error().message;
}

// kValid with one piece of text replaced.
std::string validWith(const std::string& from, const std::string& to) {
    std::string s = kValid;
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a valid scene file", "[scene]") {
    const EnvVar cache("PLATEAU_CACHE_DIR", "/tmp/plateau-test-cache");
    const Result<Scene> r = parseScene(kValid, "assets/default.json");
    REQUIRE(r.ok());
    const Scene& s = *r;
    CHECK(s.file == fs::path("assets/default.json"));
    CHECK(s.title == "Qulong, southern Tibet");
    CHECK(s.label == "synthetic terrain");
    CHECK(s.terrain.type == "folder");
    CHECK(s.terrain.path == fs::path("/tmp/plateau-test-cache/synthetic-plateau-v1"));
    CHECK(s.terrain.encoding == HeightEncoding::Terrarium);
    CHECK(s.terrain.generateSynthetic);
    CHECK(s.terrain.syntheticSeed == 1);
    CHECK(s.camera.lon_deg == 91.583);
    CHECK(s.camera.lat_deg == 29.2);
    CHECK(s.camera.height_m == 25000);
    CHECK(s.camera.heading_deg == 10);
    CHECK(s.camera.pitch_deg == -25);
    CHECK(s.maxScreenSpaceError == 2);
    CHECK(s.shading.sunAzimuthDeg == 135);
    CHECK(s.shading.sunElevationDeg == 35);
    CHECK(s.shading.exaggeration == 1.5);
    CHECK(s.shading.contourIntervalM == 0);
    CHECK(s.shading.haze);
}

TEST_CASE("a minimal scene takes the defaults", "[scene]") {
    const Result<Scene> r = parseScene(R"({"terrain": {"path": "tiles", "encoding": "mapbox"}})", "scenes/a.json");
    REQUIRE(r.ok());
    CHECK(r->terrain.path == fs::path("scenes/tiles"));
    CHECK(r->terrain.encoding == HeightEncoding::Mapbox);
    CHECK(!r->terrain.generateSynthetic);
    CHECK(r->shading.exaggeration == 1.0);
    CHECK(r->maxScreenSpaceError == 2.0);
    CHECK(r->camera.pitch_deg == CameraPose{}.pitch_deg);
}

TEST_CASE("scene errors name the file and the field in one line", "[scene]") {
    CHECK(errorOf(validWith("\"height\": 25000", "\"height\": \"high\"")) ==
          "assets/default.json: camera.height: expected a number");
    CHECK(errorOf(validWith("\"exaggeration\": 1.5", "\"exaggeration\": 7")) ==
          "assets/default.json: shading.exaggeration: must be between 1 and 5 (got 7)");
    CHECK(errorOf(validWith("\"pitch\": -25", "\"pitch\": -100")) ==
          "assets/default.json: camera.pitch: must be between -90 and 90 (got -100)");
    CHECK(errorOf(validWith("\"lat\": 29.2", "\"lat\": 86")) ==
          "assets/default.json: camera.lat: must be between -85 and 85 (got 86)");
    CHECK(errorOf(validWith("\"height\": 25000", "\"height\": -600")) ==
          "assets/default.json: camera.height: must be greater than -500 (got -600)");
    CHECK(errorOf(validWith("\"max_screen_space_error\": 2", "\"max_screen_space_error\": 0")) ==
          "assets/default.json: lod.max_screen_space_error: must be greater than 0 (got 0)");
    CHECK(errorOf(validWith("\"encoding\": \"terrarium\"", "\"encoding\": \"png\"")) ==
          "assets/default.json: terrain.encoding: unknown encoding \"png\" (expected \"terrarium\" or \"mapbox\")");
    CHECK(errorOf(validWith("\"type\": \"folder\"", "\"type\": \"wms\"")) ==
          "assets/default.json: terrain.type: unknown type \"wms\" (expected \"folder\", \"mbtiles\", \"http\", \"gdal\" or \"quantized-mesh\")");
    CHECK(errorOf(validWith("\"haze\": true", "\"haze\": 1")) ==
          "assets/default.json: shading.haze: expected true or false");
    CHECK(errorOf(validWith("\"seed\": 1", "\"seed\": -1")) ==
          "assets/default.json: terrain.generate.seed: expected an integer from 0 to 4294967295");
    CHECK(errorOf(validWith("\"seed\": 1", "\"seed\": 1.5")) ==
          "assets/default.json: terrain.generate.seed: expected an integer from 0 to 4294967295");
    CHECK(errorOf(validWith("\"title\": \"Qulong, southern Tibet\"", "\"title\": 3")) ==
          "assets/default.json: title: expected a string");
    CHECK(errorOf(validWith("\"heading\": 10", "\"hedding\": 10")) == "assets/default.json: camera.hedding: unknown field");
    CHECK(errorOf(validWith("\"lod\":", "\"lods\":")) == "assets/default.json: lods: unknown field");
    CHECK(errorOf(R"({"terrain": {"path": "t"}, "camera": [1]})") == "assets/default.json: camera: expected an object");
    CHECK(errorOf(R"({"title": "x"})") == "assets/default.json: terrain: missing (where the elevation tiles are)");
    CHECK(errorOf(R"({"terrain": {}})") == "assets/default.json: terrain.path: missing (where the terrain data is)");
    CHECK(errorOf(R"({"terrain": {"path": ""}})") == "assets/default.json: terrain.path: must not be empty");
    CHECK(errorOf("[1, 2]") == "assets/default.json: expected a JSON object at the top level");
}

TEST_CASE("invalid JSON names the file and the byte", "[scene]") {
    const std::string msg = errorOf("{\n  \"title\": \"x\",\n  oops\n}");
    CHECK(msg.rfind("assets/default.json: invalid JSON at byte 21: parse error at line 3, column 3: ", 0) == 0);
    CHECK(msg.find("syntax error") != std::string::npos);
    CHECK(msg.find("[json.exception") == std::string::npos);
    CHECK(errorOf("").rfind("assets/default.json: invalid JSON at byte ", 0) == 0);
}

TEST_CASE("loading scene files from disk", "[scene]") {
    const fs::path dir = fs::temp_directory_path() / ("plateau-scene-test-" + std::to_string(::getpid()));
    fs::create_directories(dir / "scenes");
    const fs::path file = dir / "scenes" / "qulong.json";
    {
        std::ofstream out(file);
        out << R"({"terrain": {"path": "../tiles/qulong"}, "camera": {"lon": 91.583, "lat": 29.6, "height": 9000}})";
    }
    const Result<Scene> r = loadScene(file);
    REQUIRE(r.ok());
    CHECK(r->file == file);
    CHECK(r->terrain.path == dir / "tiles" / "qulong");
    CHECK(r->camera.height_m == 9000);

    const fs::path missing = dir / "nope.json";
    const Result<Scene> m = loadScene(missing);
    REQUIRE(!m.ok());
    CHECK(m.error().message == missing.string() + ": cannot open scene file (No such file or directory)");
    const Result<Scene> d = loadScene(dir);
    REQUIRE(!d.ok());
    CHECK(d.error().message == dir.string() + ": cannot open scene file (Is a directory)");
    fs::remove_all(dir);
}

TEST_CASE("terrain paths: relative, absolute and @cache", "[scene]") {
    const EnvVar cache("PLATEAU_CACHE_DIR", "/var/cache/plateau-x");
    auto pathFor = [](const std::string& p, const fs::path& file) {
        const Result<Scene> r = parseScene(R"({"terrain": {"path": ")" + p + R"("}})", file);
        REQUIRE(r.ok());
        return r->terrain.path;
    };
    CHECK(pathFor("tiles", "/data/scenes/a.json") == fs::path("/data/scenes/tiles"));
    CHECK(pathFor("../tiles/./x", "/data/scenes/a.json") == fs::path("/data/tiles/x"));
    CHECK(pathFor("/srv/tiles", "/data/scenes/a.json") == fs::path("/srv/tiles"));
    CHECK(pathFor("tiles", "a.json") == fs::path("tiles"));
    CHECK(pathFor("@cache/dem/v1", "/data/scenes/a.json") == fs::path("/var/cache/plateau-x/dem/v1"));
    CHECK(pathFor("@cache", "/data/scenes/a.json") == fs::path("/var/cache/plateau-x"));
    // Only the exact prefix is special.
    CHECK(pathFor("@cached/x", "/data/a.json") == fs::path("/data/@cached/x"));
}

TEST_CASE("cache directory from the environment", "[scene]") {
    {
        const EnvVar a("PLATEAU_CACHE_DIR", "/custom/cache");
        const EnvVar b("XDG_CACHE_HOME", "/xdg");
        CHECK(cacheDirectory() == fs::path("/custom/cache"));
    }
    {
        const EnvVar a("PLATEAU_CACHE_DIR", nullptr);
        const EnvVar b("XDG_CACHE_HOME", "/xdg");
        CHECK(cacheDirectory() == fs::path("/xdg/plateau"));
    }
    {
        const EnvVar a("PLATEAU_CACHE_DIR", "");
        const EnvVar b("XDG_CACHE_HOME", nullptr);
        const EnvVar c("HOME", "/home/someone");
        CHECK(cacheDirectory() == fs::path("/home/someone/.cache/plateau"));
    }
    {
        const EnvVar a("PLATEAU_CACHE_DIR", nullptr);
        const EnvVar b("XDG_CACHE_HOME", "relative/path");  // invalid per the XDG spec: ignored
        const EnvVar c("HOME", "/home/someone");
        CHECK(cacheDirectory() == fs::path("/home/someone/.cache/plateau"));
    }
}

TEST_CASE("scene terrain sources other than folders, and memory budgets", "[scene]") {
    auto http = parseScene(R"({"terrain": {"type": "http", "url": "https://tiles.example/{z}/{x}/{y}.png",
                                            "encoding": "mapbox", "max_zoom": 13},
                               "memory": {"cache_mib": 256, "gpu_mib": 64, "uploads_per_frame": 4}})",
                           "scenes/web.json");
    REQUIRE(http.ok());
    CHECK(http->terrain.type == "http");
    CHECK(http->terrain.url == "https://tiles.example/{z}/{x}/{y}.png");
    CHECK(http->terrain.maxZoom == 13);
    CHECK(http->terrain.encoding == HeightEncoding::Mapbox);
    CHECK(http->memory.cacheMiB == 256.0);
    CHECK(http->memory.gpuMiB == 64.0);
    CHECK(http->memory.uploadsPerFrame == 4);

    auto gdal = parseScene(R"({"terrain": {"type": "gdal", "path": "dem/a.tif", "paths": ["dem/b.hgt"]}})",
                           "/data/scenes/dem.json");
    REQUIRE(gdal.ok());
    CHECK(gdal->terrain.path == fs::path("/data/scenes/dem/a.tif"));
    REQUIRE(gdal->terrain.extraPaths.size() == 1);
    CHECK(gdal->terrain.extraPaths[0] == fs::path("/data/scenes/dem/b.hgt"));

    auto noUrl = parseScene(R"({"terrain": {"type": "http"}})", "web.json");
    REQUIRE_FALSE(noUrl.ok());
    CHECK(noUrl.error().message.rfind("web.json: terrain.url: missing", 0) == 0);
    auto tiny = parseScene(R"({"terrain": {"path": "t"}, "memory": {"cache_mib": 1}})", "m.json");
    REQUIRE_FALSE(tiny.ok());
    CHECK(tiny.error().message.rfind("m.json: memory.cache_mib", 0) == 0);
}

TEST_CASE("http terrain disk cache settings", "[scene]") {
    auto parse = [](const std::string& extra) {
        return parseScene(R"({"terrain": {"type": "http", "url": "https://tiles.example/{z}/{x}/{y}.png")" + extra + "}}",
                          "web.json");
    };
    auto defaults = parse("");
    REQUIRE(defaults.ok());
    CHECK_FALSE(defaults->terrain.cacheMiB);
    CHECK_FALSE(defaults->terrain.cacheDays);
    CHECK_FALSE(defaults->terrain.missingDays);

    auto set = parse(R"(, "cache_mib": 300, "cache_days": 7.5, "missing_days": 0)");
    REQUIRE(set.ok());
    REQUIRE(set->terrain.cacheMiB);
    CHECK(*set->terrain.cacheMiB == 300.0);
    REQUIRE(set->terrain.cacheDays);
    CHECK(*set->terrain.cacheDays == 7.5);
    REQUIRE(set->terrain.missingDays);
    CHECK(*set->terrain.missingDays == 0.0);
    auto huge = parse(R"(, "cache_mib": 1e300, "cache_days": 1e300)");
    REQUIRE(huge.ok());
    CHECK(*huge->terrain.cacheMiB == 1.0e9);  // capped, so that converting cannot overflow
    CHECK(*huge->terrain.cacheDays == 1.0e6);

    auto failure = [&](const std::string& extra) {
        const auto r = parse(extra);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find('\n') == std::string::npos);
        return r.error().message;
    };
    CHECK(failure(R"(, "cache_mib": "lots")") == "web.json: terrain.cache_mib: expected a number");
    CHECK(failure(R"(, "cache_mib": -1)") == "web.json: terrain.cache_mib: must be at least 0 (got -1)");
    CHECK(failure(R"(, "cache_days": -2)") == "web.json: terrain.cache_days: must be at least 0 (got -2)");
    CHECK(failure(R"(, "missing_days": true)") == "web.json: terrain.missing_days: expected a number");
    CHECK(failure(R"(, "missing_dayz": 1)") == "web.json: terrain.missing_dayz: unknown field");

    // Only http sources have a disk cache; elsewhere the key is more likely meant as memory.cache_mib.
    const auto folder = parseScene(R"({"terrain": {"path": "t", "cache_mib": 100}})", "f.json");
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().message ==
          "f.json: terrain.cache_mib: only for type \"http\" (the disk cache of downloaded tiles)");
}
