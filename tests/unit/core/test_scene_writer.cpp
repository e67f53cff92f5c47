// The scene writer: parse(write(s)) == s for every field a scene file holds, writing twice gives
// the same bytes, paths are written for the target file, and the schema version is enforced.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "core/scene.h"
#include "core/scene_writer.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

// Every member of a scene file set to something other than its default, over two terrains (a
// terrain has one type) and every layer type. Paths: inside the scene's folder, beside it, far
// away and in the cache.
const char* kEverything = R"J({
  "version": 1,
  "title": "Everything", "label": "every field set",
  "terrain": { "type": "gdal", "path": "terrain/dem.tif", "paths": ["../data/more.tif", "/elsewhere/far.tif"],
               "encoding": "mapbox", "generate": { "synthetic": true, "seed": 7 },
               "detail": { "seed": 3, "amplitude_m": 55.5 } },
  "camera": { "lon": 91.25, "lat": 29.125, "height": 12345.678, "heading": -33.3, "pitch": -12.5 },
  "lod": { "max_screen_space_error": 3.25 },
  "shading": { "sun_azimuth": 200, "sun_elevation": -10.5, "exaggeration": 2.5, "contour_interval": 100, "haze": false },
  "memory": { "cache_mib": 300, "gpu_mib": 64, "overlay_mib": 96, "uploads_per_frame": 7 },
  "time": { "start": "1950-03", "end": 2040.25, "current": "1999-12-31" },
  "underground": { "enabled": true, "terrain_opacity": 0.35, "max_depth_m": 4500,
                   "cutaway": { "enabled": true, "lon": 91.5, "lat": 29.5, "heading": 45 } },
  "layers": [
    { "id": "sat", "title": "Satellite", "type": "imagery",
      "source": { "type": "http", "url": "https://tiles.example/{time}/{z}/{x}/{y}.jpg", "tilejson": "meta/tiles.json",
                  "tms": true, "min_zoom": 2, "max_zoom": 12, "bounds": [80, 25, 95, 35],
                  "cache_mib": 100, "cache_days": 5, "missing_days": 0.5, "times": ["2019", 2020.5, "2021-06"] },
      "visible": false, "opacity": 0.5, "legend": "sat legend", "attribution": "sat attribution" },
    { "id": "old-maps", "type": "imagery",
      "source": { "type": "gdal", "path": "@cache/maps/{time}.tif", "times": ["1960", "1980"] } },
    { "id": "rivers", "title": "Rivers", "type": "vector",
      "source": { "type": "ogr", "path": "vectors/rivers.gpkg", "layer": "lines", "where": "scalerank < 6" },
      "opacity": 0.75,
      "style": { "fill": "#10203040", "stroke": "#aabbcc", "stroke_width": 2.5, "point_size": 9, "label": "name",
                 "category": { "field": "kind", "colours": { "lake": "#4a90d9", "river": "#1d4e8980" } },
                 "number": { "field": "scalerank", "min": 1, "max": 9, "width": [4, 0.5], "colour": ["#1d4e89", "#6fa8e6"] } },
      "time": { "start_field": "from", "end_field": "to", "id_field": "gid", "fade_years": 2.5, "pinned": "1990" } },
    { "id": "glaciers", "type": "vector", "source": { "type": "ogr", "path": "/elsewhere/glaciers.shp" },
      "style": { "number": { "field": "area", "min": -5, "max": 5, "width": [1, 2] } },
      "time": { "field": "year" } },
    { "id": "water", "type": "trace", "from": [91.583, 29.6], "catchment": true, "dem": "../data/flow.tif",
      "rivers": "vectors/rivers.gpkg", "reaches": "rivers/reaches.csv", "join_km": 4.5,
      "style": { "stroke": "#00ff00", "stroke_width": 5, "fill": "#00ff0040", "label": "" } },
    { "id": "deposits", "type": "deposits", "source": { "type": "ogr", "path": "deposits/d.csv" },
      "fields": { "name": "n", "lon": "x", "lat": "y", "commodities": "com", "main_commodity": "Au", "tonnage": "t",
                  "copper": "cu", "molybdenum": "mo", "gold": "au", "silver": "ag", "age": "ma", "status": "st",
                  "discovery": "found", "production": "opened", "country": "land" },
      "style": { "size": { "by": "contained_cu", "range_px": [3, 40], "domain": [0.1, 20] },
                 "colour": { "by": "commodity", "colours": [["Cu", "#d96b33"], ["Ag", "#c0c0c0"]] },
                 "missing_colour": "#123456" },
      "filter": { "commodities": ["Cu", "Au"], "min_tonnage": 10, "max_tonnage": 5000 },
      "label": "country" },
    { "id": "grades", "type": "deposits", "source": { "type": "ogr", "path": "deposits/d.csv" },
      "style": { "size": { "by": "tonnage", "range_px": [5, 26] },
                 "colour": { "by": "grade", "metal": "Mo", "range": [0.01, 0.1], "ramp": ["#000000", "#ffffff"] } },
      "label": "" },
    { "id": "mine", "type": "mine", "source": { "type": "geojson", "path": "mines/m.geojson" },
      "features": [
        { "type": "Feature", "properties": { "kind": "pit", "id": "pit-a", "label": "Pit A", "base_m": 4800,
            "face_angle_deg": 50, "side_angle_deg": 20, "interpolate": false, "schematic": true,
            "stages": [ { "year": 2021, "depth_m": 100, "bench_height_m": 15, "bench_width_m": 8 },
                        { "year": "2030-06", "depth_m": 500, "bench_height_m": 15, "bench_width_m": 8 } ] },
          "geometry": { "type": "Polygon", "coordinates": [[[91.5, 29.5], [91.52, 29.5], [91.52, 29.52], [91.5, 29.5]]] } },
        { "type": "Feature", "properties": { "kind": "dump", "base_m": 4700, "stages": [ { "year": 2022, "height_m": 40 } ] },
          "geometry": { "type": "Polygon", "coordinates": [[[91.6, 29.5], [91.62, 29.5], [91.62, 29.52]]] } },
        { "type": "Feature", "properties": { "kind": "pond", "label": "Pond", "base_m": 4600,
            "stages": [ { "year": 2023, "level_m": 12.5 } ] },
          "geometry": { "type": "Polygon", "coordinates": [[[91.7, 29.5], [91.72, 29.5], [91.72, 29.52]]] } } ],
      "visible": false },
    { "id": "body", "title": "Body", "type": "model",
      "model": { "path": "bodies/b.glb", "lon": 91.58, "lat": 29.6, "depth": 250, "heading": 10, "pitch": 5,
                 "roll": -3, "scale": 2, "label": "Body (schematic)" },
      "opacity": 0.6, "legend": "schematic" },
    { "id": "floating", "type": "model",
      "model": { "path": "../models/f.gltf", "lon": -120, "lat": -45, "elevation": -1500 } }
  ],
  "bookmarks": [
    { "name": "Qulong pit", "camera": { "lon": 91.6, "lat": 29.61, "height": 6000, "heading": 90, "pitch": -40 },
      "time": "2025" },
    { "name": "ལྷ་ས་ 拉萨", "camera": { "lon": 91.1, "lat": 29.65, "height": 20000, "heading": 0, "pitch": -60 } }
  ]
})J";

