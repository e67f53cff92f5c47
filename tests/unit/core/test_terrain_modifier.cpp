// Mine pits, dumps and ponds as terrain height modifiers: the state over time, the shapes, their
// application to tile grids, their keys, and the mine feature format.
#include <algorithm>
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <cmath>
#include <set>

#include <glm/gtc/packing.hpp>

#include "core/mine_geojson.h"
#include "core/scene.h"
#include "core/surface_height.h"
#include "core/terrain_modifiers.h"
#include "core/tile_residency.h"
#include "core/tile_producer.h"

using namespace plateau;

namespace {

constexpr double kLon = 91.58, kLat = 29.61;

// A square pit 0.02 degrees across (about 1.9 km east-west, 2.2 km north-south).
TerrainModifier squarePit(bool step = false) {
    TerrainModifier m;
    m.id = "pit";
    m.kind = ModifierKind::Pit;
    m.outline = {{kLon - 0.01, kLat - 0.01}, {kLon + 0.01, kLat - 0.01}, {kLon + 0.01, kLat + 0.01}, {kLon - 0.01, kLat + 0.01}};
    m.baseM = 5300;
    m.faceAngleDeg = 65;
    m.step = step;
    m.stages = {{2021, 0, 15, 10}, {2025, 200, 15, 10}, {2030, 400, 15, 10}};
    return m;
}

TerrainModifier squareMound(ModifierKind kind, double lon) {
    TerrainModifier m;
    m.id = modifierKindName(kind);
    m.kind = kind;
    m.outline = {{lon - 0.005, kLat - 0.005}, {lon + 0.005, kLat - 0.005}, {lon + 0.005, kLat + 0.005}, {lon - 0.005, kLat + 0.005}};
    m.baseM = 5000;
    m.sideAngleDeg = 30;
    m.stages = {{2022, 0}, {2030, 80}};
    return m;
}

HeightGrid flatGrid(int n, float h) {
    HeightGrid g;
    g.width = g.height = n;
    g.samples.assign(std::size_t(n) * std::size_t(n), h);
    return g;
}

class FlatSource : public TileSource {
public:
    float height = 5200.0f;
    int deepest = 12;
    std::string describe() const override { return "flat"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return deepest; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= deepest; }
    Result<HeightGrid> load(const TileId&) override { return flatGrid(64, height); }
};

}  // namespace

TEST_CASE("a modifier's state: nothing before the first year, interpolated or stepped after", "[modifier]") {
    const TerrainModifier pit = squarePit();
    CHECK_FALSE(modifierStateAt(pit, 2020.99).has_value());
    REQUIRE(modifierStateAt(pit, 2021.0).has_value());
    CHECK(modifierStateAt(pit, 2021.0)->value == Approx(0.0));
    CHECK(modifierStateAt(pit, 2023.0)->value == Approx(100.0));
    CHECK(modifierStateAt(pit, 2027.5)->value == Approx(300.0));
    CHECK(modifierStateAt(pit, 2040.0)->value == Approx(400.0));  // the last stage holds
    CHECK(modifierStateAt(pit, 2023.0)->benchHeight == Approx(15.0));

    const TerrainModifier stepped = squarePit(true);
    CHECK(modifierStateAt(stepped, 2024.9)->value == Approx(0.0));
    CHECK(modifierStateAt(stepped, 2025.0)->value == Approx(200.0));
    CHECK_FALSE(modifierStateAt(TerrainModifier{}, 2025.0).has_value());
}

TEST_CASE("distance inside an outline, in metres", "[modifier]") {
    const ModifierShape shape(squarePit());
    // 0.01 degrees of longitude at 29.61 N is 968.6 m on WGS84; of latitude 1108.7 m.
    CHECK(shape.insideDistance(kLon, kLat) == Approx(968.6).epsilon(0.002));
    CHECK(shape.insideDistance(kLon + 0.009, kLat) == Approx(96.86).epsilon(0.01));
    CHECK(shape.insideDistance(kLon, kLat + 0.0095) == Approx(55.4).epsilon(0.01));
    CHECK(shape.insideDistance(kLon + 0.011, kLat) == Approx(-96.86).epsilon(0.01));
    CHECK(shape.bounds().west == Approx(kLon - 0.01));
}

