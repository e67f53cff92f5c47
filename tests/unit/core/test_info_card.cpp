#include <catch2/catch.hpp>

#include "core/info_card.h"

using namespace plateau;

namespace {
std::string row(const InfoCard& c, const std::string& label) {
    for (const auto& [l, v] : c.rows)
        if (l == label) return v;
    return "(none)";
}
}  // namespace

TEST_CASE("info cards: a deposit's numbers carry their units and the source is named", "[info_card]") {
    Deposit d;
    d.name = "Qulong";
    d.lon = 91.583;
    d.lat = 29.600;
    d.country = "China";
    d.commodities = {"Cu", "Mo"};
    d.tonnageMt = 1517.0;
    d.copperPct = 0.52;
    d.molybdenumPct = 0.03;
    d.productionYear = 2021;
    const InfoCard c = depositCard(d, "Porphyry copper deposits", "USGS OFR 2008-1155");
    CHECK(c.title == "Qulong");
    CHECK(row(c, "Ore") == "1,517 Mt");
    CHECK(row(c, "Copper grade") == "0.52 % Cu");
    CHECK(row(c, "Molybdenum grade") == "0.030 % Mo");
    CHECK(row(c, "Contained copper") == "7.89 Mt Cu");
    CHECK(row(c, "Production from") == "2021");
    CHECK(row(c, "Location") == "29.6000 N, 91.5830 E, China");
    CHECK(c.source == "USGS OFR 2008-1155");
    CHECK(row(c, "Gold grade") == "(none)");  // unknown values are left out, not shown as 0
}

TEST_CASE("info cards: a feature's attributes in field order, units from the field names, years as written",
          "[info_card]") {
    VectorData data;
    data.source = "lakes.geojson";
    data.fields = {"name", "area_km2", "year", "elev_m", "note"};
    VectorFeature f;
    f.fid = 7;
    f.bounds = {90.5, 28.8, 90.9, 29.1};
    f.values = {{"Yamzho Yumco", std::nullopt, false}, {"638.0", 638.0, false}, {"1990", 1990.0, false},
                {"4441", 4441.0, false}, {"", std::nullopt, true}};
    data.features.push_back(f);
    const InfoCard c = featureCard(data, 0, "Lakes", "");
    CHECK(c.title == "Yamzho Yumco");
    CHECK(c.kind == "Lakes");
    CHECK(c.source == "lakes.geojson");  // no attribution: the file is the source
    CHECK(row(c, "area_km2") == "638 km²");
    CHECK(row(c, "year") == "1990");
    CHECK(row(c, "elev_m") == "4,441 m");
    CHECK(row(c, "note") == "(none)");  // nulls are left out
    CHECK(c.lon == Approx(90.7));
}

TEST_CASE("info cards: a pit's depth at the date, its stages and the schematic note", "[info_card]") {
    TerrainModifier m;
    m.id = "pit";
    m.label = "Qulong pit (schematic)";
    m.kind = ModifierKind::Pit;
    m.outline = {{91.58, 29.60}, {91.60, 29.60}, {91.60, 29.62}};
    m.schematic = true;
    m.stages = {{2021, 0, 0, 0}, {2030, 400, 15, 10}};
    const InfoCard c = modifierCard(m, ModifierStage{2025, 178, 15, 10}, 2025.5, "Qulong mine", "schematic");
    CHECK(row(c, "Depth in 2025") == "178 m");
    CHECK(row(c, "Stages") == "2021: 0 m; 2030: 400 m");
    CHECK(row(c, "Note").find("schematic") != std::string::npos);
    const InfoCard g = groundCard(91.1, 29.65, 3650.4, "SRTM30");
    CHECK(row(g, "Elevation") == "3,650 m");
    CHECK(g.title == "29.6500 N, 91.1000 E");
}