const char* kHttpTerrain = R"({
  "title": "online",
  "terrain": { "type": "http", "url": "https://tiles.example/{z}/{x}/{-y}.png", "tilejson": "https://tiles.example/t.json",
               "min_zoom": 1, "max_zoom": 14, "bounds": [-10, -20, 30, 40], "attribution": "Tiles: example",
               "cache_mib": 0, "cache_days": 30, "missing_days": 1 },
  "layers": [ { "id": "v", "type": "vector", "source": { "type": "ogr", "path": "v.geojson" } } ]
})";

class CacheDir {
public:
    explicit CacheDir(const char* value) {
        if (const char* old = std::getenv("PLATEAU_CACHE_DIR")) old_ = old;
        setenv("PLATEAU_CACHE_DIR", value, 1);
    }
    ~CacheDir() {
        if (old_) setenv("PLATEAU_CACHE_DIR", old_->c_str(), 1);
        else unsetenv("PLATEAU_CACHE_DIR");
    }
    CacheDir(const CacheDir&) = delete;
    CacheDir& operator=(const CacheDir&) = delete;

private:
    std::optional<std::string> old_;
};

Scene parsed(const std::string& text, const fs::path& file) {
    const Result<Scene> r = parseScene(text, file);
    if (!r) FAIL(r.error().message);
    return *r;
}