TEST_CASE("a pit: flat floor at the rim level minus the depth, benched walls from the rim", "[modifier]") {
    const TerrainModifier pit = squarePit();
    const ModifierStage s = *modifierStateAt(pit, 2030.0);  // 400 m deep, benches 15 m high, 10 m wide
    // The floor is flat whatever the ground was.
    CHECK(modifiedHeight(pit, s, 900.0, 5250.0) == Approx(4900.0));
    CHECK(modifiedHeight(pit, s, 600.0, 5290.0) == Approx(4900.0));
    // Ground below the pit surface is untouched, outside the outline too.
    CHECK(modifiedHeight(pit, s, 900.0, 4800.0) == Approx(4800.0));
    CHECK(modifiedHeight(pit, s, -5.0, 5250.0) == Approx(5250.0));
    // Benches: a face of 15 m at 65 degrees (7.0 m across), then a 10 m tread, repeated.
    const double face = 15.0 / std::tan(65.0 * 3.14159265358979 / 180.0);
    CHECK(modifiedHeight(pit, s, 0.0, 5300.0) == Approx(5300.0));
    CHECK(modifiedHeight(pit, s, face + 1.0, 5300.0) == Approx(5285.0));       // first tread
    CHECK(modifiedHeight(pit, s, face + 9.0, 5300.0) == Approx(5285.0));       // still on it
    CHECK(modifiedHeight(pit, s, 2 * face + 10.5, 5300.0) == Approx(5270.0));  // second tread
    CHECK(modifiedHeight(pit, s, 5 * (face + 10.0) + face + 1.0, 5300.0) == Approx(5300.0 - 6 * 15.0));
    // Before it opened (and at depth 0 in 2021) nothing is lowered below the rim.
    const ModifierStage first = *modifierStateAt(pit, 2021.0);
    CHECK(modifiedHeight(pit, first, 900.0, 5250.0) == Approx(5250.0));
    // Halfway between 2021 and 2025 the floor is 100 m down.
    CHECK(modifiedHeight(pit, *modifierStateAt(pit, 2023.0), 900.0, 5250.0) == Approx(5200.0));
}

TEST_CASE("a dump is a flat-topped mound with sloped sides; a pond a flat level", "[modifier]") {
    const TerrainModifier dump = squareMound(ModifierKind::Dump, kLon + 0.02);
    const ModifierStage s = *modifierStateAt(dump, 2026.0);  // 40 m high
    CHECK(s.value == Approx(40.0));
    CHECK(modifiedHeight(dump, s, 300.0, 5000.0) == Approx(5040.0));                     // flat top
    CHECK(modifiedHeight(dump, s, 10.0, 5000.0) == Approx(5000.0 + 10.0 * std::tan(30.0 * 3.14159265358979 / 180.0)));
    CHECK(modifiedHeight(dump, s, 300.0, 5100.0) == Approx(5100.0));  // ground above the top: as it is
    CHECK(modifiedHeight(dump, s, -1.0, 5000.0) == Approx(5000.0));
    CHECK_FALSE(modifierStateAt(dump, 2021.0).has_value());

    const TerrainModifier pond = squareMound(ModifierKind::Pond, kLon - 0.02);
    const ModifierStage p = *modifierStateAt(pond, 2030.0);
    CHECK(modifiedHeight(pond, p, 300.0, 4990.0) == Approx(5080.0));
    CHECK(surfaceMark(pond, p, 300.0, 5080.0).kind == 3.0f);   // water
    CHECK(surfaceMark(pond, p, 5.0, 5002.0).kind == 2.0f);     // the dam's face
    CHECK(surfaceMark(dump, s, 300.0, 5040.0).kind == 2.0f);
}

