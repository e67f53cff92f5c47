// Scene files: the "layers" array, the "time" section and the terrain's server description.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "core/scene.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const char* kLayered = R"json({
  "terrain": { "type": "http", "url": "https://dem.example/{z}/{x}/{y}.png", "min_zoom": 5, "max_zoom": 12,
               "bounds": [78, 24, 94, 31], "tilejson": "dem/tiles.json", "attribution": "DEM: example",
               "detail": { "seed": 7, "amplitude_m": 25 } },
  "time": { "start": "1930", "end": "2025", "current": "2007-07" },
  "layers": [
    { "id": "rivers", "title": "Rivers", "type": "vector",
      "source": { "type": "ogr", "path": "vectors/rivers.geojson", "layer": "ne_rivers", "where": "scalerank < 6" },
      "visible": false, "opacity": 0.5,
      "style": { "fill": "#3a7bd580", "stroke": "#1D4E89", "stroke_width": 2, "point_size": 6, "label": "name",
                 "category": { "field": "kind", "colours": { "lake": "#4a90d9", "reservoir": "#7fb3e6" } },
                 "number": { "field": "scalerank", "min": 0, "max": 10, "width": [3, 1],
                             "colour": ["#1d4e89", "#9ec5ef"] } },
      "legend": "Major rivers", "attribution": "Natural Earth (public domain)",
      "time": { "field": "year", "id_field": "name", "fade_years": 5, "pinned": "1990" } },
    { "id": "imagery", "title": "Imagery", "type": "imagery",
      "source": { "type": "http", "url": "https://img.example/{z}/{y}/{x}.jpg", "tms": true,
                  "min_zoom": 2, "max_zoom": 18, "bounds": [-180, -85, 180, 85],
                  "cache_mib": 2048, "cache_days": 30, "missing_days": 1 },
      "opacity": 0.8, "attribution": "Imagery: example" },
    { "id": "geology", "type": "imagery", "source": { "type": "gdal", "path": "@cache/maps/geology.tif" } },
    { "id": "web-only", "type": "imagery", "source": { "type": "http", "tilejson": "https://img.example/tiles.json" } }
  ]
})json";

// Sets PLATEAU_CACHE_DIR for one test and restores it after.
class CacheDir {
public:
    explicit CacheDir(const char* dir) {
        if (const char* old = std::getenv("PLATEAU_CACHE_DIR")) old_ = old;
        setenv("PLATEAU_CACHE_DIR", dir, 1);
    }
    ~CacheDir() {
        if (old_.empty()) unsetenv("PLATEAU_CACHE_DIR");
        else setenv("PLATEAU_CACHE_DIR", old_.c_str(), 1);
    }
    CacheDir(const CacheDir&) = delete;
    CacheDir& operator=(const CacheDir&) = delete;

private:
    std::string old_;
};

std::string errorOf(const std::string& json) {
    const Result<Scene> r = parseScene(json, "scene.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    return r.error().message;
}

// A scene with one layer given as JSON text.
std::string withLayer(const std::string& layer) {
    return R"({"terrain": {"path": "t"}, "layers": [)" + layer + "]}";
}

// A valid vector layer with `extra` appended inside its object.
std::string vectorLayer(const std::string& extra) {
    return withLayer(R"({"id": "v", "type": "vector", "source": {"type": "ogr", "path": "a.geojson"})" + extra + "}");
}

Colour rgba(int r, int g, int b, int a = 255) {
    return {float(r) / 255.0f, float(g) / 255.0f, float(b) / 255.0f, float(a) / 255.0f};
}

}  // namespace