// write -> parse gives the scene back, and writing that again gives the same bytes.
void checkRoundTrip(const Scene& s, const fs::path& target) {
    const std::string once = writeScene(s, target);
    const Result<Scene> back = parseScene(once, target);
    if (!back) FAIL(back.error().message << "\n" << once);
    Scene expected = s;
    expected.file = target;
    CHECK(back->layers.size() == expected.layers.size());
    for (std::size_t i = 0; i < expected.layers.size() && i < back->layers.size(); ++i) {
        INFO("layer " << expected.layers[i].id);
        CHECK(back->layers[i] == expected.layers[i]);
    }
    CHECK(back->terrain == expected.terrain);
    CHECK(back->bookmarks == expected.bookmarks);
    CHECK(back->underground == expected.underground);
    CHECK(back->timeline == expected.timeline);
    CHECK(*back == expected);
    CHECK(writeScene(*back, target) == once);
}

}  // namespace

TEST_CASE("a scene with every field set survives write and read exactly", "[scene][writer]") {
    const CacheDir cache("/cache/plateau");
    const fs::path file = "/work/scenes/everything.json";
    const Scene s = parsed(kEverything, file);

    // The test only means something if the fields are not at their defaults.
    const Scene d;
    CHECK(s.terrain != d.terrain);
    CHECK(s.camera != d.camera);
    CHECK(s.shading.sunAzimuthDeg != d.shading.sunAzimuthDeg);
    CHECK(s.shading.sunElevationDeg != d.shading.sunElevationDeg);
    CHECK(s.shading.exaggeration != d.shading.exaggeration);
    CHECK(s.shading.contourIntervalM != d.shading.contourIntervalM);
    CHECK(s.shading.haze != d.shading.haze);
    CHECK(s.memory.cacheMiB != d.memory.cacheMiB);
    CHECK(s.memory.gpuMiB != d.memory.gpuMiB);
    CHECK(s.memory.overlayMiB != d.memory.overlayMiB);
    CHECK(s.memory.uploadsPerFrame != d.memory.uploadsPerFrame);
    CHECK(s.maxScreenSpaceError != d.maxScreenSpaceError);
    CHECK(s.underground.enabled != d.underground.enabled);
    CHECK(s.underground.terrainOpacity != d.underground.terrainOpacity);
    CHECK(s.underground.maxDepthBelowSurface != d.underground.maxDepthBelowSurface);
    CHECK(s.underground.cutawayOn != d.underground.cutawayOn);
    CHECK(s.underground.cutaway != d.underground.cutaway);
    CHECK(s.timeline.current == Approx(1999.9973).epsilon(1e-6));
    REQUIRE(s.layers.size() == 10);
    REQUIRE(s.bookmarks.size() == 2);
    CHECK(s.bookmarks[0].time == 2025.0);
    CHECK(s.layers[7].mine.features.size() == 3);

    checkRoundTrip(s, file);
}