TEST_CASE("surface marks: bench bands counted from the rim, the floor", "[modifier]") {
    const TerrainModifier pit = squarePit();
    const ModifierStage s = *modifierStateAt(pit, 2030.0);
    const SurfaceMark floorMark = surfaceMark(pit, s, 900.0, 4900.0);
    CHECK(floorMark.kind == 1.0f);
    CHECK(floorMark.bench == Approx(1.0 + 400.0 / 15.0));
    const SurfaceMark wall = surfaceMark(pit, s, 30.0, 5270.0);
    CHECK(wall.kind == 0.0f);
    CHECK(wall.bench == Approx(3.0));
    // Ground below the floor is floor; ground above the pit surface (the pit has not reached
    // it) and outside the outline has no mark.
    CHECK(surfaceMark(pit, s, 900.0, 4800.0).kind == 1.0f);
    CHECK(surfaceMark(pit, s, 5.0, 5320.0).bench == 0.0f);
    CHECK(surfaceMark(pit, *modifierStateAt(pit, 2021.0), 900.0, 5300.0).bench == 0.0f);  // depth 0
    CHECK(surfaceMark(pit, s, -10.0, 5300.0).bench == 0.0f);
}

TEST_CASE("modifiers on tile grids: only where they reach, keys change with their state", "[modifier]") {
    const TerrainModifiers set({squarePit(), squareMound(ModifierKind::Dump, kLon + 0.02)});
    const TileId tile = lonLatToTile(kLon, kLat, 13);
    HeightGrid g = flatGrid(256, 5200.0f);
    REQUIRE(set.apply(g, tile, 2030.0));
    double u = 0, v = 0;
    lonLatToTileUV(tile, kLon, kLat, u, v);
    CHECK(g.sample(u, v) == Approx(4900.0f));
    // The corner farthest from the pit is untouched unless the dump is there.
    double lon = 0, lat = 0;
    tileUVToLonLat(tile, 0.0, 0.0, lon, lat);
    const ModifierShape pitShape(squarePit());
    if (pitShape.insideDistance(lon, lat) < 0) CHECK(g.at(0, 0) == 5200.0f);

    HeightGrid before = flatGrid(256, 5200.0f);
    CHECK_FALSE(set.apply(before, tile, 2020.0));
    CHECK(before.at(128, 128) == 5200.0f);

    CHECK(set.stateKey(tile, 2020.0) == 0);
    CHECK(set.stateKey(tile, 2025.0) != 0);
    CHECK(set.stateKey(tile, 2025.0) != set.stateKey(tile, 2030.0));
    CHECK(set.stateKey(tile, 2031.0) == set.stateKey(tile, 2030.0));  // the last stage holds
    CHECK(set.stateKey(lonLatToTile(kLon + 1.0, kLat, 13), 2030.0) == 0);  // far away
    CHECK(set.stateKey(lonLatToTile(kLon, kLat, 4), 2030.0) == 0);  // a pit smaller than two pixels
    CHECK(set.wantsDetailBelow(lonLatToTile(kLon, kLat, 12)));
    CHECK_FALSE(set.wantsDetailBelow(lonLatToTile(kLon, kLat, TerrainModifiers::kDetailZoom)));
    CHECK_FALSE(set.wantsDetailBelow(lonLatToTile(kLon + 1.0, kLat, 12)));
}