TEST_CASE("a scene with layers, a timeline and a described tile server", "[scene][layers]") {
    const CacheDir cache("/tmp/plateau-layers-cache");
    const Result<Scene> r = parseScene(kLayered, "/data/scenes/plateau.json");
    REQUIRE(r.ok());
    const Scene& s = *r;

    const TerrainSourceDesc& t = s.terrain;
    CHECK(t.minZoom == 5);
    CHECK(t.maxZoom == 12);
    REQUIRE(t.bounds);
    CHECK(t.bounds->west == 78);
    CHECK(t.bounds->south == 24);
    CHECK(t.bounds->east == 94);
    CHECK(t.bounds->north == 31);
    CHECK(t.tilejson == "/data/scenes/dem/tiles.json");
    CHECK(t.attribution == "DEM: example");
    REQUIRE(t.detailSeed);
    CHECK(*t.detailSeed == 7);
    CHECK(t.detailAmplitudeM == 25);

    CHECK(s.timeline.present);
    CHECK(s.timeline.start == 1930);
    CHECK(s.timeline.end == 2025);
    CHECK(s.timeline.current == Approx(2007.0 + 181.0 / 365.0));

    REQUIRE(s.layers.size() == 4);
    const LayerDesc& rivers = s.layers[0];
    CHECK(rivers.id == "rivers");
    CHECK(rivers.title == "Rivers");
    CHECK(rivers.type == LayerType::Vector);
    CHECK(rivers.source.type == "ogr");
    CHECK(rivers.source.path == fs::path("/data/scenes/vectors/rivers.geojson"));
    CHECK(rivers.source.layerName == "ne_rivers");
    CHECK(rivers.source.where == "scalerank < 6");
    CHECK_FALSE(rivers.visible);
    CHECK(rivers.opacity == 0.5);
    CHECK(rivers.style.fill == rgba(0x3a, 0x7b, 0xd5, 0x80));
    CHECK(rivers.style.stroke == rgba(0x1d, 0x4e, 0x89));
    CHECK(rivers.style.strokeWidthPx == 2.0f);
    CHECK(rivers.style.pointSizePx == 6.0f);
    CHECK(rivers.style.labelField == "name");
    CHECK(rivers.style.categoryField == "kind");
    REQUIRE(rivers.style.categories.size() == 2);
    CHECK(rivers.style.categories[0].first == "lake");
    CHECK(rivers.style.categories[0].second == rgba(0x4a, 0x90, 0xd9));
    CHECK(rivers.style.categories[1].first == "reservoir");
    CHECK(rivers.style.numberField == "scalerank");
    CHECK(rivers.style.numberMin == 0);
    CHECK(rivers.style.numberMax == 10);
    REQUIRE(rivers.style.widthRange);
    CHECK(rivers.style.widthRange->first == 3.0f);
    CHECK(rivers.style.widthRange->second == 1.0f);
    REQUIRE(rivers.style.colourRange);
    CHECK(rivers.style.colourRange->first == rgba(0x1d, 0x4e, 0x89));
    CHECK(rivers.style.colourRange->second == rgba(0x9e, 0xc5, 0xef));
    CHECK(rivers.legend == "Major rivers");
    CHECK(rivers.attribution == "Natural Earth (public domain)");
    CHECK(rivers.time.enabled());
    CHECK(rivers.time.field == "year");
    CHECK(rivers.time.idField == "name");
    CHECK(rivers.time.fadeYears == 5);
    REQUIRE(rivers.time.pinned);
    CHECK(*rivers.time.pinned == 1990);

    const LayerDesc& img = s.layers[1];
    CHECK(img.type == LayerType::Imagery);
    CHECK(img.source.type == "http");
    CHECK(img.source.url == "https://img.example/{z}/{y}/{x}.jpg");
    CHECK(img.source.tms);
    CHECK(img.source.minZoom == 2);
    CHECK(img.source.maxZoom == 18);
    REQUIRE(img.source.bounds);
    CHECK(img.source.bounds->west == -180);
    CHECK(img.source.bounds->north == 85);
    REQUIRE(img.source.cacheMiB);
    CHECK(*img.source.cacheMiB == 2048);
    REQUIRE(img.source.cacheDays);
    CHECK(*img.source.cacheDays == 30);
    REQUIRE(img.source.missingDays);
    CHECK(*img.source.missingDays == 1);
    CHECK(img.visible);
    CHECK(img.opacity == Approx(0.8));
    CHECK_FALSE(img.time.enabled());

    const LayerDesc& geo = s.layers[2];
    CHECK(geo.title == "geology");  // defaults to the id
    CHECK(geo.source.type == "gdal");
    CHECK(geo.source.path == fs::path("/tmp/plateau-layers-cache/maps/geology.tif"));
    CHECK(geo.opacity == 1.0);
    CHECK(geo.source.maxZoom == -1);  // left to the source's default

    const LayerDesc& web = s.layers[3];
    CHECK(web.source.url.empty());
    CHECK(web.source.tilejson == "https://img.example/tiles.json");  // URLs are not resolved as paths
}

TEST_CASE("layer type names", "[scene][layers]") {
    CHECK(std::string(layerTypeName(LayerType::Imagery)) == "imagery");
    CHECK(std::string(layerTypeName(LayerType::Vector)) == "vector");
    CHECK(std::string(layerTypeName(LayerType::Mine)) == "mine");
    CHECK(std::string(layerTypeName(LayerType::Model)) == "model");
}

