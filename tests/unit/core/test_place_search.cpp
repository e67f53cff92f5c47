// Place search: folding, match kinds and their ranking, other names in other scripts, the limit,
// one place from two sources listed once, and places made from deposits and vector features.
#include <catch2/catch.hpp>

#include "core/place_search.h"
#include "core/place_sources.h"

using namespace plateau;

namespace {

Place place(std::string name, std::string kind, double lon, double lat, std::vector<std::string> other = {},
            std::string layer = "gazetteer") {
    Place p;
    p.name = std::move(name);
    p.kind = std::move(kind);
    p.lon = lon;
    p.lat = lat;
    p.otherNames = std::move(other);
    p.sourceLayer = std::move(layer);
    return p;
}

PlaceIndex sample() {
    return PlaceIndex({
        place("Lhasa", "city", 91.1, 29.65, {"拉萨", "ལྷ་ས་", "lha sa"}),
        place("Qulong", "mine", 91.583, 29.6, {"驱龙", "Julong"}),
        place("Tsetang", "town", 91.78, 29.22, {"泽当", "Zêtang", "Zedang"}),
        place("Nam Tso", "lake", 90.46, 30.69, {"纳木错", "Nam Co"}),
        place("Yamdrok Tso", "lake", 90.9, 28.99, {"Yamzho Yumco"}),
        place("Lakang'e", "mine", 91.48, 29.58),
        place("Qulong", "deposit", 91.5833, 29.6, {}, "deposits"),  // same place, another source
        place("Lhasa River", "river", 91.0, 29.6, {}, "rivers"),
        place("Quxu", "town", 90.74, 29.35),
    });
}

std::vector<std::string> names(const PlaceIndex& index, const std::vector<PlaceMatch>& matches) {
    std::vector<std::string> out;
    for (const PlaceMatch& m : matches) out.push_back(index.place(m.index).name + "/" + index.place(m.index).kind);
    return out;
}

}  // namespace

TEST_CASE("place search: folding ignores case, accents and apostrophes", "[places]") {
    CHECK(foldForSearch("Zêtang") == "zetang");
    CHECK(foldForSearch("  QULONG  Mine ") == "qulong mine");
    CHECK(foldForSearch("Lakang'e") == "lakange");
    CHECK(foldForSearch("Lakang’e") == "lakange");
    CHECK(foldForSearch("Gyangzê-Dzong") == "gyangze dzong");
    CHECK(foldForSearch("Ærø Þing Straße Łódź") == "aero thing strasse lodz");
    CHECK(foldForSearch("Ze\xCC\x82tang") == "zetang");  // decomposed ê
    CHECK(foldForSearch("拉萨") == "拉萨");
    CHECK(foldForSearch("\xFF\xFEQu") == "qu");  // invalid bytes dropped
}

TEST_CASE("place search: exact before prefix before word before substring", "[places]") {
    const PlaceIndex index = sample();
    CHECK(names(index, index.search("lhasa")) == std::vector<std::string>{"Lhasa/city", "Lhasa River/river"});
    const auto q = index.search("Qu");
    REQUIRE(q.size() == 2);  // Qulong (once) and Quxu; "qu" is too short for substrings
    CHECK(index.place(q[0].index).name == "Qulong");
    CHECK(q[0].match == MatchKind::Prefix);
    CHECK(index.place(q[1].index).name == "Quxu");
    // Word match: every query word starts a word of the name, in any order.
    const auto tso = index.search("tso nam");
    REQUIRE(tso.size() == 1);
    CHECK(index.place(tso[0].index).name == "Nam Tso");
    CHECK(tso[0].match == MatchKind::Word);
    const auto yum = index.search("yum");
    REQUIRE(yum.size() == 1);
    CHECK(yum[0].match == MatchKind::Word);
    CHECK_FALSE(yum[0].mainName);
    CHECK(yum[0].matchedName == "Yamzho Yumco");
    // Substring of 3 letters or more.
    const auto lon = index.search("ulon");
    REQUIRE(lon.size() == 1);
    CHECK(lon[0].match == MatchKind::Substring);
    // Exact on another name outranks a prefix on a main name.
    const auto sa = index.search("lha sa");
    REQUIRE_FALSE(sa.empty());
    CHECK(index.place(sa[0].index).name == "Lhasa");
    CHECK(sa[0].match == MatchKind::Exact);
}