TEST_CASE("produced tiles carry modified heights, the heights before, and marks", "[modifier][producer]") {
    FlatSource source;
    const auto set = std::make_shared<const TerrainModifiers>(std::vector<TerrainModifier>{squarePit()});
    const ModifierContext mods{set, 2030.0};
    const TileId tile = lonLatToTile(kLon, kLat, 12);
    const ProducedTile t = produceTile(source, tile, nullptr, tile, nullptr, &mods);
    REQUIRE(t.ok());
    REQUIRE(t.baseGrid);
    CHECK(t.modifierKey == set->stateKey(tile, 2030.0));
    double u = 0, v = 0;
    lonLatToTileUV(tile, kLon, kLat, u, v);
    CHECK(t.grid->sample(u, v) == Approx(4900.0f));
    CHECK(t.baseGrid->sample(u, v) == Approx(5200.0f));
    CHECK(t.mesh.minHeight == Approx(4900.0f));
    int floorVertices = 0;
    for (const TerrainVertex& vx : t.mesh.vertices) floorVertices += glm::unpackHalf2x16(vx.modifier).y == 1.0f;
    CHECK(floorVertices > 0);

    // Before the pit: the source's grid as it is, no marks.
    const ModifierContext early{set, 2000.0};
    const ProducedTile e = produceTile(source, tile, nullptr, tile, nullptr, &early);
    CHECK(e.modifierKey == 0);
    CHECK_FALSE(e.baseGrid);
    CHECK(e.mesh.minHeight == Approx(5200.0f));

    // Past the source's data: a grid of its own, resampled from the ancestor's heights.
    source.deepest = 11;
    const TileId deep = lonLatToTile(kLon, kLat, 14);
    const TileId anc = lonLatToTile(kLon, kLat, 11);
    const auto ancGrid = std::make_shared<const HeightGrid>(flatGrid(64, 5200.0f));
    const ProducedTile d = produceTile(source, deep, ancGrid, anc, nullptr, &mods);
    CHECK_FALSE(d.fromAncestor);
    CHECK(d.gridTile == deep);
    CHECK(d.grid->width == 128);
    lonLatToTileUV(deep, kLon, kLat, u, v);
    if (u > 0 && u < 1 && v > 0 && v < 1) CHECK(d.grid->sample(u, v) == Approx(4900.0f));
}

TEST_CASE("mine features from GeoJSON", "[modifier][scene]") {
    const std::string ok = R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"kind": "pit", "id": "q", "label": "Qulong pit", "base_m": 5300,
        "schematic": true, "stages": [{"year": "2021", "depth_m": 0, "bench_height_m": 15, "bench_width_m": 10},
                                      {"year": 2030, "depth_m": 400, "bench_height_m": 15, "bench_width_m": 10}]},
       "geometry": {"type": "Polygon", "coordinates": [[[91.57, 29.60], [91.59, 29.60], [91.59, 29.62], [91.57, 29.60]]]}},
      {"type": "Feature", "properties": {"kind": "pond", "base_m": 5000, "interpolate": false,
        "stages": [{"year": 2022, "level_m": 20}]},
       "geometry": {"type": "Polygon", "coordinates": [[[91.5, 29.6], [91.51, 29.6], [91.51, 29.61]]]}}]})";
    const auto r = parseMineGeoJson(ok, "m.geojson");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].label == "Qulong pit");
    CHECK((*r)[0].schematic);
    CHECK((*r)[0].outline.size() == 3);  // the closing point dropped
    CHECK((*r)[0].stages[1].value == Approx(400.0));
    CHECK((*r)[1].kind == ModifierKind::Pond);
    CHECK((*r)[1].id == "pond-1");
    CHECK((*r)[1].step);

    const auto err = [](const std::string& props, const std::string& geom = R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1]]]})") {
        const auto e = parseMineGeoJson(R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": )" +
                                            props + R"(, "geometry": )" + geom + "}]}",
                                        "m.geojson");
        return e.ok() ? std::string("ok") : e.error().message;
    };
    const std::string stages = R"("stages": [{"year": 2020, "depth_m": 10}])";
    CHECK(err(R"({"kind": "pit", "base_m": 1, )" + stages + "}") == "ok");
    CHECK(err(R"({"base_m": 1, )" + stages + "}") ==
          "m.geojson: features[0].properties.kind: missing (\"pit\", \"dump\" or \"pond\")");
    CHECK(err(R"({"kind": "quarry", "base_m": 1, )" + stages + "}") ==
          "m.geojson: features[0].properties.kind: unknown kind \"quarry\" (expected \"pit\", \"dump\" or \"pond\")");
    CHECK(err(R"({"kind": "pit", )" + stages + "}") ==
          "m.geojson: features[0].properties.base_m: missing (the reference level, metres)");
    CHECK(err(R"({"kind": "pit", "base_m": 1})") ==
          "m.geojson: features[0].properties.stages: missing (an array of {\"year\", ...})");
    CHECK(err(R"({"kind": "pit", "base_m": 1, "stages": [{"year": 2020, "depth_m": 10}, {"year": 2019, "depth_m": 5}]})") ==
          "m.geojson: features[0].properties.stages[1].year: years must be in ascending order");
    CHECK(err(R"({"kind": "dump", "base_m": 1, )" + stages + "}") ==
          "m.geojson: features[0].properties.stages[0].depth_m: unknown field");
    CHECK(err(R"({"kind": "pit", "base_m": 1, "stages": [{"year": 2020, "depth_m": -3}]})") ==
          "m.geojson: features[0].properties.stages[0].depth_m: must be between 0 and 3000 (got -3)");
    CHECK(err(R"({"kind": "pit", "base_m": 1, "colour": 3, )" + stages + "}") ==
          "m.geojson: features[0].properties.colour: unknown field");
    CHECK(err(R"({"kind": "pit", "base_m": 1, )" + stages + "}", R"({"type": "Point", "coordinates": [0, 0]})") ==
          "m.geojson: features[0].geometry.type: expected \"Polygon\" (got \"Point\")");
    CHECK(err(R"({"kind": "pit", "base_m": 1, )" + stages + "}", R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,0]]]})") ==
          "m.geojson: features[0].geometry.coordinates[0]: needs at least 3 points besides the closing one");
    CHECK(err(R"({"kind": "pit", "base_m": 1, )" + stages + "}",
              R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1]], [[0,0],[1,0],[1,1]]]})") ==
          "m.geojson: features[0].geometry.coordinates: holes are not supported (one ring expected)");
    CHECK(err(R"({"kind": "pit", "base_m": 1, )" + stages + "}", R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,91]]]})") ==
          "m.geojson: features[0].geometry.coordinates[0][2]: outside -180..180, -85..85 (got 1, 91)");
    CHECK(parseMineGeoJson("{", "m.geojson").error().message == "m.geojson: not valid JSON");
    CHECK(parseMineGeoJson(R"({"type": "Feature"})", "m.geojson").error().message ==
          "m.geojson: type: expected \"FeatureCollection\"");
}

