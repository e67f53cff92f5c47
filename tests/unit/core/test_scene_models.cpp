// Scene files: model layers (a glTF body placed by lon/lat and depth or elevation).
#include <catch2/catch.hpp>

#include <string>

#include "core/scene.h"

using namespace plateau;

namespace {

std::string withModel(const std::string& model, const std::string& extra = "") {
    return R"({"terrain": {"path": "t"}, "layers": [{"id": "body", "type": "model", "model": )" + model + extra + "}]}";
}

std::string errorOf(const std::string& json) {
    const Result<Scene> r = parseScene(json, "scene.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    return r.error().message;
}

}  // namespace

TEST_CASE("model layers: every field", "[scene][models]") {
    const auto r = parseScene(
        withModel(R"json({"path": "bodies/Qulong.GLB", "lon": 91.583, "lat": 29.6, "depth": 300, "heading": 20,
                      "pitch": -10, "roll": 5, "scale": 2.5, "label": "Qulong (schematic)"})json",
                  R"(, "title": "Qulong body", "opacity": 0.7, "legend": "schematic", "visible": false)"),
        "/data/scenes/s.json");
    REQUIRE(r.ok());
    REQUIRE(r->layers.size() == 1);
    const LayerDesc& l = r->layers[0];
    CHECK(l.type == LayerType::Model);
    CHECK(std::string(layerTypeName(l.type)) == "model");
    CHECK(l.title == "Qulong body");
    CHECK(l.opacity == Approx(0.7));
    CHECK(l.legend == "schematic");
    CHECK_FALSE(l.visible);
    CHECK(l.model.path == std::filesystem::path("/data/scenes/bodies/Qulong.GLB"));
    CHECK(l.model.label == "Qulong (schematic)");
    const ModelPlacement& p = l.model.placement;
    CHECK(p.lon_deg == Approx(91.583));
    CHECK(p.lat_deg == Approx(29.6));
    REQUIRE(p.depth_m);
    CHECK(*p.depth_m == Approx(300));
    CHECK(p.heading_deg == Approx(20));
    CHECK(p.pitch_deg == Approx(-10));
    CHECK(p.roll_deg == Approx(5));
    CHECK(p.scale == Approx(2.5));

    const auto e = parseScene(withModel(R"({"path": "a.gltf", "lon": 88, "lat": 30, "elevation": 4100})"), "s.json");
    REQUIRE(e.ok());
    CHECK_FALSE(e->layers[0].model.placement.depth_m);
    CHECK(e->layers[0].model.placement.elevation_m == Approx(4100));
    CHECK(e->layers[0].model.placement.scale == 1.0);
}

TEST_CASE("model layers: errors name the field", "[scene][models]") {
    const std::string ok = R"("path": "a.glb", "lon": 88, "lat": 30)";
    CHECK(errorOf(R"({"terrain": {"path": "t"}, "layers": [{"id": "b", "type": "model"}]})") ==
          "scene.json: layers[0].model: missing (path, lon, lat and depth or elevation of the model)");
    CHECK(errorOf(withModel(R"({"lon": 88, "lat": 30, "depth": 1})")) ==
          "scene.json: layers[0].model.path: missing (the glTF file)");
    CHECK(errorOf(withModel(R"({"path": "a.obj", "lon": 88, "lat": 30, "depth": 1})")) ==
          "scene.json: layers[0].model.path: expected a .gltf or .glb file (got \"a.obj\")");
    CHECK(errorOf(withModel("{" + ok + "}")) ==
          "scene.json: layers[0].model.depth: missing (\"depth\" below the surface or \"elevation\" above the datum, "
          "metres)");
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 1, "elevation": 2})")) ==
          "scene.json: layers[0].model.elevation: not with \"depth\": give the depth below the surface or the "
          "elevation, not both");
    CHECK(errorOf(withModel(R"({"path": "a.glb", "lat": 30, "depth": 1})")) ==
          "scene.json: layers[0].model.lon: missing (degrees)");
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": -5})")).find("layers[0].model.depth") != std::string::npos);
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 5, "scale": 0})")).find("layers[0].model.scale") !=
          std::string::npos);
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 5, "pitch": 95})")).find("layers[0].model.pitch") !=
          std::string::npos);
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 5, "lon": 200})")).find("layers[0].model.lon") !=
          std::string::npos);
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 5, "colour": 1})")).find("layers[0].model") !=
          std::string::npos);
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": "deep"})")).find("layers[0].model.depth: expected a number") !=
          std::string::npos);
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 5})", R"(, "source": {"type": "ogr", "path": "x"})")) ==
          "scene.json: layers[0].source: not for model layers (the file is model.path)");
    CHECK(errorOf(withModel("[]")) .find("layers[0].model") != std::string::npos);
    // The section belongs to model layers only.
    CHECK(errorOf(R"({"terrain": {"path": "t"}, "layers": [{"id": "v", "type": "vector",
                      "source": {"type": "ogr", "path": "a.geojson"}, "model": {}}]})") ==
          "scene.json: layers[0].model: only for model layers");
    CHECK(errorOf(R"({"terrain": {"path": "t"}, "layers": [{"id": "v", "type": "mesh"}]})") ==
          "scene.json: layers[0].type: unknown type \"mesh\" (expected \"imagery\", \"vector\", \"trace\", "
          "\"deposits\", \"mine\" or \"model\")");
    CHECK(errorOf(withModel("{" + ok + R"(, "depth": 5})", R"(, "label": "x")")) ==
          "scene.json: layers[0].label: not for model layers (the label is model.label)");
}
