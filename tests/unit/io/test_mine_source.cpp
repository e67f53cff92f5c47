// A mine layer's features from its GeoJSON file and inline in the scene: the committed Qulong
// file, and one-line errors for a missing file, a malformed one and an id given twice.
#include <catch2/catch.hpp>

#include <fstream>

#include "io/mine_source.h"
#include "io_test_helpers.h"

using namespace plateau;

namespace {

LayerDesc mineLayer(const std::filesystem::path& path, const std::string& id = "q", const std::string& type = "geojson") {
    LayerDesc d;
    d.id = id;
    d.type = LayerType::Mine;
    d.source.type = type;
    d.source.path = path;
    return d;
}

TerrainModifier inlineDump(const std::string& id) {
    TerrainModifier m;
    m.id = id;
    m.kind = ModifierKind::Dump;
    m.outline = {{91.5, 29.5}, {91.51, 29.5}, {91.51, 29.51}};
    m.baseM = 5000;
    m.stages = {{2021, 10, 0, 0}};
    return m;
}

// "layer 'q': " + rest, appended piece by piece (GCC 12 warns falsely about operator+ chains).
std::string layerError(const std::string& path, const char* rest) {
    std::string out = "layer 'q': ";
    out.append(path).append(rest);
    return out;
}

}  // namespace

TEST_CASE("the committed schematic Qulong mine opens", "[io][mines]") {
    const auto r = openMineLayer(mineLayer(std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets/mines/qulong_schematic.geojson"));
    REQUIRE(r.ok());
    const auto& list = (*r)->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].kind == ModifierKind::Pit);
    CHECK(list[1].kind == ModifierKind::Dump);
    CHECK(list[2].kind == ModifierKind::Pond);
    for (const TerrainModifier& m : list) {
        CHECK(m.schematic);
        CHECK(m.label.find("schematic") != std::string::npos);
        CHECK(m.stages.front().year >= 2021.0);  // nothing before first production
    }
    // Around Qulong (29.60 N, 91.58 E): the pit's outline holds the deposit's point.
    CHECK(ModifierShape(list[0]).insideDistance(91.583, 29.606) > 500.0);
}

TEST_CASE("mine layer errors name the layer and the file", "[io][mines]") {
    test::TempDir dir("mines");
    const auto missing = openMineLayer(mineLayer(dir.path() / "none.geojson"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == layerError((dir.path() / "none.geojson").string(), ": file not found"));

    const auto bad = dir.path() / "bad.geojson";
    std::ofstream(bad) << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"kind": "pit"}}]})";
    const auto badR = openMineLayer(mineLayer(bad));
    REQUIRE_FALSE(badR.ok());
    CHECK(badR.error().message ==
          layerError(bad.string(), ": features[0].properties.base_m: missing (the reference level, metres)"));

    const auto good = dir.path() / "good.geojson";
    std::ofstream(good) << R"({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"kind": "dump", "id": "d", "base_m": 5000, "stages": [{"year": 2021, "height_m": 5}]},
        "geometry": {"type": "Polygon", "coordinates": [[[91.5, 29.5], [91.51, 29.5], [91.51, 29.51]]]}}]})";
    LayerDesc both = mineLayer(good);
    both.mine.features.push_back(inlineDump("e"));
    const auto ok = openMineLayer(both);
    REQUIRE(ok.ok());
    CHECK((*ok)->list().size() == 2);
    both.mine.features.push_back(inlineDump("d"));
    const auto twice = openMineLayer(both);
    REQUIRE_FALSE(twice.ok());
    std::string expected = "layer 'q': feature id \"d\" is both in ";
    expected.append(good.string()).append(" and inline");
    CHECK(twice.error().message == expected);
}