TEST_CASE("mine layers in a scene: a file, inline features, and their errors", "[modifier][scene]") {
    const auto scene = [](const std::string& layer) {
        return parseScene(R"({"terrain": {"path": "t"}, "layers": [)" + layer + "]}", "/s/scene.json");
    };
    const auto file = scene(R"({"id": "q", "type": "mine", "legend": "schematic", "source": {"type": "geojson", "path": "mines/q.geojson"}})");
    REQUIRE(file.ok());
    CHECK(file->layers[0].type == LayerType::Mine);
    CHECK(file->layers[0].source.path == std::filesystem::path("/s/mines/q.geojson"));

    const auto inl = scene(R"({"id": "q", "type": "mine", "features": [{"type": "Feature",
        "properties": {"kind": "dump", "base_m": 5000, "stages": [{"year": 2021, "height_m": 50}]},
        "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1]]]}}]})");
    REQUIRE(inl.ok());
    REQUIRE(inl->layers[0].mine.features.size() == 1);
    CHECK(inl->layers[0].mine.features[0].kind == ModifierKind::Dump);

    const auto errOf = [&](const std::string& layer) {
        const auto r = scene(layer);
        return r.ok() ? std::string("ok") : r.error().message;
    };
    CHECK(errOf(R"({"id": "q", "type": "mine"})") ==
          "/s/scene.json: layers[0].source: missing (a mine layer needs a \"source\" file or \"features\")");
    CHECK(errOf(R"({"id": "q", "type": "mine", "source": {"type": "ogr", "path": "a"}})") ==
          "/s/scene.json: layers[0].source.type: unknown type \"ogr\" for a mine layer (expected \"geojson\")");
    CHECK(errOf(R"({"id": "q", "type": "mine", "features": [{"type": "Feature", "properties": {"kind": "pit"}}]})") ==
          "/s/scene.json: layers[0].features[0].properties.base_m: missing (the reference level, metres)");
    CHECK(errOf(R"({"id": "v", "type": "vector", "source": {"type": "ogr", "path": "a"}, "features": []})") ==
          "/s/scene.json: layers[0].features: only for mine layers");
    CHECK(errOf(R"({"id": "q", "type": "mine", "style": {}, "source": {"type": "geojson", "path": "a"}})") ==
          "/s/scene.json: layers[0].style: only for vector layers");
}

