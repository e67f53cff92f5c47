// Scene files are JSON. Every field is optional except terrain.path; fields not listed here are
// errors, so a misspelt key is reported instead of silently ignored.
//
// {
//   "title": "Qulong, southern Tibet",           string
//   "label": "synthetic terrain",                string shown in the view
//   "terrain": {
//     "type": "folder",                          "folder": {z}/{x}/{y}.png under path; "mbtiles":
//                                                the file at path; "gdal": the raster at path (plus
//                                                "paths": [...]); "quantized-mesh": the Cesium
//                                                terrain folder at path; "http": "url" instead of path
//     "path": "@cache/synthetic-plateau-v1",     required but for http; relative paths resolve against
//                                                the scene file's folder, "@cache/..." under cacheDirectory()
//     "url": "https://host/{z}/{x}/{y}.png",     http only, with "max_zoom": 15 and the disk cache
//                                                (under the cache folder, one per URL template):
//     "cache_mib": 2048,                         http: cache budget in MiB, least recently used
//                                                tiles deleted beyond it; >= 0, 0 = no limit
//     "cache_days": 30,                          http: tiles fetched longer ago are fetched again
//                                                (the old copy serves if that fails); >= 0, 0 = never
//     "missing_days": 1,                         http: how long a 404 answer is remembered, also by
//                                                later runs; >= 0, 0 = for ever
//     "encoding": "terrarium",                   "terrarium" | "mapbox" (terrain-RGB)
//     "generate": { "synthetic": true,           build tiles with the synthetic generator when
//                   "seed": 1 }                  path holds none yet; seed: integer 0..2^32-1
//     "detail": { "seed": 1,                     synthetic relief below the source's resolution
//                 "amplitude_m": 40 }            (io/detail_source.h); metres, 0..1000
//   },
//   "camera": { "lon": 91.583,                   degrees, -180..180
//               "lat": 29.2,                     degrees, -85..85 (Web Mercator's reach)
//               "height": 25000,                 metres above the WGS84 ellipsoid, > -500
//               "heading": 10,                   degrees clockwise from north
//               "pitch": -25 },                  degrees, -90 (straight down)..90
//   "lod": { "max_screen_space_error": 2 },      pixels, > 0
//   "shading": { "sun_azimuth": 135,             degrees clockwise from north
//                "sun_elevation": 35,            degrees, -90..90
//                "exaggeration": 1.5,            vertical exaggeration, 1..5
//                "contour_interval": 0,          metres, >= 0 (0 = no contour lines)
//                "haze": true },
//   "memory": { "cache_mib": 512,                decoded tiles on the CPU, >= 16
//               "gpu_mib": 128,                  GPU tile slots, >= 8
//               "uploads_per_frame": 48 }        tiles uploaded per interactive frame, >= 1
// }
//
// Every error is one line naming the file and the field: "scenes/a.json: camera.height: expected a
// number".
#include "core/scene.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

namespace plateau {

namespace {

using nlohmann::json;

// Thrown inside the parser only (loading a scene is not on the frame loop) and turned into Error.
struct SceneError {
    std::string message;
};

class Reader {
public:
    explicit Reader(const std::filesystem::path& file) : file_(file.string()) {}

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
        throw SceneError{file_ + ": " + (field.empty() ? "" : field + ": ") + problem};
    }

