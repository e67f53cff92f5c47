#include <catch2/catch.hpp>

#include "core/tilejson.h"

using namespace plateau;

namespace {

std::string errorOf(const Result<TileJson>& r) { return r.ok() ? std::string("(no error)") : r.error().message; }

}  // namespace

TEST_CASE("TileJSON 3.0 with every field a raster source uses", "[tilejson]") {
    const auto r = parseTileJson(R"({
        "tilejson": "3.0.0", "name": "Sentinel-2 cloudless",
        "tiles": ["https://a.example.com/s2/{z}/{x}/{y}.jpg", "https://b.example.com/s2/{z}/{x}/{y}.jpg"],
        "minzoom": 5, "maxzoom": 14, "bounds": [78.5, 26.0, 99.25, 36.5],
        "attribution": "<a href=\"https://s2maps.eu\">Sentinel-2 cloudless</a> by EOX",
        "scheme": "tms", "vector_layers": [], "center": [91, 29, 6]})",
                                 "s2.json");
    INFO(errorOf(r));
    REQUIRE(r.ok());
    CHECK(r->version == "3.0.0");
    REQUIRE(r->tiles.size() == 2);
    CHECK(r->tiles[1] == "https://b.example.com/s2/{z}/{x}/{y}.jpg");
    CHECK(r->minZoom == 5);
    CHECK(r->maxZoom == 14);
    REQUIRE(r->bounds);
    CHECK(r->bounds->west == 78.5);
    CHECK(r->bounds->south == 26.0);
    CHECK(r->bounds->east == 99.25);
    CHECK(r->bounds->north == 36.5);
    CHECK(r->attribution.find("EOX") != std::string::npos);
    CHECK(r->name == "Sentinel-2 cloudless");
    CHECK(r->tms);
}

TEST_CASE("TileJSON 2.x: absent fields stay unset, rows are xyz", "[tilejson]") {
    const auto r = parseTileJson(R"({"tilejson": "2.2.0", "tiles": ["http://h/{z}/{x}/{y}.png"], "maxzoom": 12.0})",
                                 "t.json");
    INFO(errorOf(r));
    REQUIRE(r.ok());
    CHECK_FALSE(r->minZoom);
    CHECK(r->maxZoom == 12);
    CHECK_FALSE(r->bounds);
    CHECK_FALSE(r->tms);
    CHECK(r->attribution.empty());
}

TEST_CASE("malformed TileJSON documents give one line naming the document and the field", "[tilejson]") {
    const std::pair<const char*, const char*> cases[] = {
        {"{\"tiles\": [\"http://h/{z}/{x}/{y}.png\"", "doc.json: not JSON"},
        {"[1, 2]", "doc.json: not a TileJSON document"},
        {"{}", "doc.json: 'tiles' must be a non-empty array"},
        {R"({"tiles": []})", "doc.json: 'tiles' must be a non-empty array"},
        {R"({"tiles": [7]})", "doc.json: 'tiles' must be a non-empty array"},
        {R"({"tiles": "http://h/{z}/{x}/{y}.png"})", "doc.json: 'tiles' must be a non-empty array"},
        {R"({"tiles": ["u"], "minzoom": -1})", "doc.json: 'minzoom' must be an integer 0..30"},
        {R"({"tiles": ["u"], "maxzoom": 31})", "doc.json: 'maxzoom' must be an integer 0..30"},
        {R"({"tiles": ["u"], "maxzoom": 4.5})", "doc.json: 'maxzoom' must be an integer 0..30"},
        {R"({"tiles": ["u"], "maxzoom": "12"})", "doc.json: 'maxzoom' must be an integer 0..30"},
        {R"({"tiles": ["u"], "minzoom": 6, "maxzoom": 4})", "doc.json: 'minzoom' 6 is above 'maxzoom' 4"},
        {R"({"tiles": ["u"], "bounds": [1, 2, 3]})", "doc.json: 'bounds' must be [west, south, east, north]"},
        {R"({"tiles": ["u"], "bounds": [10, 20, 5, 30]})", "doc.json: 'bounds' must be [west, south, east, north]"},
        {R"({"tiles": ["u"], "bounds": [-190, 20, 5, 30]})", "doc.json: 'bounds' must be [west, south, east, north]"},
        {R"({"tiles": ["u"], "bounds": [1, "2", 3, 4]})", "doc.json: 'bounds' must be [west, south, east, north]"},
        {R"({"tiles": ["u"], "scheme": "wmts"})", "doc.json: 'scheme' must be \"xyz\" or \"tms\""},
        {R"({"tiles": ["u"], "attribution": 3})", "doc.json: 'attribution' must be a string"},
        {R"({"tiles": ["u"], "tilejson": 3})", "doc.json: 'tilejson' must be a version string"},
    };
    for (const auto& [text, expected] : cases) {
        const auto r = parseTileJson(text, "doc.json");
        INFO(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.rfind(expected, 0) == 0);
        CHECK(r.error().message.find('\n') == std::string::npos);
    }
}

TEST_CASE("relative tile URLs resolve against the document's URL", "[tilejson]") {
    const std::string doc = "https://tiles.example.com/maps/s2/tiles.json?key=abc";
    CHECK(resolveTileUrl(doc, "https://other.org/{z}/{x}/{y}.png") == "https://other.org/{z}/{x}/{y}.png");
    CHECK(resolveTileUrl(doc, "//cdn.example.com/{z}/{x}/{y}.png") == "https://cdn.example.com/{z}/{x}/{y}.png");
    CHECK(resolveTileUrl(doc, "/t/{z}/{x}/{y}.png") == "https://tiles.example.com/t/{z}/{x}/{y}.png");
    CHECK(resolveTileUrl(doc, "{z}/{x}/{y}.jpg") == "https://tiles.example.com/maps/s2/{z}/{x}/{y}.jpg");
    CHECK(resolveTileUrl("http://host", "{z}/{x}/{y}.jpg") == "http://host/{z}/{x}/{y}.jpg");
    CHECK(resolveTileUrl("/data/tiles.json", "{z}/{x}/{y}.jpg") == "{z}/{x}/{y}.jpg");
}