namespace {

class CountingUploader : public TileUploader {
public:
    std::set<TileId> resident;
    int replaced = 0;
    bool upload(const TileMesh& mesh) override { return resident.insert(mesh.id).second || true; }
    bool replace(const TileMesh& mesh) override {
        ++replaced;
        return resident.count(mesh.id) != 0;
    }
    void release(const TileId& id) override { resident.erase(id); }
    std::size_t capacity() const override { return 4096; }
};

class CountingFlatSource : public FlatSource {
public:
    std::atomic<int> loads{0};
    std::mutex mutex;
    std::vector<TileId> loaded;  // every load, in order
    Result<HeightGrid> load(const TileId& id) override {
        ++loads;
        {
            std::lock_guard lock(mutex);
            loaded.push_back(id);
        }
        return FlatSource::load(id);
    }
};

}  // namespace

TEST_CASE("a change of year re-produces only the tiles a modifier's new state reaches", "[modifier][residency]") {
    auto source = std::make_shared<CountingFlatSource>();
    source->deepest = 14;
    CountingUploader gpu;
    TileResidency residency(source, gpu, nullptr, MemoryBudget{}, 2);
    const auto set = std::make_shared<const TerrainModifiers>(std::vector<TerrainModifier>{squarePit()});
    SelectionParams p;
    p.maxScreenSpaceError = 4.0;
    p.maxZoom = 14;
    const Camera cam = makeCamera(CameraPose{kLon, kLat, 11000, 0, -90}, 320, 180);  // 5.8 km above the ground

    residency.setModifiers(set, 2020.0);
    REQUIRE(residency.settle(cam, p, 60.0).settled);
    const std::size_t resident = residency.store().size();
    for (const TileId& id : residency.store().residentIds()) CHECK(residency.store().find(id)->modifierKey == 0);

    // Only the tiles the pit reaches become stale; they stay drawn until replaced.
    residency.setModifiers(set, 2030.0);
    std::size_t reached = 0;
    for (const TileId& id : residency.store().residentIds()) reached += set->stateKey(id, 2030.0) != 0;
    REQUIRE(reached > 0);
    CHECK(residency.staleCount() == reached);
    CHECK(reached < resident);
    const std::vector<TileId> before = residency.drawList();
    const auto frame = residency.update(cam, p, 0);  // no uploads this frame: the old tiles are drawn
    CHECK_FALSE(frame.settled);
    CHECK(residency.drawList() == before);

    std::size_t loadsBefore = 0;
    {
        std::lock_guard lock(source->mutex);
        loadsBefore = source->loaded.size();
    }
    const std::vector<TileId> residentBefore = residency.store().residentIds();
    REQUIRE(residency.settle(cam, p, 60.0).settled);
    CHECK(residency.staleCount() < reached);  // ancestors not drawn may still be on their way
    CHECK(residency.refreshedTotal() > 0);
    // Loads since the change: the reached tiles again, and tiles that were not resident before (a
    // pit's walls raise the measured mesh error of the tiles over it, so the selection goes finer
    // there). A tile resident before that the pit does not reach is never loaded again. (How many
    // loads there are depends on the workers' timing: a tile asked for by one frame and not by
    // the next may be produced and dropped; which tiles they are does not.)
    std::vector<TileId> since;
    {
        std::lock_guard lock(source->mutex);
        since.assign(source->loaded.begin() + long(loadsBefore), source->loaded.end());
    }
    CHECK(!since.empty());
    for (const TileId& id : since) {
        const bool wasResident = std::find(residentBefore.begin(), residentBefore.end(), id) != residentBefore.end();
        INFO(id.str());
        CHECK((!wasResident || set->stateKey(id, 2030.0) != 0));
    }
    bool lowered = false;
    for (const TileId& id : residency.drawList()) {
        const ResidentTile* r = residency.store().find(id);
        CHECK(r->modifierKey == set->stateKey(id, 2030.0));
        lowered = lowered || r->mesh.minHeight < 4950.0f;
    }
    CHECK(lowered);
    // Surface heights (near plane, navigation, labels) read the lowered ground: the floor.
    const auto floorHeight = terrainHeightAt(residency.store(), kLon, kLat);
    REQUIRE(floorHeight);
    CHECK(*floorHeight == Approx(4900.0).margin(0.5));

    // Back before the pit: the same tiles return to their original heights.
    residency.setModifiers(set, 2000.0);
    REQUIRE(residency.settle(cam, p, 60.0).settled);
    for (const TileId& id : residency.drawList()) CHECK(residency.store().find(id)->mesh.minHeight == Approx(5200.0f));
    CHECK(*terrainHeightAt(residency.store(), kLon, kLat) == Approx(5200.0));
}