TEST_CASE("a scene with an http terrain survives write and read exactly", "[scene][writer]") {
    const Scene s = parsed(kHttpTerrain, "/srv/online.json");
    CHECK(s.terrain.maxZoom == 14);
    checkRoundTrip(s, "/srv/online.json");
}

TEST_CASE("a scene built in code survives write and read", "[scene][writer]") {
    // Not every value comes from a file: the panel sets colours from a picker and moves layers.
    Scene s;
    s.title = "made in code";
    s.terrain.type = "folder";
    s.terrain.path = "/data/tiles";
    s.camera = {10.5, -20.25, 800, 370, 45};
    s.underground.terrainOpacity = 0.5;  // kept while the underground view is off
    LayerDesc v;
    v.id = "v";
    v.title = "v";
    v.type = LayerType::Vector;
    v.source.type = "ogr";
    v.source.path = "/data/v.geojson";
    v.style.fill = {1.0f, 0.0f, 0.0f, 128.0f / 255.0f};
    v.style.strokeWidthPx = 0.1f;  // not exact in decimal: written with enough digits
    s.layers.push_back(v);
    s.bookmarks.push_back({"here", {1, 2, 3, 4, 5}, std::nullopt});
    s.bookmarks.push_back({"then", {1, 2, 3, 4, 5}, 1987.5});
    s.bookmarks.push_back({"telephoto", {1, 2, 3, 4, 5, 12.5}, std::nullopt});
    checkRoundTrip(s, "/data/scene.json");
    s.camera.fov_deg = 70;
    checkRoundTrip(s, "/data/scene.json");
}

TEST_CASE("paths are written for the file they are saved in", "[scene][writer]") {
    const CacheDir cache("/cache/plateau");
    CHECK(scenePathText("/p/scenes/terrain/dem.tif", "/p/scenes/a.json") == "terrain/dem.tif");
    CHECK(scenePathText("/p/data/dem.tif", "/p/scenes/a.json") == "../data/dem.tif");   // beside
    CHECK(scenePathText("/q/data/dem.tif", "/p/scenes/a.json") == "/q/data/dem.tif");   // far: absolute
    CHECK(scenePathText("/cache/plateau/tiles/x", "/p/scenes/a.json") == "@cache/tiles/x");
    CHECK(scenePathText("assets/terrain/dem.tif", "assets/default.json") == "terrain/dem.tif");
    CHECK(scenePathText("../shared/data/dem.tif", "assets/default.json") == "../../shared/data/dem.tif");
    CHECK(scenePathText("/abs/dem.tif", "assets/default.json") == "/abs/dem.tif");

    // Save as into another folder: the same files, reached from there.
    const Scene s = parsed(kEverything, "/work/scenes/everything.json");
    const std::string text = writeScene(s, "/work/other/deeper/copy.json");
    const Scene moved = parsed(text, "/work/other/deeper/copy.json");
    CHECK(moved.terrain.path == fs::path("/work/scenes/terrain/dem.tif"));
    CHECK(moved.terrain.extraPaths == s.terrain.extraPaths);
    CHECK(moved.layers[2].source.path == s.layers[2].source.path);
    CHECK(moved.layers[9].model.path == fs::path("/work/models/f.gltf"));
    CHECK(text.find("\"/work/scenes/terrain/dem.tif\"") != std::string::npos);  // two folders up: absolute
    Scene relocated = moved;
    relocated.file = s.file;
    CHECK(relocated == s);
}

TEST_CASE("forEachScenePath visits every file path", "[scene][writer]") {
    Scene s = parsed(kEverything, "/work/scenes/everything.json");
    int seen = 0;
    forEachScenePath(s, [&](fs::path& p) {
        CHECK(p.is_absolute());
        p = "/moved" / p.relative_path();
        ++seen;
    });
    // terrain + 2 extra, tilejson, gdal imagery, 2 vectors, trace dem, rivers and reaches, 2 deposits,
    // mine source, 2 models
    CHECK(seen == 15);
    CHECK(s.terrain.path == fs::path("/moved/work/scenes/terrain/dem.tif"));
    CHECK(s.layers[0].source.tilejson == "/moved/work/scenes/meta/tiles.json");
    CHECK(s.layers[9].model.path == fs::path("/moved/work/models/f.gltf"));
}

