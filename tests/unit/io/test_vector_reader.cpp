#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <vector>
#include <algorithm>

#include "core/time_versions.h"
#include "core/vector_geometry.h"
#include "io/ogr_reader.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kData = PLATEAU_SHARED_DATA;
const fs::path kSvalbard = kData / "glaciers/svalbard/svalbard_glaciers_1936_1990_2007.gpkg";

LayerSourceDesc ogr(const fs::path& p) {
    LayerSourceDesc s;
    s.type = "ogr";
    s.path = p;
    return s;
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

// The shared RGI 6 glacier Shapefile, copied part by part into `dir` (without `skip`).
fs::path copyShapefile(const fs::path& dir, const std::string& skip = "") {
    const std::string base = (kData / "glaciers/oggm/RGI60-14.03439").string();
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        if (skip == ext) continue;
        fs::copy_file(base + ext, dir / (std::string("glacier") + ext));
    }
    return dir / "glacier.shp";
}

// Area of the even-odd region of one feature's rings, in square metres: each ring's area (in
// Mercator, scaled back by the feature's latitude) counted with the parity of how many other
// rings hold it, so holes subtract.
double areaM2(const VectorFeature& f) {
    const auto rings = toMercator(f.parts);
    const double lat = (f.bounds.south + f.bounds.north) / 2;
    const double perM = mercatorPerMetre(lat);
    double area = 0;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        int depth = 0;
        for (std::size_t k = 0; k < rings.size(); ++k)
            if (k != i && insideEvenOdd({rings[k]}, rings[i][0])) ++depth;
        area += (depth % 2 ? -1 : 1) * ringArea(rings[i]);
    }
    return area / (perM * perM);
}

const AttributeValue& field(const VectorData& d, const VectorFeature& f, const std::string& name) {
    return f.values[std::size_t(d.fieldIndex(name))];
}

}  // namespace

TEST_CASE("Svalbard outlines: UTM 33N to WGS84, versions by year and name", "[vector][ogr]") {
    LayerTimeDesc time;
    time.field = "year";
    time.idField = "name";
    auto data = readVectorLayer(ogr(kSvalbard), time);
    REQUIRE(data.ok());
    REQUIRE(data->features.size() == 15);
    CHECK(data->source == "svalbard_glaciers_1936_1990_2007.gpkg");
    // The first vertex as the published WGS84 copy has it (6 decimals there).
    const VectorFeature& first = data->features[0];
    CHECK(first.kind == GeometryKind::Polygon);
    CHECK(first.parts.size() == 6);  // outline and five holes
    CHECK(std::fabs(first.parts[0][0].lon - 11.849496) < 2e-6);
    CHECK(std::fabs(first.parts[0][0].lat - 78.909133) < 2e-6);
    CHECK(data->bounds.west > 11.6);
    CHECK(data->bounds.east < 12.3);
    CHECK(data->bounds.south > 78.8);
    CHECK(data->bounds.north < 78.95);
    CHECK(first.objectId == "Austre Brøggerbreen");
    CHECK(first.timeStart == 1936.0);

    const TimeVersions tv(data->features);
    const auto yearsAt = [&](double t) {
        std::vector<double> years;
        std::set<std::string> names;
        for (std::size_t f : tv.activeFeatures(tv.stateAt(t))) {
            years.push_back(*field(*data, data->features[f], "year").number);
            names.insert(data->features[f].objectId);
        }
        CHECK(names.size() == years.size());  // one version per glacier
        std::sort(years.begin(), years.end());
        return years;
    };
    CHECK(yearsAt(1950) == std::vector<double>(5, 1936.0));
    CHECK(yearsAt(1995) == std::vector<double>(5, 1990.0));
    CHECK(yearsAt(2010) == std::vector<double>(5, 2007.0));
    CHECK(yearsAt(1900).empty());

    std::map<double, double> total;
    for (const auto& f : data->features) total[*field(*data, f, "year").number] += areaM2(f);
    // Five valley glaciers of a few km2 each, shrinking.
    CHECK(total[1936] > 10e6);
    CHECK(total[1936] < 100e6);
    CHECK(total[2007] < total[1990]);
    CHECK(total[1990] < total[1936]);
}