TEST_CASE("map labels say what is schematic, from when, and the state", "[modifier]") {
    TerrainModifier pit = squarePit();
    pit.label = "Qulong open pit";
    pit.schematic = true;
    CHECK(modifierLabel(pit, *modifierStateAt(pit, 2023.0)) == "Qulong open pit (schematic), from 2021: 100 m deep");
    pit.label = "Qulong pit (schematic)";
    CHECK(modifierLabel(pit, *modifierStateAt(pit, 2030.0)) == "Qulong pit (schematic), from 2021: 400 m deep");
    const TerrainModifiers set({pit, squareMound(ModifierKind::Pond, kLon + 0.05)});
    CHECK(set.labels(2020.0).empty());
    const auto l = set.labels(2030.0);
    REQUIRE(l.size() == 2);
    CHECK(l[0].lon == Approx(kLon));
    CHECK(l[0].lat == Approx(kLat));
    CHECK(l[1].text == "pond, from 2022: level +80 m");
}

TEST_CASE("a playing timeline still updates the pit: tiles made for a year just passed are drawn", "[modifier][residency]") {
    auto source = std::make_shared<CountingFlatSource>();
    source->deepest = 14;
    CountingUploader gpu;
    TileResidency residency(source, gpu, nullptr, MemoryBudget{}, 2);
    const auto set = std::make_shared<const TerrainModifiers>(std::vector<TerrainModifier>{squarePit()});
    SelectionParams p;
    p.maxScreenSpaceError = 4.0;
    p.maxZoom = 14;
    const Camera cam = makeCamera(CameraPose{kLon, kLat, 11000, 0, -90}, 320, 180);
    residency.setModifiers(set, 2021.0);
    REQUIRE(residency.settle(cam, p, 60.0).settled);
    // The year moves every frame, faster than tiles are produced.
    double year = 2021.0;
    for (int f = 0; f < 60; ++f) {
        year += 0.15;
        residency.setModifiers(set, year);
        residency.update(cam, p, 64);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(residency.refreshedTotal() > 0);
    float lowest = 1e9f;
    for (const TileId& id : residency.drawList()) lowest = std::min(lowest, residency.store().find(id)->mesh.minHeight);
    CHECK(lowest < 5200.0f - 100.0f);  // the pit, some 200-360 m deep by now, is drawn
}

TEST_CASE("picking a mine feature: inside its outline, while it exists, with its state", "[modifier]") {
    TerrainModifier pit = squarePit();
    pit.label = "Qulong open pit";
    const TerrainModifiers set({pit, squareMound(ModifierKind::Pond, kLon + 0.05)});
    CHECK_FALSE(set.pick(kLon, kLat, 2020.0).has_value());  // before the pit opened
    const auto p = set.pick(kLon + 0.005, kLat, 2023.0);
    REQUIRE(p.has_value());
    CHECK(p->index == 0);
    CHECK(p->state.value == Approx(100.0));
    CHECK(p->text == "Qulong open pit, from 2021: 100 m deep");
    CHECK_FALSE(set.pick(kLon + 0.011, kLat, 2023.0).has_value());  // just outside the outline
    const auto pond = set.pick(kLon + 0.05, kLat, 2030.0);
    REQUIRE(pond.has_value());
    CHECK(pond->index == 1);
    CHECK(pond->text == "pond, from 2022: level +80 m");
}