    // The member `key` of object `obj` (at `path`), or nullptr when absent.
    static const json* member(const json& obj, const char* key) {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    void expectObject(const json& j, const std::string& path) const {
        if (!j.is_object()) fail(path, "expected an object");
    }

    void onlyKeys(const json& obj, const std::string& path, std::initializer_list<const char*> keys) const {
        for (const auto& [k, v] : obj.items()) {
            bool known = false;
            for (const char* allowed : keys) known = known || k == allowed;
            if (!known) fail(join(path, k), "unknown field");
        }
    }

    // Reads a number into `out` when present. Bounds: [lo, hi], lo exclusive when `loOpen`.
    void number(const json& obj, const std::string& path, const char* key, double& out, double lo, double hi,
                bool loOpen = false) const {
        const json* v = member(obj, key);
        if (!v) return;
        const std::string field = join(path, key);
        if (!v->is_number()) fail(field, "expected a number");
        const double x = v->get<double>();
        const bool inRange = (loOpen ? x > lo : x >= lo) && x <= hi;
        if (!inRange) {
            std::string want;
            if (std::isinf(hi))
                want = (loOpen ? "must be greater than " : "must be at least ") + fmt(lo);
            else
                want = "must be between " + fmt(lo) + " and " + fmt(hi);
            fail(field, want + " (got " + fmt(x) + ")");
        }
        out = x;
    }

    void string(const json& obj, const std::string& path, const char* key, std::string& out) const {
        const json* v = member(obj, key);
        if (!v) return;
        if (!v->is_string()) fail(join(path, key), "expected a string");
        out = v->get<std::string>();
    }

    void boolean(const json& obj, const std::string& path, const char* key, bool& out) const {
        const json* v = member(obj, key);
        if (!v) return;
        if (!v->is_boolean()) fail(join(path, key), "expected true or false");
        out = v->get<bool>();
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    static std::string fmt(double x) {
        std::ostringstream s;
        s << x;
        return s.str();
    }

private:
    std::string file_;
};

std::filesystem::path resolvePath(const std::string& p, const std::filesystem::path& sceneFile) {
    const std::string cachePrefix = "@cache";
    if (p == cachePrefix) return cacheDirectory();
    if (p.rfind(cachePrefix + "/", 0) == 0) return (cacheDirectory() / p.substr(cachePrefix.size() + 1)).lexically_normal();
    const std::filesystem::path path(p);
    if (path.is_absolute()) return path.lexically_normal();
    return (sceneFile.parent_path() / path).lexically_normal();
}

void parseTerrain(const Reader& rd, const json& t, const std::filesystem::path& file, TerrainSourceDesc& out) {
    const std::string path = "terrain";
    rd.expectObject(t, path);
    rd.onlyKeys(t, path, {"type", "path", "paths", "url", "max_zoom", "cache_mib", "cache_days", "missing_days",
                          "encoding", "generate", "detail"});
    rd.string(t, path, "type", out.type);
    const bool known = out.type == "folder" || out.type == "mbtiles" || out.type == "http" || out.type == "gdal" ||
                       out.type == "quantized-mesh";
    if (!known)
        rd.fail("terrain.type", "unknown type \"" + out.type +
                                    "\" (expected \"folder\", \"mbtiles\", \"http\", \"gdal\" or \"quantized-mesh\")");

    if (out.type == "http") {
        rd.string(t, path, "url", out.url);
        if (out.url.empty()) rd.fail("terrain.url", "missing (the tile URL template, e.g. https://host/{z}/{x}/{y}.png)");
        double mz = 15;
        rd.number(t, path, "max_zoom", mz, 0.0, 22.0);
        out.maxZoom = int(mz);
        // Capped far beyond any real disk or lifetime, so that conversions cannot overflow.
        auto cacheSetting = [&](const char* key, std::optional<double>& value, double cap) {
            if (!Reader::member(t, key)) return;
            double v = 0;
            rd.number(t, path, key, v, 0.0, std::numeric_limits<double>::infinity());
            value = std::min(v, cap);
        };
        cacheSetting("cache_mib", out.cacheMiB, 1.0e9);
        cacheSetting("cache_days", out.cacheDays, 1.0e6);
        cacheSetting("missing_days", out.missingDays, 1.0e6);
    } else {
        // Easily taken for memory.cache_mib: say so rather than ignore it.
        for (const char* key : {"cache_mib", "cache_days", "missing_days"})
            if (Reader::member(t, key))
                rd.fail(Reader::join(path, key), "only for type \"http\" (the disk cache of downloaded tiles)");
        const json* p = Reader::member(t, "path");
        if (!p) rd.fail("terrain.path", "missing (where the terrain data is)");
        if (!p->is_string()) rd.fail("terrain.path", "expected a string");
        const std::string raw = p->get<std::string>();
        if (raw.empty()) rd.fail("terrain.path", "must not be empty");
        out.path = resolvePath(raw, file);
    }
    if (const json* ps = Reader::member(t, "paths")) {
        if (!ps->is_array()) rd.fail("terrain.paths", "expected an array of file names");
        for (const auto& e : *ps) {
            if (!e.is_string() || e.get<std::string>().empty()) rd.fail("terrain.paths", "expected non-empty strings");
            out.extraPaths.push_back(resolvePath(e.get<std::string>(), file));
        }
    }

    std::string enc = heightEncodingName(out.encoding);
    rd.string(t, path, "encoding", enc);
    const auto parsed = parseHeightEncoding(enc);
    if (!parsed) rd.fail("terrain.encoding", "unknown encoding \"" + enc + "\" (expected \"terrarium\" or \"mapbox\")");
    out.encoding = *parsed;

    if (const json* g = Reader::member(t, "generate")) {
        const std::string gp = "terrain.generate";
        rd.expectObject(*g, gp);
        rd.onlyKeys(*g, gp, {"synthetic", "seed"});
        rd.boolean(*g, gp, "synthetic", out.generateSynthetic);
        if (const json* s = Reader::member(*g, "seed")) {
            const bool okSeed = (s->is_number_unsigned() && s->get<std::uint64_t>() <= 0xffffffffull) ||
                                (s->is_number_integer() && !s->is_number_unsigned() && s->get<std::int64_t>() >= 0 &&
                                 s->get<std::int64_t>() <= 0xffffffffll);
            if (!okSeed) rd.fail("terrain.generate.seed", "expected an integer from 0 to 4294967295");
            out.syntheticSeed = std::uint32_t(s->get<std::uint64_t>());
        }
    }
    if (const json* d = Reader::member(t, "detail")) {
        const std::string dp = "terrain.detail";
        rd.expectObject(*d, dp);
        rd.onlyKeys(*d, dp, {"seed", "amplitude_m"});
        double seed = 1;
        rd.number(*d, dp, "seed", seed, 0.0, 4294967295.0);
        if (seed != std::floor(seed)) rd.fail("terrain.detail.seed", "expected an integer from 0 to 4294967295");
        out.detailSeed = std::uint32_t(seed);
        rd.number(*d, dp, "amplitude_m", out.detailAmplitudeM, 0.0, 1000.0);
    }
}

Scene parseRoot(const Reader& rd, const json& root, const std::filesystem::path& file) {
    if (!root.is_object()) rd.fail("", "expected a JSON object at the top level");
    rd.onlyKeys(root, "", {"title", "label", "terrain", "camera", "lod", "shading", "memory"});
    Scene scene;
    scene.file = file;
    rd.string(root, "", "title", scene.title);
    rd.string(root, "", "label", scene.label);

    const json* terrain = Reader::member(root, "terrain");
    if (!terrain) rd.fail("terrain", "missing (where the elevation tiles are)");
    parseTerrain(rd, *terrain, file, scene.terrain);

    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (const json* c = Reader::member(root, "camera")) {
        const std::string p = "camera";
        rd.expectObject(*c, p);
        rd.onlyKeys(*c, p, {"lon", "lat", "height", "heading", "pitch"});
        rd.number(*c, p, "lon", scene.camera.lon_deg, -180.0, 180.0);
        rd.number(*c, p, "lat", scene.camera.lat_deg, -85.0, 85.0);
        rd.number(*c, p, "height", scene.camera.height_m, -500.0, kInf, true);
        rd.number(*c, p, "heading", scene.camera.heading_deg, -kInf, kInf);
        rd.number(*c, p, "pitch", scene.camera.pitch_deg, -90.0, 90.0);
    }
    if (const json* l = Reader::member(root, "lod")) {
        rd.expectObject(*l, "lod");
        rd.onlyKeys(*l, "lod", {"max_screen_space_error"});
        rd.number(*l, "lod", "max_screen_space_error", scene.maxScreenSpaceError, 0.0, kInf, true);
    }
    if (const json* s = Reader::member(root, "shading")) {
        const std::string p = "shading";
        rd.expectObject(*s, p);
        rd.onlyKeys(*s, p, {"sun_azimuth", "sun_elevation", "exaggeration", "contour_interval", "haze"});
        rd.number(*s, p, "sun_azimuth", scene.shading.sunAzimuthDeg, -kInf, kInf);
        rd.number(*s, p, "sun_elevation", scene.shading.sunElevationDeg, -90.0, 90.0);
        rd.number(*s, p, "exaggeration", scene.shading.exaggeration, 1.0, 5.0);
        rd.number(*s, p, "contour_interval", scene.shading.contourIntervalM, 0.0, kInf);
        rd.boolean(*s, p, "haze", scene.shading.haze);
    }
    if (const json* m = Reader::member(root, "memory")) {
        const std::string p = "memory";
        rd.expectObject(*m, p);
        rd.onlyKeys(*m, p, {"cache_mib", "gpu_mib", "uploads_per_frame"});
        rd.number(*m, p, "cache_mib", scene.memory.cacheMiB, 16.0, 1.0e6);
        rd.number(*m, p, "gpu_mib", scene.memory.gpuMiB, 8.0, 1.0e6);
        double uploads = scene.memory.uploadsPerFrame;
        rd.number(*m, p, "uploads_per_frame", uploads, 1.0, 10000.0);
        scene.memory.uploadsPerFrame = int(uploads);
    }
    return scene;
}

}  // namespace

Result<Scene> parseScene(const std::string& text, const std::filesystem::path& file) {
    const Reader rd(file);
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        // what() reads "[json.exception.parse_error.101] parse error at line 1, ...": keep the
        // readable part after the bracketed id.
        std::string what = e.what();
        if (const auto close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos)
            what = what.substr(close + 2);
        return makeError(file.string() + ": invalid JSON at byte " + std::to_string(e.byte) + ": " + what);
    }
    try {
        return parseRoot(rd, root, file);
    } catch (const SceneError& e) {
        return makeError(e.message);
    }
}

Result<Scene> loadScene(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        return makeError(file.string() + ": cannot open scene file (" + std::strerror(EISDIR) + ")");
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return makeError(file.string() + ": cannot open scene file (" + std::strerror(errno) + ")");
    std::string text;
    char buf[8192];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    const bool readError = std::ferror(f) != 0;
    std::fclose(f);
    if (readError) return makeError(file.string() + ": cannot read scene file");
    return parseScene(text, file);
}

std::filesystem::path cacheDirectory() {
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? std::string(v) : std::string();
    };
    if (const std::string dir = env("PLATEAU_CACHE_DIR"); !dir.empty()) return dir;
    // The XDG spec says relative values are invalid and must be ignored.
    if (const std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty() && std::filesystem::path(xdg).is_absolute())
        return std::filesystem::path(xdg) / "plateau";
    if (const std::string home = env("HOME"); !home.empty()) return std::filesystem::path(home) / ".cache" / "plateau";
    std::error_code ec;
    return std::filesystem::temp_directory_path(ec) / "plateau-cache";
}

}  // namespace plateau
