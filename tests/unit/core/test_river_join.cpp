// River facts (the typed CSV) and naming a downstream path: rivers in order of first contact,
// countries at borders, the continuation along the mapped network past the DEM, the report's
// text, and trace layers in scene files.
#include <catch2/catch.hpp>

#include "core/river_facts.h"
#include "core/river_join.h"
#include "core/scene.h"

using namespace plateau;

namespace {

const char* kHeader = "kind,name,map_name,lon,lat,country,tolerance_km,source\n";

std::string factsError(const std::string& body) {
    const auto r = parseRiverFacts(std::string(kHeader) + body, "reaches.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    return r.error().message;
}

VectorFeature line(std::vector<std::vector<LonLat>> parts, const std::string& name) {
    VectorFeature f;
    f.kind = GeometryKind::Line;
    f.bounds = {1e9, 1e9, -1e9, -1e9};
    for (const auto& p : parts)
        for (const LonLat& v : p) {
            f.bounds.west = std::min(f.bounds.west, v.lon), f.bounds.east = std::max(f.bounds.east, v.lon);
            f.bounds.south = std::min(f.bounds.south, v.lat), f.bounds.north = std::max(f.bounds.north, v.lat);
        }
    f.parts = std::move(parts);
    AttributeValue v;
    v.text = name;
    v.isNull = name.empty();
    f.values = {v};
    return f;
}

// Two mapped rivers: "Upper" runs east along 30 N from 90 E to 92 E (two parts), "Lower" goes
// on from 92 E south to 28 N; an unrelated "Other" lies far north.
VectorData network() {
    VectorData d;
    d.fields = {"name"};
    d.features.push_back(line({{{90.0, 30.0}, {91.0, 30.0}}, {{91.0, 30.0}, {92.0, 30.0}}}, "Upper"));
    d.features.push_back(line({{{92.0, 30.0}, {92.0, 29.0}, {92.0, 28.0}}}, "Lower"));
    d.features.push_back(line({{{90.0, 35.0}, {91.0, 35.0}}}, "Other"));
    return d;
}

RiverFacts facts() {
    const auto f = parseRiverFacts(std::string(kHeader) +
                                       "reach,Small Creek,,90.2,30.3,Ruritania,2,\"typed, with a comma\"\n"
                                       "reach,Small Creek,,90.3,30.1,Ruritania,2,typed\n"
                                       "river,Upper River,Upper,,,Ruritania,,map\n"
                                       "river,Lower River,Lower,,,Ruritania,,map\n"
                                       "border,Lower River,Lower,92.0,28.5,Freedonia,5,treaty\n",
                                   "reaches.csv");
    REQUIRE(f.ok());
    return *f;
}

}  // namespace

TEST_CASE("river facts: rows by kind, quoted sources, reaches grouped by name", "[flow][rivers]") {
    const RiverFacts f = facts();
    REQUIRE(f.reaches.size() == 1);
    CHECK(f.reaches[0].points.size() == 2);
    CHECK(f.reaches[0].source == "typed, with a comma");
    CHECK(f.reaches[0].toleranceKm == 2.0);
    REQUIRE(f.byMapName("Lower"));
    CHECK(f.byMapName("Lower")->name == "Lower River");
    CHECK(f.byMapName("Nope") == nullptr);
    REQUIRE(f.borders.size() == 1);
    CHECK(f.borders[0].country == "Freedonia");
}

TEST_CASE("river facts: errors name the file, line and column", "[flow][rivers]") {
    CHECK(factsError("reach,A,,200,30,X,1,s\n") == "reaches.csv: line 2: lon: expected a number in -180..180");
    CHECK(factsError("\nreach,A,,90,30,X,0,s\n") == "reaches.csv: line 3: tolerance_km: expected a number in (0, 100]");
    CHECK(factsError("lake,A,,90,30,X,1,s\n").find("kind: unknown \"lake\"") != std::string::npos);
    CHECK(factsError("reach,A,,90,30,X,1,\n").find("line 2: source: must not be empty") != std::string::npos);
    CHECK(factsError("reach,A,,90,30,X,1\n").find("expected 8 columns, got 7") != std::string::npos);
    CHECK(factsError("river,A,,,,X,,s\n").find("map_name") != std::string::npos);
    CHECK(factsError("river,A,B,90,,X,,s\n").find("must be empty for a river") != std::string::npos);
    CHECK(factsError("border,A,,90,30,X,1,s\n").find("map_name") != std::string::npos);
    CHECK(factsError("reach,A,,90,30,X,1,\"open\n").find("unterminated quoted field") != std::string::npos);
    const auto noHeader = parseRiverFacts("kind,name\n", "r.csv");
    REQUIRE_FALSE(noHeader.ok());
    CHECK(noHeader.error().message == "r.csv: line 1: expected 8 columns, got 2");
    CHECK_FALSE(parseRiverFacts("", "r.csv").ok());
    CHECK_FALSE(parseRiverFacts("kind,name,map,lon,lat,country,tolerance_km,source\n", "r.csv").ok());
}

TEST_CASE("river join: rivers in order, countries at borders, onward past the DEM", "[flow][rivers]") {
    // A DEM path from the creek east along (within 1 km of) the Upper river to the DEM's edge at 91.5 E.
    std::vector<LonLat> path{{90.25, 30.2}, {90.3, 30.1}, {90.4, 30.01}};
    for (int k = 0; k <= 20; ++k) path.push_back({90.5 + 0.05 * k, 30.005});
    const TraceReport r = joinRivers(path, true, network(), facts());
    CHECK(r.rivers == std::vector<std::string>{"Small Creek", "Upper River", "Lower River"});
    CHECK(r.countries == std::vector<std::string>{"Ruritania", "Freedonia"});
    CHECK(r.demVertices == path.size());
    // The continuation: the nearest point on Upper, the rest of its second part, then Lower.
    REQUIRE(r.line.size() == path.size() + 1 + 1 + 2);
    CHECK(r.line[path.size()].lon == Approx(91.5));
    CHECK(r.line[path.size()].lat == Approx(30.0));
    CHECK(r.line.back().lat == Approx(28.0));
    CHECK(r.totalKm > r.demKm + 0.5 * 96.0 + 2.0 * 110.0);
    CHECK(r.totalKm < r.demKm + 0.5 * 97.0 + 2.0 * 112.0);
    const std::string text = formatTraceReport(r);
    CHECK(text.find("trace from 90.250E 30.200N: ") == 0);
    CHECK(text.find("Small Creek \u2192 Upper River \u2192 Lower River; Ruritania \u2192 Freedonia") != std::string::npos);
}

TEST_CASE("river join: no continuation inside the DEM or away from the river", "[flow][rivers]") {
    std::vector<LonLat> path{{90.5, 30.02}, {90.6, 30.02}};
    const TraceReport inside = joinRivers(path, false, network(), facts());
    CHECK(inside.rivers == std::vector<std::string>{"Upper River"});
    CHECK(inside.line.size() == 2);
    // Beyond the tolerance (3 km): no river, no continuation, no countries.
    std::vector<LonLat> far{{90.5, 30.1}, {90.6, 30.1}};
    const TraceReport none = joinRivers(far, true, network(), facts());
    CHECK(none.rivers.empty());
    CHECK(none.countries.empty());
    CHECK(none.line.size() == 2);
    CHECK(formatThousands(2950.4) == "2,950");
    CHECK(formatThousands(999.6) == "1,000");
    CHECK(formatThousands(1234567) == "1,234,567");
}

TEST_CASE("scene: trace layers", "[flow][scene]") {
    const auto ok = parseScene(R"({"terrain": {"type": "gdal", "path": "terrain/dem.tif"},
        "layers": [{"id": "water", "type": "trace", "from": [91.583, 29.6], "catchment": true,
                    "rivers": "vectors/rivers.geojson", "reaches": "rivers/reaches.csv", "join_km": 2,
                    "style": {"stroke": "#00ff00"}}]})",
                               "/data/s.json");
    REQUIRE(ok.ok());
    const LayerDesc& l = ok->layers.at(0);
    CHECK(l.type == LayerType::Trace);
    CHECK(std::string(layerTypeName(l.type)) == "trace");
    CHECK(l.trace.from.lon == 91.583);
    CHECK(l.trace.catchment);
    CHECK(l.trace.dem == "/data/terrain/dem.tif");  // the terrain's raster by default
    CHECK(l.trace.rivers == "/data/vectors/rivers.geojson");
    CHECK(l.trace.joinToleranceKm == 2.0);
    CHECK(l.style.stroke[1] == 1.0f);
    CHECK(l.style.strokeWidthPx == 3.0f);  // the trace's default width stays
    CHECK(l.style.labelField == "label");   // the catchment's area

    const auto error = [](const std::string& layer, const std::string& terrain = R"({"type": "gdal", "path": "t.tif"})") {
        const auto r = parseScene(R"({"terrain": )" + terrain + R"(, "layers": [)" + layer + "]}", "s.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find('\n') == std::string::npos);
        return r.error().message;
    };
    CHECK(error(R"({"id": "w", "type": "trace"})") == "s.json: layers[0].from: missing (where the water starts, [lon, lat])");
    CHECK(error(R"({"id": "w", "type": "trace", "from": [91]})").find("layers[0].from: expected [lon, lat]") !=
          std::string::npos);
    CHECK(error(R"({"id": "w", "type": "trace", "from": [191, 29]})").find("longitude must be") != std::string::npos);
    CHECK(error(R"({"id": "w", "type": "trace", "from": [91, 29], "source": {}})").find("layers[0].source") !=
          std::string::npos);
    CHECK(error(R"({"id": "w", "type": "trace", "from": [91, 29], "join_km": 0})").find("layers[0].join_km") !=
          std::string::npos);
    CHECK(error(R"({"id": "w", "type": "trace", "from": [91, 29]})", R"({"path": "tiles"})") ==
          "s.json: layers[0].dem: missing (the terrain is not a \"gdal\" raster, so name the DEM to route water on)");
    // With its own DEM any terrain will do.
    CHECK(parseScene(R"({"terrain": {"path": "tiles"}, "layers": [{"id": "w", "type": "trace", "from": [91, 29],
                        "dem": "d.tif"}]})",
                     "s.json")
              .ok());
}