TEST_CASE("the schema version", "[scene][writer]") {
    const std::string base = R"("terrain": {"path": "t"})";
    CHECK(parseScene("{" + base + "}", "a.json").ok());
    CHECK(parseScene(R"({"version": 1, )" + base + "}", "a.json").ok());
    auto error = [&](const std::string& version) {
        const Result<Scene> r = parseScene(R"({"version": )" + version + ", " + base + "}", "scenes/scene.json");
        REQUIRE(!r.ok());
        return r.error().message;
    };
    CHECK(error("3") == "scenes/scene.json: written by a newer plateau (schema version 3; this one reads up to 1)");
    CHECK(error("0") == "scenes/scene.json: version: expected a whole number from 1 (the scene file schema version) (got 0)");
    CHECK(error("1.5").find("version: expected a whole number") != std::string::npos);
    CHECK(error("\"1\"").find("version: expected a whole number") != std::string::npos);
    // The version is looked at first: a newer file's unknown fields do not hide why it is refused.
    const Result<Scene> r = parseScene(R"({"version": 2, "flying_cars": true, "terrain": {"path": "t"}})", "s.json");
    REQUIRE(!r.ok());
    CHECK(r.error().message == "s.json: written by a newer plateau (schema version 2; this one reads up to 1)");
    // What the writer writes is this program's version.
    CHECK(writeScene(Scene{}, "x.json").rfind("{\n  \"version\": 1,", 0) == 0);
}

TEST_CASE("bookmarks and the underground view are read with errors naming the field", "[scene][writer]") {
    auto error = [](const std::string& extra) {
        const Result<Scene> r = parseScene(R"({"terrain": {"path": "t"}, )" + extra + "}", "s.json");
        REQUIRE(!r.ok());
        CHECK(r.error().message.find('\n') == std::string::npos);
        return r.error().message;
    };
    CHECK(error(R"("bookmarks": {})") == "s.json: bookmarks: expected an array of {\"name\", \"camera\"}");
    CHECK(error(R"("bookmarks": [{"camera": {}}])") == "s.json: bookmarks[0].name: missing");
    CHECK(error(R"("bookmarks": [{"name": "a"}])") == "s.json: bookmarks[0].camera: missing (lon, lat, height, heading, pitch)");
    CHECK(error(R"("bookmarks": [{"name": "a", "camera": {"lat": 90}}])") ==
          "s.json: bookmarks[0].camera.lat: must be between -85 and 85 (got 90)");
    CHECK(error(R"("bookmarks": [{"name": "a", "camera": {}, "time": "1990-13"}])").find("bookmarks[0].time") !=
          std::string::npos);
    CHECK(error(R"("underground": {"terrain_opacity": 2})") ==
          "s.json: underground.terrain_opacity: must be between 0 and 1 (got 2)");
    CHECK(error(R"("underground": {"cutaway": {"on": true}})") == "s.json: underground.cutaway.on: unknown field");
    CHECK(error(R"("underground": {"enabled": 1})") == "s.json: underground.enabled: expected true or false");

    const Result<Scene> ok = parseScene(
        R"({"terrain": {"path": "t"}, "bookmarks": [{"name": "b", "camera": {"lon": 5}}], "underground": {"enabled": true}})",
        "s.json");
    REQUIRE(ok.ok());
    CHECK(ok->bookmarks[0].pose.lon_deg == 5.0);
    CHECK(ok->bookmarks[0].pose.height_m == CameraPose{}.height_m);
    CHECK(!ok->bookmarks[0].time);
    CHECK(ok->underground.enabled);
    CHECK(ok->underground.terrainOpacity == 1.0);
}