TEST_CASE("the timeline: defaults, numbers and when it is shown", "[scene][layers]") {
    const auto none = parseScene(R"({"terrain": {"path": "t"}})", "s.json");
    REQUIRE(none.ok());
    CHECK_FALSE(none->timeline.present);
    CHECK(none->layers.empty());

    const auto noCurrent = parseScene(R"({"terrain": {"path": "t"}, "time": {"start": 1936, "end": "2007"}})", "s.json");
    REQUIRE(noCurrent.ok());
    CHECK(noCurrent->timeline.present);
    CHECK(noCurrent->timeline.start == 1936);
    CHECK(noCurrent->timeline.current == 2007);  // defaults to the end

    const auto decimal = parseScene(R"({"terrain": {"path": "t"}, "time": {"start": 1990.5, "end": 2000,
                                        "current": "1990.5"}})", "s.json");
    REQUIRE(decimal.ok());
    CHECK(decimal->timeline.current == 1990.5);

    // A dated layer alone makes the timeline appear, with its default range.
    const auto dated = parseScene(vectorLayer(R"(, "time": {"start_field": "from", "end_field": "to"})"), "s.json");
    REQUIRE(dated.ok());
    CHECK(dated->timeline.present);
    CHECK(dated->layers[0].time.startField == "from");
    CHECK(dated->layers[0].time.endField == "to");
    CHECK(dated->timeline.current >= dated->timeline.start);
    CHECK(dated->timeline.current <= dated->timeline.end);

    // A pinned date may lie outside the timeline.
    const auto pinned = parseScene(R"({"terrain": {"path": "t"}, "time": {"start": 2000, "end": 2010},
        "layers": [{"id": "v", "type": "vector", "source": {"type": "ogr", "path": "a.shp"},
                    "time": {"field": "y", "pinned": 1850}}]})", "s.json");
    REQUIRE(pinned.ok());
    CHECK(*pinned->layers[0].time.pinned == 1850);
}