TEST_CASE("place search: accents, other names and other scripts", "[places]") {
    const PlaceIndex index = sample();
    const auto z = index.search("zetang");
    REQUIRE(z.size() == 1);
    CHECK(index.place(z[0].index).name == "Tsetang");
    CHECK(z[0].matchedName == "Zêtang");
    CHECK(index.search("ZÉTANG").size() == 1);
    CHECK(index.place(index.search("julong")[0].index).name == "Qulong");
    CHECK(index.place(index.search("lakange")[0].index).name == "Lakang'e");
    // Hanzi and Tibetan match by substring.
    const auto hz = index.search("拉");
    REQUIRE(hz.size() == 1);
    CHECK(index.place(hz[0].index).name == "Lhasa");
    const auto bo = index.search("ལྷ་ས");
    REQUIRE(bo.size() == 1);
    CHECK(index.place(bo[0].index).name == "Lhasa");
    CHECK(index.place(index.search("木错")[0].index).name == "Nam Tso");
}

TEST_CASE("place search: ranks kinds among equal matches, limits, refuses empty queries", "[places]") {
    PlaceIndex index({place("Ba town", "town", 1, 1), place("Ba lake", "lake", 2, 2), place("Ba city", "city", 3, 3),
                      place("Ba peak", "peak", 4, 4), place("Ba mine", "mine", 5, 5)});
    CHECK(names(index, index.search("ba")) ==
          std::vector<std::string>{"Ba city/city", "Ba mine/mine", "Ba peak/peak", "Ba lake/lake", "Ba town/town"});
    CHECK(index.search("ba", 2).size() == 2);
    CHECK(index.search("", 10).empty());
    CHECK(index.search(" ,. ", 10).empty());
    CHECK(index.search("ba", 0).empty());
    CHECK(kindRank("city") < kindRank("mine"));
    CHECK(kindRank("lake") < kindRank("glacier"));
}

TEST_CASE("place search: one place from two sources is listed once, two places of one name twice", "[places]") {
    const PlaceIndex index = sample();
    const auto q = index.search("qulong");
    REQUIRE(q.size() == 1);
    CHECK(index.place(q[0].index).kind == "mine");  // the better-ranked record
    PlaceIndex twins({place("Nam Tso", "lake", 90.46, 30.69), place("Nam Tso", "lake", 80.0, 31.0)});
    CHECK(twins.search("nam tso").size() == 2);
}

TEST_CASE("place search: places from deposits and named vector features", "[places]") {
    Deposit d;
    d.name = "Jiama";
    d.lon = 91.75;
    d.lat = 29.69;
    Deposit unnamed;
    const auto deposits = placesFromDeposits({d, unnamed}, "Gangdese deposits");
    REQUIRE(deposits.size() == 1);
    CHECK(deposits[0].kind == "deposit");
    CHECK(deposits[0].sourceLayer == "Gangdese deposits");

    VectorData rivers;
    rivers.fields = {"name", "scalerank"};
    VectorFeature line;
    line.kind = GeometryKind::Line;
    line.parts = {{{90, 29}, {91, 29}, {92, 29}, {93, 29}, {94, 29}}, {{80, 30}, {80.1, 30}}};
    line.values = {{"Yarlung", {}, false}, {"1", 1.0, false}};
    VectorFeature nameless = line;
    nameless.values[0] = {"", {}, true};
    VectorFeature lake;
    lake.kind = GeometryKind::Polygon;
    lake.parts = {{{90, 30}, {91, 30}, {91, 31}, {90, 30}}};
    lake.bounds = {90, 30, 91, 31};
    lake.values = {{"Nam Co", {}, false}, {"4", 4.0, false}};
    VectorFeature glacier1980 = lake, glacier2000 = lake;
    glacier1980.objectId = glacier2000.objectId = "g7";
    rivers.features = {line, nameless, lake, glacier1980, glacier2000};
    const auto places = placesFromFeatures(rivers, "name", "river", "Rivers");
    REQUIRE(places.size() == 3);  // the nameless line left out, the glacier's two dates once
    CHECK(places[0].name == "Yarlung");
    CHECK(places[0].lon == 92);  // half way along the longest part, on the line
    CHECK(places[1].lon == 90.5);
    CHECK(places[1].lat == 30.5);
    CHECK(placesFromFeatures(rivers, "NAME", "river", "Rivers").empty());  // no such field

    std::vector<Place> all = deposits;
    all.insert(all.end(), places.begin(), places.end());
    const PlaceIndex index(all);
    REQUIRE(index.search("yarl").size() == 1);
    CHECK(index.place(index.search("yarl")[0].index).sourceLayer == "Rivers");
}