TEST_CASE("Natural Earth rivers and glaciers of High Asia", "[vector][ogr]") {
    auto rivers = readVectorLayer(ogr(kData / "rivers/ne_10m_rivers_lake_centerlines_hma.geojson"), {});
    REQUIRE(rivers.ok());
    CHECK(rivers->features.size() == 71);
    for (const auto& f : rivers->features) CHECK(f.kind == GeometryKind::Line);
    CHECK(rivers->bounds.west == Approx(63.67).margin(0.01));
    CHECK(rivers->bounds.east == Approx(113.13).margin(0.01));
    CHECK(rivers->bounds.south == Approx(16.25).margin(0.01));
    CHECK(rivers->bounds.north == Approx(40.88).margin(0.01));
    const int name = rivers->fieldIndex("name");
    REQUIRE(name >= 0);
    bool yarlung = false;
    for (const auto& f : rivers->features) yarlung |= f.values[std::size_t(name)].text == "Yarlung";
    CHECK(yarlung);
    // Null names are null, numbers are numbers.
    CHECK(rivers->features[1].values[std::size_t(name)].isNull);
    CHECK(rivers->features[0].values[std::size_t(rivers->fieldIndex("scalerank"))].number == 9.0);

    auto glaciers = readVectorLayer(ogr(kData / "glaciers/ne_10m_glaciated_areas_hma.geojson"), {});
    REQUIRE(glaciers.ok());
    CHECK(glaciers->features.size() == 384);
    CHECK(glaciers->bounds.west == Approx(70.03).margin(0.01));
    CHECK(glaciers->bounds.north == Approx(39.99).margin(0.01));
    CHECK(glaciers->vertexCount > 50000);
    for (const auto& f : glaciers->features) CHECK(f.timeStart == -INFINITY);

    // A WHERE filter and its count.
    LayerSourceDesc src = ogr(kData / "rivers/ne_10m_rivers_lake_centerlines_hma.geojson");
    src.where = "name = 'Indus'";
    auto indus = readVectorLayer(src, {});
    REQUIRE(indus.ok());
    CHECK(indus->features.size() == 2);
    // The vertex budget (lowered here; 20 million by default).
    auto capped = readVectorLayer(ogr(kData / "glaciers/ne_10m_glaciated_areas_hma.geojson"), {}, 1000);
    REQUIRE(!capped.ok());
    CHECK(capped.error().message.find("more than 1000 vertices") != std::string::npos);
}

TEST_CASE("a Shapefile in Albers reads as WGS84, with its Chinese attributes", "[vector][ogr]") {
    auto albers = readVectorLayer(ogr(kData / "glaciers/oggm/cgi2_sample.shp"), {});
    REQUIRE(albers.ok());
    auto wgs = readVectorLayer(ogr(kData / "glaciers/oggm/cgi2_sample_wgs84.geojson"), {});
    REQUIRE(wgs.ok());
    REQUIRE(albers->features.size() == 5);
    REQUIRE(wgs->features.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        const auto& a = albers->features[i].parts[0][0];
        const auto& b = wgs->features[i].parts[0][0];
        CHECK(std::fabs(a.lon - b.lon) < 2e-6);
        CHECK(std::fabs(a.lat - b.lat) < 2e-6);
    }
    CHECK(field(*albers, albers->features[0], "Mtn_Name").text == "天山");
    CHECK(field(*albers, albers->features[0], "Glc_Area").number == Approx(4410738.3));
}

TEST_CASE("dates from text, numbers and spans", "[vector][ogr]") {
    test::TempDir dir("vector-dates");
    const fs::path p = dir.path() / "dated.geojson";
    writeText(p, R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"id":"a","from":"2001-07-02","to":2005},"geometry":{"type":"Point","coordinates":[90,30,4000]}},
 {"type":"Feature","properties":{"id":"a","from":"2010","to":null},"geometry":{"type":"MultiPoint","coordinates":[[90,30],[91,31]]}},
 {"type":"Feature","properties":{"id":"b","from":null,"to":"1999-12"},"geometry":{"type":"LineString","coordinates":[[90,30],[91,31]]}},
 {"type":"Feature","properties":{"id":"c","from":"2000","to":"2001"},"geometry":null},
 {"type":"Feature","properties":{"id":"d","from":"2000","to":"2001"},"geometry":{"type":"Polygon","coordinates":[]}},
 {"type":"Feature","properties":{"id":"e","from":"2000","to":"2001"},"geometry":{"type":"GeometryCollection","geometries":[
   {"type":"Point","coordinates":[92,32]},{"type":"Polygon","coordinates":[[[92,32],[93,32],[93,33],[92,32]]]}]}}
]})");
    LayerTimeDesc time;
    time.startField = "from";
    time.endField = "to";
    time.idField = "id";
    auto d = readVectorLayer(ogr(p), time);
    REQUIRE(d.ok());
    REQUIRE(d->features.size() == 4);  // null and empty geometries skipped
    CHECK(d->features[0].timeStart == Approx(2001.5).margin(0.01));
    CHECK(d->features[0].timeEnd == 2005.0);
    CHECK(d->features[0].kind == GeometryKind::Point);
    CHECK(d->features[1].parts.size() == 2);  // multipoint flattened into parts
    CHECK(d->features[1].timeEnd == INFINITY);
    CHECK(d->features[2].timeStart == -INFINITY);
    CHECK(d->features[2].timeEnd == Approx(1999 + 334.0 / 365).margin(1e-9));
    CHECK(d->features[3].kind == GeometryKind::Polygon);  // the collection keeps its polygon
    CHECK(d->features[3].parts.size() == 1);
    CHECK(d->features[3].objectId == "e");

    writeText(p, R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"year":"sometime"},"geometry":{"type":"Point","coordinates":[90,30]}}]})");
    LayerTimeDesc one;
    one.field = "year";
    auto bad = readVectorLayer(ogr(p), one);
    REQUIRE(!bad.ok());
    CHECK(bad.error().message.find(p.string()) == 0);
    CHECK(bad.error().message.find("sometime") != std::string::npos);
}

