// Scene files are JSON. Every field is optional except terrain.path (url or tilejson for http) and,
// per layer, id, type and source; fields not listed here are errors, so a misspelt key is
// reported instead of silently ignored. Parsing: this file (terrain, camera, shading, memory),
// scene_layers.cpp ("layers", "time"), scene_reader.h (typed reads that name the field).
//
// {
//   "version": 1,                                the schema version (core/scene.h): absent = 1; a
//                                                newer one is refused ("written by a newer plateau
//                                                (schema version 3; this one reads up to 1)")
//   "title": "Qulong, southern Tibet",           string
//   "label": "synthetic terrain",                string shown in the view
//   "terrain": {
//     "type": "folder",                          "folder": {z}/{x}/{y}.png under path; "mbtiles":
//                                                the file at path; "gdal": the raster at path (plus
//                                                "paths": [...]); "quantized-mesh": the Cesium
//                                                terrain folder at path; "http": "url" instead of path
//     "path": "@cache/synthetic-plateau-v1",     required but for http; relative paths resolve against
//                                                the scene file's folder, "@cache/..." under cacheDirectory()
//     "url": "https://host/{z}/{x}/{y}.png",     http only (as are the keys down to missing_days); holds
//                                                {z}, {x} and {y} (or {-y}: TMS rows); may be left out given "tilejson"
//     "tilejson": "https://host/tiles.json",     URL or path of a TileJSON document: zoom range, bounds,
//                                                attribution, and its tiles[0] when "url" is absent
//     "min_zoom": 0, "max_zoom": 15,             integers 0..22, min <= max; unset: from the TileJSON,
//                                                else 0..15. No tile outside the range is asked for
//     "bounds": [88, 28.5, 93, 30.5],            [west, south, east, north] degrees where the server
//                                                has data; west < east, south < north
//     "attribution": "Terrain: Mapzen, ...",     shown in the view
//                                                The disk cache (under the cache folder, one per URL template):
//     "cache_mib": 2048,                         http: cache budget in MiB, least recently used
//                                                tiles deleted beyond it; >= 0, 0 = no limit
//     "cache_days": 30,                          http: tiles fetched longer ago are fetched again
//                                                (the old copy serves if that fails); >= 0, 0 = never
//     "missing_days": 1,                         http: how long a 404 answer is remembered, also by
//                                                later runs; >= 0, 0 = for ever
//     "encoding": "terrarium",                   "terrarium" | "mapbox" (terrain-RGB)
//     "generate": { "synthetic": true,           build tiles with the synthetic generator when
//                   "seed": 1 }                  path holds none yet; seed: integer 0..2^32-1
//     "detail": { "seed": 1,                     any type: seeded synthetic relief added below the
//                 "amplitude_m": 40 }            source's resolution; seed 0..2^32-1 (default 0),
//                                                amplitude 0..2000 m (default 40)
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
//   "memory": { "cache_mib": 384,                decoded tiles on the CPU, >= 16
//               "gpu_mib": 128,                  GPU tile slots, >= 8
//               "overlay_mib": 256,              GPU slots for draped layers' tiles (256 KiB each), >= 4
//               "uploads_per_frame": 48 },       tiles uploaded per interactive frame, >= 1
//   "time": { "start": "1930",                   the timeline; dates are "YYYY", "YYYY-MM",
//             "end": "2025",                     "YYYY-MM-DD" or numbers (decimal years);
//             "current": "2007" },               start <= current <= end, current defaults to end.
//                                                The timeline is shown when this section is there or
//                                                a layer has "time"
//   "layers": [                                  drawn over the terrain in this order (first = bottom)
//     { "id": "rivers",                          required, unique, 1..64 of a-z 0-9 _ -
//       "title": "Rivers",                       for the panel (default: the id)
//       "type": "vector",                        required: "imagery" | "vector" | "trace" (its
//                                                fields: scene_trace.cpp) | "deposits" (its
//                                                fields: scene_deposits.cpp) | "mine" | "model" (a
//                                                glTF body: its "model" section instead of "source",
//                                                see scene_models.cpp)
//       "source": {                              required
//         "type": "ogr",                         vector: "ogr" (any vector file GDAL reads);
//                                                imagery: "http" (XYZ tiles) or "gdal" (any raster)
//         "path": "vectors/rivers.geojson",      ogr and gdal: required, resolved like terrain.path
//         "layer": "rivers",                     ogr: which layer of a multi-layer file
//         "where": "scalerank < 6",              ogr: an attribute filter (OGR SQL WHERE clause)
//         "url": "https://host/{z}/{x}/{y}.jpg", http: as for terrain: url or tilejson required;
//         "tilejson": "", "min_zoom": 0,         also min_zoom/max_zoom (unset: from the TileJSON,
//         "max_zoom": 18, "bounds": [w,s,e,n],   else 0..18), bounds, and the disk cache keys
//         "cache_mib": 2048, "cache_days": 30,   cache_mib, cache_days, missing_days
//         "missing_days": 1, "tms": false },     tms: rows counted from the south
//       "visible": true,                         shown at start
//       "opacity": 1.0,                          0..1
//       "style": {                               vector only; colours "#rrggbb" or "#rrggbbaa"
//         "fill": "#3a7bd580", "stroke": "#1d4e89",
//         "stroke_width": 2,                     screen pixels, 0..64
//         "point_size": 6,                       screen pixels, 0..256
//         "label": "name",                       attribute shown as a label
//         "category": { "field": "kind",         fill by the attribute's value; at least one colour
//                       "colours": { "lake": "#4a90d9" } },
//         "number": { "field": "scalerank",      numeric ramp from min to max (min < max), with
//                     "min": 0, "max": 10,       "width": [at min, at max] (pixels, 0..64) and/or
//                     "width": [3, 1],           "colour": [at min, at max]
//                     "colour": ["#1d4e89", "#9ec5ef"] } },
//       "legend": "text",                        shown in the legend
//       "attribution": "Natural Earth",          shown while the layer is visible
//       "time": {                                vector only; "field" (one date per feature) or
//         "field": "year",                       "start_field"/"end_field" (a span), not both
//         "start_field": "from", "end_field": "to",
//         "id_field": "name",                    features with one value are one object over time
//         "fade_years": 5,                       0..1000: fade between versions of an object
//         "pinned": "1990" } }                   a date the layer always shows (any year)
//     { "id": "qulong", "type": "mine",          a mine: pits, dumps and ponds that change the
//                                                terrain's heights with the timeline
//       "source": { "type": "geojson",           a FeatureCollection of mine features
//                   "path": "mines/q.geojson" }, (format: core/mine_geojson.h)
//       "features": [ ... ] }                    the same features inline; source, features or both
//   ],
//   "bookmarks": [                               saved views, in the user's order (scene_views.cpp)
//     { "name": "Qulong pit",                    required string
//       "camera": { "lon": 91.6, ... },          required, the fields and ranges of "camera"
//       "time": "2021" } ],                      the timeline's date when saved (optional)
//   "underground": {                             the underground view the scene opens with
//     "enabled": false,                          the terrain's underside drawn, camera may go below
//     "terrain_opacity": 1,                      0..1 (used when enabled)
//     "max_depth_m": 3000,                       0..20000: how far below the surface the camera may go
//     "cutaway": { "enabled": false,             a vertical cut plane through lon/lat; the side
//                  "lon": 91.58, "lat": 29.6,    its heading faces (degrees clockwise from north,
//                  "heading": 0 } }              -360..360) is removed
// }
//
// core/scene_writer.h writes all of this back (saving keeps every field, comments aside).
//
// Every error is one line naming the file and the field: "scenes/a.json: camera.height: expected a
// number".
#include "core/scene.h"
#include "core/input_limits.h"
#include "core/path_json.h"
#include "core/scene_reader.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>