TEST_CASE("terrain server fields are for http, detail for any type", "[scene][layers]") {
    const auto detail = parseScene(R"({"terrain": {"type": "gdal", "path": "a.tif", "detail": {"amplitude_m": 10}}})",
                                   "s.json");
    REQUIRE(detail.ok());
    REQUIRE(detail->terrain.detailSeed);
    CHECK(*detail->terrain.detailSeed == 0);
    CHECK(detail->terrain.detailAmplitudeM == 10);
    const auto noDetail = parseScene(R"({"terrain": {"path": "t"}})", "s.json");
    REQUIRE(noDetail.ok());
    CHECK_FALSE(noDetail->terrain.detailSeed);

    const auto byTileJson = parseScene(R"({"terrain": {"type": "http", "tilejson": "@cache/t.json"}})", "s.json");
    REQUIRE(byTileJson.ok());
    CHECK(byTileJson->terrain.maxZoom == -1);
    const auto southRows = parseScene(R"({"terrain": {"type": "http", "url": "https://h/{z}/{x}/{-y}.png"}})", "s.json");
    CHECK(southRows.ok());  // {-y}: TMS rows

    CHECK(errorOf(R"({"terrain": {"path": "t", "min_zoom": 3}})") ==
          "scene.json: terrain.min_zoom: only for type \"http\" (a tile server's description)");
    CHECK(errorOf(R"({"terrain": {"path": "t", "attribution": "x"}})") ==
          "scene.json: terrain.attribution: only for type \"http\" (a tile server's description)");
    const std::string http = R"({"terrain": {"type": "http", "url": "https://h/{z}/{x}/{y}.png", )";
    CHECK(errorOf(http + R"("min_zoom": 9, "max_zoom": 4}})") ==
          "scene.json: terrain.min_zoom: must not exceed max_zoom (4)");
    CHECK(errorOf(http + R"("max_zoom": 12.5}})") ==
          "scene.json: terrain.max_zoom: expected an integer from 0 to 22 (got 12.5)");
    CHECK(errorOf(http + R"("max_zoom": 23}})") ==
          "scene.json: terrain.max_zoom: expected an integer from 0 to 22 (got 23)");
    CHECK(errorOf(http + R"("bounds": [94, 24, 78, 31]}})") ==
          "scene.json: terrain.bounds: west must be less than east and south less than north");
    CHECK(errorOf(http + R"("bounds": [78, 24, 94]}})") ==
          "scene.json: terrain.bounds: expected [west, south, east, north] in degrees");
    CHECK(errorOf(http + R"("bounds": [78, -95, 94, 31]}})") ==
          "scene.json: terrain.bounds: latitudes must be between -90 and 90 (got -95)");
    CHECK(errorOf(R"({"terrain": {"type": "http", "url": "https://h/{z}/{x}.png"}})") ==
          "scene.json: terrain.url: URL template lacks {y} (e.g. https://host/{z}/{x}/{y}.png)");
    CHECK(errorOf(R"({"terrain": {"path": "t", "detail": {"seed": -3}}})") ==
          "scene.json: terrain.detail.seed: expected an integer from 0 to 4294967295");
    CHECK(errorOf(R"({"terrain": {"path": "t", "detail": {"amplitude_m": 5000}}})") ==
          "scene.json: terrain.detail.amplitude_m: must be between 0 and 2000 (got 5000)");
    CHECK(errorOf(R"({"terrain": {"path": "t", "detail": {"octaves": 3}}})") ==
          "scene.json: terrain.detail.octaves: unknown field");
}

TEST_CASE("timeline errors name the field", "[scene][layers]") {
    auto timeErr = [](const std::string& time) { return errorOf(R"({"terrain": {"path": "t"}, "time": )" + time + "}"); };
    CHECK(timeErr(R"({"start": "19x0"})") ==
          "scene.json: time.start: \"19x0\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    CHECK(timeErr(R"({"end": "2007-13"})") ==
          "scene.json: time.end: \"2007-13\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD): month must be 01..12");
    CHECK(timeErr(R"({"start": 2000, "end": 1990})") == "scene.json: time.end: must not be before time.start (2000)");
    CHECK(timeErr(R"({"start": 2000, "end": 2010, "current": "1999"})") ==
          "scene.json: time.current: must be between time.start and time.end (2000..2010; got 1999)");
    CHECK(timeErr(R"({"start": true})") ==
          "scene.json: time.start: expected a date (\"YYYY\", \"YYYY-MM\", \"YYYY-MM-DD\") or a number");
    CHECK(timeErr(R"({"start": 1e6})") == "scene.json: time.start: year must be between -9999 and 9999 (got 1e+06)");
    CHECK(timeErr(R"({"now": 2000})") == "scene.json: time.now: unknown field");
    CHECK(timeErr("[2000]") == "scene.json: time: expected an object");
}

TEST_CASE("layer errors name the file and the field path", "[scene][layers]") {
    CHECK(errorOf(R"({"terrain": {"path": "t"}, "layers": {}})") == "scene.json: layers: expected an array of layers");
    CHECK(errorOf(withLayer("3")) == "scene.json: layers[0]: expected an object");
    CHECK(errorOf(withLayer(R"({"type": "vector"})")) == "scene.json: layers[0].id: missing (a unique name such as \"rivers\")");
    CHECK(errorOf(withLayer(R"({"id": "Rivers", "type": "vector"})")) ==
          "scene.json: layers[0].id: \"Rivers\" must be 1 to 64 of a-z, 0-9, '_' and '-'");
    CHECK(errorOf(withLayer(R"({"id": "", "type": "vector"})")) ==
          "scene.json: layers[0].id: \"\" must be 1 to 64 of a-z, 0-9, '_' and '-'");
    CHECK(errorOf(withLayer(R"({"id": 5, "type": "vector"})")) == "scene.json: layers[0].id: expected a string");
    CHECK(errorOf(withLayer(R"({"id": "a", "type": "wms", "source": {}})")) ==
          "scene.json: layers[0].type: unknown type \"wms\" (expected \"imagery\", \"vector\", \"trace\", \"deposits\", \"mine\" or \"model\")");
    CHECK(errorOf(withLayer(R"({"id": "a", "source": {}})")) ==
          "scene.json: layers[0].type: missing (\"imagery\", \"vector\", \"trace\", \"deposits\", \"mine\" or \"model\")");
    CHECK(errorOf(withLayer(R"({"id": "a", "type": "vector"})")) ==
          "scene.json: layers[0].source: missing (where the layer's data is)");
    CHECK(errorOf(withLayer(R"({"id": "a", "type": "vector", "colour": "#fff"})")) ==
          "scene.json: layers[0].colour: unknown field");

    // Duplicate ids, reported at the second one.
    const std::string one = R"({"id": "a", "type": "imagery", "source": {"type": "gdal", "path": "g.tif"}})";
    const std::string two = R"({"id": "b", "type": "imagery", "source": {"type": "gdal", "path": "g.tif"}})";
    CHECK(errorOf(withLayer(one + "," + two + "," + one)) ==
          "scene.json: layers[2].id: \"a\" is already the id of layers[0]");

    // Sources: the type must fit the layer, and each type has its required fields.
    auto imagery = [](const std::string& source) {
        return withLayer(R"({"id": "i", "type": "imagery", "source": )" + source + "}");
    };
    CHECK(errorOf(imagery(R"({"type": "ogr", "path": "a.shp"})")) ==
          "scene.json: layers[0].source.type: unknown type \"ogr\" for an imagery layer (expected \"http\" or \"gdal\")");
    CHECK(errorOf(imagery(R"({"path": "a.tif"})")) ==
          "scene.json: layers[0].source.type: missing (\"http\", \"gdal\" or \"ogr\")");
    CHECK(errorOf(imagery(R"({"type": "http"})")) ==
          "scene.json: layers[0].source.url: missing (the tile URL template, e.g. https://host/{z}/{x}/{y}.png, or a \"tilejson\")");
    CHECK(errorOf(imagery(R"({"type": "http", "url": "https://h/{x}/{y}.png"})")) ==
          "scene.json: layers[0].source.url: URL template lacks {z} (e.g. https://host/{z}/{x}/{y}.png)");
    CHECK(errorOf(imagery(R"({"type": "http", "url": "https://h/{z}/{x}/{y}.png", "where": "a"})")) ==
          "scene.json: layers[0].source.where: unknown field");
    CHECK(errorOf(imagery(R"({"type": "http", "url": "https://h/{z}/{x}/{y}.png", "tms": "yes"})")) ==
          "scene.json: layers[0].source.tms: expected true or false");
    CHECK(errorOf(imagery(R"({"type": "http", "url": "https://h/{z}/{x}/{y}.png", "cache_days": -1})")) ==
          "scene.json: layers[0].source.cache_days: must be at least 0 (got -1)");
    CHECK(errorOf(imagery(R"({"type": "gdal"})")) == "scene.json: layers[0].source.path: missing (the raster file)");
    CHECK(errorOf(imagery(R"({"type": "gdal", "path": ""})")) == "scene.json: layers[0].source.path: must not be empty");
    CHECK(errorOf(imagery(R"({"type": "gdal", "path": "a.tif", "url": "x"})")) ==
          "scene.json: layers[0].source.url: unknown field");
    CHECK(errorOf(withLayer(R"({"id": "v", "type": "vector", "source": {"type": "http", "url": "u"}})")) ==
          "scene.json: layers[0].source.type: unknown type \"http\" for a vector layer (expected \"ogr\")");
    CHECK(errorOf(withLayer(R"({"id": "v", "type": "vector", "source": {"type": "ogr"}})")) ==
          "scene.json: layers[0].source.path: missing (the vector file)");

    // Common fields.
    CHECK(errorOf(vectorLayer(R"(, "opacity": 1.5)")) == "scene.json: layers[0].opacity: must be between 0 and 1 (got 1.5)");
    CHECK(errorOf(vectorLayer(R"(, "visible": "no")")) == "scene.json: layers[0].visible: expected true or false");
    CHECK(errorOf(imagery(R"({"type": "gdal", "path": "a.tif"}, "style": {})")) ==
          "scene.json: layers[0].style: only for vector layers");
    CHECK(errorOf(imagery(R"({"type": "gdal", "path": "a.tif"}, "time": {"field": "y"})")) ==
          "scene.json: layers[0].time: only for vector layers");
}

TEST_CASE("layer style and time errors", "[scene][layers]") {
    auto style = [](const std::string& s) { return errorOf(vectorLayer(R"(, "style": )" + s)); };
    const std::string colourProblem = "expected a colour \"#rrggbb\" or \"#rrggbbaa\"";
    CHECK(style(R"({"stroke": "red"})") == "scene.json: layers[0].style.stroke: " + colourProblem);
    CHECK(style(R"({"fill": "#12345"})") == "scene.json: layers[0].style.fill: " + colourProblem);
    CHECK(style(R"({"fill": "#1234567g"})") == "scene.json: layers[0].style.fill: " + colourProblem);
    CHECK(style(R"({"fill": 255})") == "scene.json: layers[0].style.fill: " + colourProblem);
    CHECK(style(R"({"stroke_width": -1})") == "scene.json: layers[0].style.stroke_width: must be between 0 and 64 (got -1)");
    CHECK(style(R"({"point_size": "big"})") == "scene.json: layers[0].style.point_size: expected a number");
    CHECK(style(R"({"label": 3})") == "scene.json: layers[0].style.label: expected a string");
    CHECK(style(R"({"dash": [1, 2]})") == "scene.json: layers[0].style.dash: unknown field");
    CHECK(style(R"({"category": {"colours": {"a": "#000000"}}})") ==
          "scene.json: layers[0].style.category.field: missing (the attribute to style by)");
    CHECK(style(R"({"category": {"field": "k"}})") ==
          "scene.json: layers[0].style.category.colours: missing (an object of value: \"#rrggbb\")");
    CHECK(style(R"({"category": {"field": "k", "colours": {}}})") ==
          "scene.json: layers[0].style.category.colours: must name at least one value");
    CHECK(style(R"({"category": {"field": "k", "colours": {"lake": "blue"}}})") ==
          "scene.json: layers[0].style.category.colours.lake: " + colourProblem);
    CHECK(style(R"({"number": {"field": "n", "min": 5, "max": 5, "width": [1, 2]}})") ==
          "scene.json: layers[0].style.number.max: must be greater than min (5)");
    CHECK(style(R"({"number": {"field": "n", "width": [1]}})") ==
          "scene.json: layers[0].style.number.width: expected two values: [at min, at max]");
    CHECK(style(R"({"number": {"field": "n", "width": [1, "x"]}})") ==
          "scene.json: layers[0].style.number.width[1]: expected a number");
    CHECK(style(R"({"number": {"field": "n", "colour": ["#000000", "#00000"]}})") ==
          "scene.json: layers[0].style.number.colour[1]: " + colourProblem);
    CHECK(style(R"({"number": {"field": "n"}})") ==
          "scene.json: layers[0].style.number: needs \"width\" or \"colour\" (what the number sets)");
    CHECK(style(R"({"number": {"field": ""}})") == "scene.json: layers[0].style.number.field: must not be empty");

    auto time = [](const std::string& t) { return errorOf(vectorLayer(R"(, "time": )" + t)); };
    CHECK(time(R"({"id_field": "name"})") ==
          "scene.json: layers[0].time: needs \"field\" (one date per feature) or \"start_field\"/\"end_field\" (a span)");
    CHECK(time(R"({"field": "y", "start_field": "a"})") ==
          "scene.json: layers[0].time.start_field: not with \"field\": a feature has one date or a span, not both");
    CHECK(time(R"({"field": "y", "fade_years": -1})") ==
          "scene.json: layers[0].time.fade_years: must be between 0 and 1000 (got -1)");
    CHECK(time(R"({"field": "y", "pinned": "1990-02-30"})") ==
          "scene.json: layers[0].time.pinned: \"1990-02-30\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD): no such day in that month");
    CHECK(time(R"({"field": "y", "year": 1})") == "scene.json: layers[0].time.year: unknown field");
}

TEST_CASE("imagery dates parse in order and need {time} in the source", "[scene][layers]") {
    const std::string head = R"({"terrain": {"type": "folder", "path": "t"}, "layers": [{"id": "sat", "type": "imagery",
        "source": )";
    auto ok = parseScene(head + R"({"type": "gdal", "path": "img_{time}.tif", "times": ["2000", 2010]}}]})", "s.json");
    REQUIRE(ok.ok());
    REQUIRE(ok->layers[0].source.times.size() == 2);
    CHECK(ok->layers[0].source.times[0].first == "2000");
    CHECK(ok->layers[0].source.times[1].second == Approx(2010.0));
    auto noPlaceholder = parseScene(head + R"({"type": "gdal", "path": "img.tif", "times": ["2000"]}}]})", "s.json");
    REQUIRE(!noPlaceholder.ok());
    CHECK(noPlaceholder.error().message.find("layers[0].source.times") != std::string::npos);
    auto unordered = parseScene(head + R"({"type": "gdal", "path": "i_{time}.tif", "times": ["2010", "2000"]}}]})", "s.json");
    REQUIRE(!unordered.ok());
    CHECK(unordered.error().message.find("ascending") != std::string::npos);
}
