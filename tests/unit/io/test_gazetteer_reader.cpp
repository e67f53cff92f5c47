// The gazetteer reader on the committed asset (checked against the data its positions come from)
// and on broken files: every refusal is one line naming the file, the row and the column.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "core/place_search.h"
#include "io/deposit_reader.h"
#include "io/gazetteer_reader.h"
#include "io/ogr_reader.h"
#include "io_test_helpers.h"

using namespace plateau;

namespace {

const std::filesystem::path kAsset = std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets/places/gazetteer.csv";
const std::string kHeader = "name,other_names,kind,lon,lat,view_height_m,source\n";

const Place* find(const std::vector<Place>& places, const std::string& name) {
    for (const Place& p : places)
        if (p.name == name) return &p;
    return nullptr;
}

std::string errorFor(const std::string& text) {
    const auto r = readGazetteerFromMemory(text, "gazetteer.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK(r.error().message.rfind("gazetteer.csv: ", 0) == 0);
    return r.error().message;
}

bool inPolygon(const std::vector<std::vector<LonLat>>& rings, double lon, double lat) {
    bool in = false;
    for (const auto& r : rings)
        for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].lat > lat) != (r[j].lat > lat) &&
                lon < (r[j].lon - r[i].lon) * (lat - r[i].lat) / (r[j].lat - r[i].lat) + r[i].lon)
                in = !in;
    return in;
}

}  // namespace

TEST_CASE("gazetteer: the committed asset reads, every row cited, the places the issue names present", "[gazetteer]") {
    const auto r = readGazetteer(kAsset);
    REQUIRE(r.ok());
    CHECK(r->size() >= 40);
    CHECK(r->size() <= 60);
    for (const Place& p : *r) {
        INFO(p.name);
        CHECK_FALSE(p.citation.empty());
        CHECK(p.sourceLayer == "gazetteer");
        CHECK(p.viewHeightM > 0);
    }
    for (const char* name : {"Lhasa", "Shigatse", "Nyingchi", "Tsetang", "Gyantse", "Maizhokunggar", "Qulong", "Jiama",
                             "Xietongmen", "Zhunuo", "Chongjiang", "Dongga", "Yamdrok Tso", "Nam Tso", "Pumo Yumco",
                             "Everest", "Kanchenjunga", "Namcha Barwa", "Nyenchen Tanglha", "Pasighat", "Dibrugarh",
                             "Guwahati", "Dhubri"}) {
        INFO(name);
        CHECK(find(*r, name) != nullptr);
    }
    const Place* lhasa = find(*r, "Lhasa");
    REQUIRE(lhasa);
    CHECK(lhasa->kind == "city");
    CHECK(lhasa->otherNames == std::vector<std::string>{"拉萨", "ལྷ་ས་", "lha sa", "Lasa"});
    // Searching the asset: other names, other scripts.
    const PlaceIndex index(*r);
    CHECK(index.place(index.search("Qomolangma").at(0).index).name == "Everest");
    CHECK(index.place(index.search("雄村").at(0).index).name == "Xietongmen");
    CHECK(index.place(index.search("zedang").at(0).index).name == "Tsetang");
}

TEST_CASE("gazetteer: mine positions are the USGS rows they cite", "[gazetteer]") {
    const auto places = readGazetteer(kAsset);
    REQUIRE(places.ok());
    const auto usgs = readDeposits(std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets/deposits/gangdese.csv",
                                   DepositFields{"name", "lon", "lat"});
    REQUIRE(usgs.ok());
    std::map<std::string, const Deposit*> byId;
    for (const Deposit& d : usgs->deposits) byId[d.attribute("usgs_id")] = &d;
    int checked = 0;
    for (const Place& p : *places) {
        const auto at = p.citation.find("deposit ");
        if (p.kind != "mine" || at == std::string::npos) continue;
        const std::string id = p.citation.substr(at + 8, p.citation.find_first_not_of("0123456789", at + 8) - at - 8);
        INFO(p.name << " cites deposit " << id);
        REQUIRE(byId.count(id) == 1);
        CHECK(p.lon == Approx(byId[id]->lon).margin(1e-5));
        CHECK(p.lat == Approx(byId[id]->lat).margin(1e-5));
        ++checked;
    }
    CHECK(checked >= 10);
}