namespace plateau {

namespace {

using namespace scene_detail;

void parseTerrain(const Reader& rd, const json& t, const std::filesystem::path& file, TerrainSourceDesc& out) {
    const std::string path = "terrain";
    rd.expectObject(t, path);
    rd.onlyKeys(t, path, {"type", "path", "paths", "url", "min_zoom", "max_zoom", "bounds", "tilejson", "attribution",
                          "cache_mib", "cache_days", "missing_days", "encoding", "generate", "detail"});
    rd.string(t, path, "type", out.type);
    const bool known = out.type == "folder" || out.type == "mbtiles" || out.type == "http" || out.type == "gdal" ||
                       out.type == "quantized-mesh";
    if (!known)
        rd.fail("terrain.type", "unknown type \"" + out.type +
                                    "\" (expected \"folder\", \"mbtiles\", \"http\", \"gdal\" or \"quantized-mesh\")");

    if (out.type == "http") {
        // max_zoom unset (-1) leaves the range to the TileJSON document, else the source's default.
        parseHttpFields(rd, t, path, file,
                        {out.url, out.tilejson, out.minZoom, out.maxZoom, out.bounds, out.cacheMiB, out.cacheDays,
                         out.missingDays});
        rd.string(t, path, "attribution", out.attribution);
    } else {
        // Easily taken for memory.cache_mib: say so rather than ignore it.
        for (const char* key : {"cache_mib", "cache_days", "missing_days"})
            if (Reader::member(t, key))
                rd.fail(Reader::join(path, key), "only for type \"http\" (the disk cache of downloaded tiles)");
        for (const char* key : {"url", "min_zoom", "max_zoom", "bounds", "tilejson", "attribution"})
            if (Reader::member(t, key))
                rd.fail(Reader::join(path, key), "only for type \"http\" (a tile server's description)");
        out.path = rd.pathMember(t, path, "path", "where the terrain data is");
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
        if (const json* s = Reader::member(*g, "seed")) out.syntheticSeed = rd.seedValue(*s, "terrain.generate.seed");
    }
    if (const json* d = Reader::member(t, "detail")) {
        const std::string dp = "terrain.detail";
        rd.expectObject(*d, dp);
        rd.onlyKeys(*d, dp, {"seed", "amplitude_m"});
        out.detailSeed = 0;
        if (const json* s = Reader::member(*d, "seed")) out.detailSeed = rd.seedValue(*s, "terrain.detail.seed");
        rd.number(*d, dp, "amplitude_m", out.detailAmplitudeM, 0.0, 2000.0);
    }
}

Scene parseRoot(const Reader& rd, const json& root, const std::filesystem::path& file) {
    if (!root.is_object()) rd.fail("", "expected a JSON object at the top level");
    checkVersion(rd, root);
    rd.onlyKeys(root, "", {"version", "title", "label", "terrain", "camera", "lod", "shading", "memory", "layers",
                           "time", "bookmarks", "underground"});
    Scene scene;
    scene.file = file;
    rd.string(root, "", "title", scene.title);
    rd.string(root, "", "label", scene.label);

    const json* terrain = Reader::member(root, "terrain");
    if (!terrain) rd.fail("terrain", "missing (where the elevation tiles are)");
    parseTerrain(rd, *terrain, file, scene.terrain);

    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (const json* c = Reader::member(root, "camera")) parseCamera(rd, *c, "camera", scene.camera);
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
        rd.onlyKeys(*m, p, {"cache_mib", "gpu_mib", "overlay_mib", "uploads_per_frame"});
        rd.number(*m, p, "overlay_mib", scene.memory.overlayMiB, 4.0, 1.0e6);
        rd.number(*m, p, "cache_mib", scene.memory.cacheMiB, 16.0, 1.0e6);
        rd.number(*m, p, "gpu_mib", scene.memory.gpuMiB, 8.0, 1.0e6);
        double uploads = scene.memory.uploadsPerFrame;
        rd.number(*m, p, "uploads_per_frame", uploads, 1.0, 10000.0);
        scene.memory.uploadsPerFrame = int(uploads);
    }
    if (const json* l = Reader::member(root, "layers")) parseLayers(rd, *l, file, scene.layers);
    finishTraceLayers(rd, scene.terrain.type, scene.terrain.path, scene.layers);
    parseTimeline(rd, Reader::member(root, "time"), scene.layers, scene.timeline);
    if (const json* b = Reader::member(root, "bookmarks")) parseBookmarks(rd, *b, scene.bookmarks);
    if (const json* u = Reader::member(root, "underground")) parseUnderground(rd, *u, scene.underground);
    return scene;
}

}  // namespace

Result<Scene> parseScene(const std::string& text, const std::filesystem::path& file) {
    const Reader rd(file);
    if (auto deep = jsonTooDeep(text, file.string())) return *deep;
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
    } catch (const json::out_of_range&) {
        // 1e999: nlohmann refuses numbers past a double's range with this, not a parse_error.
        return path_json::numberOverflowError(file.string(), text);
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
    if (const auto size = std::filesystem::file_size(file, ec); !ec && size > kMaxSceneFileBytes)
        return tooLargeError(file.string(), size, kMaxSceneFileBytes, "scene file");
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return makeError(file.string() + ": cannot open scene file (" + std::strerror(errno) + ")");
    std::string text;
    char buf[8192];
    std::size_t n = 0;
    // The size was checked, but a pipe has none and a file may grow while it is read.
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() <= kMaxSceneFileBytes) text.append(buf, n);
    const bool readError = std::ferror(f) != 0;
    std::fclose(f);
    if (readError) return makeError(file.string() + ": cannot read scene file");
    if (text.size() > kMaxSceneFileBytes)
        return tooLargeError(file.string(), text.size(), kMaxSceneFileBytes, "scene file", true);
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