TEST_CASE("curves are linearised, GeoPackage layers picked by name", "[vector][ogr]") {
    test::TempDir dir("vector-curves");
    const fs::path p = dir.path() / "curve.csv";
    writeText(p, "WKT,name\n\"CIRCULARSTRING(90 30,91 31,92 30)\",arc\n\"POINT Z(90 30 5000)\",peak\n");
    auto d = readVectorLayer(ogr(p), {});
    REQUIRE(d.ok());
    REQUIRE(d->features.size() == 2);
    CHECK(d->features[0].kind == GeometryKind::Line);
    CHECK(d->features[0].parts[0].size() > 10);  // the arc as many segments
    CHECK(d->features[0].bounds.north == Approx(31).margin(1e-3));
    CHECK(d->features[1].parts[0][0].lon == 90);

    // KML (placemarks in WGS84 with altitude) and a typed CSV whose dates are OGR Date fields.
    const fs::path kml = dir.path() / "places.kml";
    writeText(kml, R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Qulong</name><Point><coordinates>91.583,29.6,5200</coordinates></Point></Placemark>
<Placemark><name>ridge</name><LineString><coordinates>91.5,29.5,0 91.7,29.7,0</coordinates></LineString></Placemark>
</Document></kml>)");
    auto places = readVectorLayer(ogr(kml), {});
    REQUIRE(places.ok());
    REQUIRE(places->features.size() == 2);
    CHECK(places->features[0].parts[0][0].lon == Approx(91.583));
    CHECK(places->features[0].parts[0][0].lat == Approx(29.6));
    CHECK(field(*places, places->features[0], "Name").text == "Qulong");
    CHECK(places->features[1].kind == GeometryKind::Line);

    const fs::path typed = dir.path() / "typed.csv";
    writeText(typed, "WKT,surveyed\n\"POINT(90 30)\",2007-07-02\n\"POINT(91 30)\",1990/01/01\n");
    writeText(dir.path() / "typed.csvt", "WKT,Date\n");
    LayerTimeDesc when;
    when.field = "surveyed";
    auto dated = readVectorLayer(ogr(typed), when);
    REQUIRE(dated.ok());
    REQUIRE(dated->features.size() == 2);
    CHECK(dated->features[0].timeStart == Approx(2007.5).margin(0.003));
    CHECK(dated->features[1].timeStart == 1990.0);

    LayerSourceDesc src = ogr(kSvalbard);
    src.layerName = "no_such_layer";
    auto missing = readVectorLayer(src, {});
    REQUIRE(!missing.ok());
    CHECK(missing.error().message.find("no layer \"no_such_layer\"") != std::string::npos);
}

TEST_CASE("bad vector inputs are one-line errors naming the file", "[vector][ogr]") {
    test::TempDir dir("vector-bad");
    const auto expectError = [](const LayerSourceDesc& src, const std::string& part, const LayerTimeDesc& time = {}) {
        auto r = readVectorLayer(src, time);
        REQUIRE(!r.ok());
        INFO(r.error().message);
        CHECK(r.error().message.find(src.path.string()) == 0);
        CHECK(r.error().message.find(part) != std::string::npos);
        CHECK(r.error().message.find('\n') == std::string::npos);
    };

    expectError(ogr(dir.path() / "absent.geojson"), "no such file");

    const fs::path broken = dir.path() / "broken.geojson";
    writeText(broken, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[90,)");
    expectError(ogr(broken), "");

    fs::create_directories(dir.path() / "noshx");
    expectError(ogr(copyShapefile(dir.path() / "noshx", ".shx")), ".shx");
    fs::create_directories(dir.path() / "nodbf");
    expectError(ogr(copyShapefile(dir.path() / "nodbf", ".dbf")), ".dbf");
    fs::create_directories(dir.path() / "badprj");
    const fs::path garbled = copyShapefile(dir.path() / "badprj");
    writeText(dir.path() / "badprj/glacier.prj", "this is not a coordinate system at all");
    expectError(ogr(garbled), "CRS");
    // The intact copy reads.
    fs::create_directories(dir.path() / "good");
    CHECK(readVectorLayer(ogr(copyShapefile(dir.path() / "good")), {}).ok());

    // Projected coordinates with no CRS at all.
    const fs::path nocrs = dir.path() / "nocrs.csv";
    writeText(nocrs, "WKT,name\n\"POINT(500000 8750000)\",far\n");
    expectError(ogr(nocrs), "no CRS");

    LayerSourceDesc where = ogr(kSvalbard);
    where.where = "year >>= 'x' AND";
    expectError(where, "bad WHERE");
    where.where = "no_such_column = 3";
    expectError(where, "bad WHERE");

    LayerTimeDesc t;
    t.field = "date_of_survey";
    expectError(ogr(kSvalbard), "no field \"date_of_survey\"", t);
}