TEST_CASE("gazetteer: lake positions lie inside the Natural Earth outlines they cite", "[gazetteer]") {
    const auto places = readGazetteer(kAsset);
    REQUIRE(places.ok());
    LayerSourceDesc src;
    src.type = "ogr";
    src.path = std::filesystem::path(PLATEAU_SHARED_DATA) / "rivers/ne_10m_lakes_hma.geojson";
    const auto lakes = readVectorLayer(src, {});
    REQUIRE(lakes.ok());
    const int nameField = lakes->fieldIndex("name");
    REQUIRE(nameField >= 0);
    int checked = 0;
    for (const Place& p : *places) {
        if (p.kind != "lake") continue;
        const auto q1 = p.citation.find('\''), q2 = p.citation.find('\'', q1 + 1);
        REQUIRE(q2 != std::string::npos);
        const std::string neName = p.citation.substr(q1 + 1, q2 - q1 - 1);
        INFO(p.name << " as '" << neName << "'");
        bool inside = false;
        for (const VectorFeature& f : lakes->features)
            if (f.values[std::size_t(nameField)].text == neName) inside = inside || inPolygon(f.parts, p.lon, p.lat);
        CHECK(inside);
        ++checked;
    }
    CHECK(checked >= 6);
}

TEST_CASE("gazetteer: quoting, byte order mark, blank other names, '|' lists", "[gazetteer]") {
    const std::string text = "\xEF\xBB\xBF" + kHeader +
                             "\"Lhasa, city\",拉萨| ལྷ་ས་ ||lha sa,city,91.1,29.65,,\"GeoNames 1280737, \"\"cities15000\"\"\"\n"
                             "Qulong,,mine,91.58,29.6,8000,USGS\n";
    const auto r = readGazetteerFromMemory(text, "test.csv");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].name == "Lhasa, city");
    CHECK((*r)[0].otherNames == std::vector<std::string>{"拉萨", "ལྷ་ས་", "lha sa"});
    CHECK((*r)[0].viewHeightM == 0);
    CHECK((*r)[0].citation == "GeoNames 1280737, \"cities15000\"");
    CHECK((*r)[1].otherNames.empty());
    CHECK((*r)[1].viewHeightM == 8000);
}

TEST_CASE("gazetteer: bad files are refused with one line naming file, row and column", "[gazetteer]") {
    CHECK(errorFor("").find("empty file") != std::string::npos);
    CHECK(errorFor(kHeader).find("no places") != std::string::npos);
    CHECK(errorFor("name,kind,lon,lat\nA,city,1,2\n").find("expected 7 columns") != std::string::npos);
    CHECK(errorFor("name,other,kind,lon,lat,view_height_m,source\nA,,city,1,2,,s\n").find("column 2 must be named \"other_names\"") !=
          std::string::npos);
    CHECK(errorFor(kHeader + "A,,city,1,2,,s\nB,,city,91,95.5,,s\n").find("row 2: lat: '95.5' is outside -90..90") != std::string::npos);
    CHECK(errorFor(kHeader + "A,,city,181,2,,s\n").find("row 1: lon: '181' is outside -180..180") != std::string::npos);
    CHECK(errorFor(kHeader + "A,,city,east,2,,s\n").find("lon: 'east' is not a number") != std::string::npos);
    CHECK(errorFor(kHeader + ",,city,1,2,,s\n").find("row 1: name: must not be empty") != std::string::npos);
    CHECK(errorFor(kHeader + "A,,,1,2,,s\n").find("kind: must not be empty") != std::string::npos);
    CHECK(errorFor(kHeader + "A,,city,1,2,,\n").find("source: must not be empty") != std::string::npos);
    CHECK(errorFor(kHeader + "A,,city,1,2,-5,s\n").find("view_height_m: '-5'") != std::string::npos);
    CHECK(errorFor(kHeader + "A,,city,1,\"2\n3\",,s\n").find("lat: '2 3' is not a number") != std::string::npos);
    test::TempDir dir("gazetteer");
    const auto missing = readGazetteer(dir.path() / "none.csv");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "none.csv: no such file");
    std::ofstream(dir.path() / "g.geojson") << "{\"type\":\"FeatureCollection\",\"features\":[]}";
    CHECK_FALSE(readGazetteer(dir.path() / "g.geojson").ok());
}
