// Deposit catalogues without files: value rules, column mapping, rows, filters, the timeline
// state, marker size and colour, marker placement and picking, and the scene's deposits layers.
#include <catch2/catch.hpp>

#include <string>

#include "core/deposit_markers.h"
#include "core/geodesy.h"
#include "core/scene.h"

using namespace plateau;

namespace {

const std::vector<std::string> kColumns = {"NameDeposit", "Country", "LatitudeDecimal", "LongitudeDecimal", "AgeMY",
                                           "Tonnage", "Copper grade", "Molybdenum grade", "Gold grade",
                                           "Silver grade", "DiscoveryDate", "StartupDate"};

Result<Deposit> row(const std::vector<std::string>& values) {
    const DepositFields f;
    auto cols = resolveDepositColumns(f, kColumns, false);
    REQUIRE(cols);
    return depositFromRow(f, *cols, kColumns, values);
}

std::string rowError(const std::vector<std::string>& values) {
    auto d = row(values);
    REQUIRE(!d);
    return d.error().message;
}

Deposit deposit(const std::string& name, std::optional<double> tonnage, std::vector<std::string> commodities) {
    Deposit d;
    d.name = name;
    d.tonnageMt = tonnage;
    d.commodities = std::move(commodities);
    return d;
}

std::string sceneError(const std::string& layerExtra) {
    const std::string json = R"({"terrain": {"path": "t"}, "layers": [{"id": "d", "type": "deposits",
        "source": {"type": "ogr", "path": "d.csv"})" + layerExtra + "}]}";
    const auto r = parseScene(json, "scene.json");
    REQUIRE(!r);
    CHECK(r.error().message.find('\n') == std::string::npos);
    return r.error().message;
}

}  // namespace

TEST_CASE("catalogue values: numbers, 'not reported' markers and prose years", "[deposits]") {
    for (const char* missing : {"", "  ", "n.d.", "N.D.", "nd", "n/a", "-", "\xE2\x80\x93"})
        CHECK(parseCatalogueValue(missing).kind == CatalogueValue::Missing);
    CHECK(parseCatalogueValue(" 219.8 ").kind == CatalogueValue::Number);
    CHECK(parseCatalogueValue(" 219.8 ").value == Approx(219.8));
    CHECK(parseCatalogueValue("+3").value == Approx(3));
    CHECK(parseCatalogueValue("abc").kind == CatalogueValue::Invalid);
    CHECK(parseCatalogueValue("12 Mt").kind == CatalogueValue::Invalid);

    CHECK(parseCatalogueYear("2000").value == 2000);
    CHECK(parseCatalogueYear("1600s").value == 1600);
    CHECK(parseCatalogueYear("mid-1970s").value == 1970);
    CHECK(parseCatalogueYear("1870s; 1976").value == 1870);
    CHECK(parseCatalogueYear("early 20th century").value == 1900);
    CHECK(parseCatalogueYear("16 century").value == 1500);
    CHECK(parseCatalogueYear("before 1917").value == 1917);
    CHECK(parseCatalogueYear("n.d.").kind == CatalogueValue::Missing);
    CHECK(parseCatalogueYear("ancient times").kind == CatalogueValue::Invalid);
    CHECK(parseCatalogueYear("at least 2,000 years ago").kind == CatalogueValue::Invalid);
    CHECK(parseCatalogueYear("2000.5").kind == CatalogueValue::Invalid);
}

TEST_CASE("a USGS row becomes a deposit; empty tonnage and zero grades are not reported", "[deposits]") {
    auto q = row({"Qulong", "China", "29.6", "91.5833333333333", "16", "1517", "0.52", "0.032", "0", "3.9", "2000",
                  "n.d."});
    REQUIRE(q);
    CHECK(q->name == "Qulong");
    CHECK(q->lat == Approx(29.6));
    CHECK(*q->tonnageMt == Approx(1517));
    CHECK(!q->goldGt);
    CHECK(*q->silverGt == Approx(3.9));
    CHECK(q->commodities == std::vector<std::string>{"Cu", "Mo", "Ag"});
    CHECK(*q->containedCopperMt() == Approx(7.8884));
    CHECK(*q->containedMolybdenumMt() == Approx(0.48544));
    CHECK(*q->containedSilverT() == Approx(5916.3));
    CHECK(!q->containedGoldT());
    CHECK(q->discoveryYear == 2000);
    CHECK(!q->productionYear);
    CHECK(q->attribute("Country") == "China");
    CHECK(q->attribute("NoSuchColumn").empty());

    auto j = row({"Jiama", "China", "29.69", "91.75", "15", "", "0", "0", "0", "0", "2000", "n.d."});
    REQUIRE(j);
    CHECK(!j->tonnageMt);
    CHECK(!j->copperPct);
    CHECK(j->commodities == std::vector<std::string>{"Cu"});  // the catalogue's main commodity
    CHECK(!j->containedCopperMt());
}

TEST_CASE("bad rows give one line saying what is wrong", "[deposits][errors]") {
    CHECK(rowError({"A", "C", "abc", "91", "", "", "", "", "", "", "", ""}) == "latitude 'abc' is not a number");
    CHECK(rowError({"A", "C", "120", "29", "", "", "", "", "", "", "", ""}) ==
          "latitude 120 is outside -90..90 (longitude and latitude swapped?)");
    // Out of range but not a plausible swap: no hint.
    CHECK(rowError({"A", "C", "120", "150", "", "", "", "", "", "", "", ""}) == "latitude 120 is outside -90..90");
    CHECK(rowError({"A", "C", "29", "200", "", "", "", "", "", "", "", ""}) == "longitude 200 is outside -180..180");
    CHECK(rowError({"A", "C", "", "91", "", "", "", "", "", "", "", ""}) == "latitude is missing");
    CHECK(rowError({"", "C", "29", "91", "", "", "", "", "", "", "", ""}) == "no name");
    CHECK(rowError({"A", "C", "29", "91", "", "-5", "", "", "", "", "", ""}) == "tonnage -5 is negative");
    CHECK(rowError({"A", "C", "29", "91", "", "10", "0.5%", "", "", "", "", ""}) ==
          "copper grade '0.5%' is not a number");
    CHECK(rowError({"A", "C", "29", "91", "", "10", "150", "", "", "", "", ""}) == "copper grade 150 % is over 100");
}

TEST_CASE("column mapping: defaults may be absent, named columns must exist", "[deposits][errors]") {
    const std::vector<std::string> few = {"Name", "X", "Y"};
    auto a = resolveDepositColumns(DepositFields{}, few, false);
    REQUIRE(!a);
    CHECK(a.error().message == "no column \"NameDeposit\" for the name (columns: Name, X, Y)");
    DepositFields f{.name = "Name", .lon = "X", .lat = "Y"};
    auto b = resolveDepositColumns(f, few, false);
    REQUIRE(b);
    CHECK(b->lon == 1);
    CHECK(b->tonnage == -1);  // the USGS default is simply absent
    // Case and padding in headers are forgiven.
    auto c = resolveDepositColumns(DepositFields{}, {" namedeposit ", "LATITUDEDECIMAL", "LongitudeDecimal"}, false);
    REQUIRE(c);
    CHECK(c->name == 0);
    CHECK(c->lat == 1);
    // Point geometry stands in for lon/lat columns.
    CHECK(resolveDepositColumns(DepositFields{}, {"NameDeposit"}, true));
    auto d = resolveDepositColumns(DepositFields{}, {"NameDeposit"}, false);
    REQUIRE(!d);
    CHECK(d.error().message == "no column \"LongitudeDecimal\" for longitude (columns: NameDeposit)");
    // A header read as one column with semicolons in it.
    auto e = resolveDepositColumns(DepositFields{}, {"NameDeposit;LatitudeDecimal;LongitudeDecimal"}, false);
    REQUIRE(!e);
    CHECK(e.error().message.find("semicolon-separated?") != std::string::npos);
}

TEST_CASE("filters by commodity and tonnage", "[deposits]") {
    const Deposit big = deposit("big", 1500.0, {"Cu", "Mo"});
    const Deposit gold = deposit("gold", 50.0, {"Cu", "Au"});
    const Deposit unknown = deposit("unknown", std::nullopt, {"Cu"});
    DepositFilter all;
    CHECK(all.passes(big));
    CHECK(all.passes(unknown));
    DepositFilter au{{"au"}, std::nullopt, std::nullopt};  // symbols compare without case
    CHECK(!au.passes(big));
    CHECK(au.passes(gold));
    DepositFilter large{{}, 100.0, std::nullopt};
    CHECK(large.passes(big));
    CHECK(!large.passes(gold));
    CHECK(!large.passes(unknown));  // no tonnage: cannot be shown to pass a bound
    DepositFilter band{{"Mo", "Au"}, 10.0, 1000.0};
    CHECK(!band.passes(big));
    CHECK(band.passes(gold));
}

TEST_CASE("the timeline: hidden before discovery, producing from the production start", "[deposits][time]") {
    Deposit d = deposit("Qulong", 1517.0, {"Cu"});
    d.discoveryYear = 2000;
    d.productionYear = 2021;
    CHECK(depositPhase(d, 1999.99) == DepositPhase::Hidden);
    CHECK(depositPhase(d, 2000.0) == DepositPhase::Known);
    CHECK(depositPhase(d, 2020.9) == DepositPhase::Known);
    CHECK(depositPhase(d, 2021.0) == DepositPhase::Producing);
    Deposit undated = deposit("old", 10.0, {"Cu"});
    CHECK(depositPhase(undated, 1000.0) == DepositPhase::Known);
    undated.status = "producing";
    CHECK(depositPhase(undated, 1000.0) == DepositPhase::Producing);
}

TEST_CASE("marker size grows with tonnage on a log scale; colour by commodity or grade", "[deposits]") {
    DepositStyle s;
    const Deposit small = deposit("s", 10.0, {"Cu"});
    const Deposit mid = deposit("m", std::sqrt(10.0 * 3000.0), {"Cu", "Au"});
    const Deposit large = deposit("l", 3000.0, {"Cu", "Mo"});
    const Deposit huge = deposit("h", 30000.0, {"Cu"});
    const Deposit none = deposit("n", std::nullopt, {"Zn"});
    CHECK(depositMarkerSize(s, small) == Approx(s.sizePx.first));
    CHECK(depositMarkerSize(s, large) == Approx(s.sizePx.second));
    CHECK(depositMarkerSize(s, huge) == Approx(s.sizePx.second));  // clamped
    CHECK(depositMarkerSize(s, none) == Approx(s.sizePx.first));
    // Halfway on the log scale: half the area between the ends.
    const double a0 = s.sizePx.first * s.sizePx.first, a1 = s.sizePx.second * s.sizePx.second;
    CHECK(depositMarkerSize(s, mid) == Approx(std::sqrt((a0 + a1) / 2.0)));

    CHECK(depositMarkerColour(s, mid) == s.commodityColours[0].second);    // Au first
    CHECK(depositMarkerColour(s, large) == s.commodityColours[1].second);  // Mo
    CHECK(depositMarkerColour(s, small) == s.commodityColours[2].second);  // Cu
    CHECK(depositMarkerColour(s, none) == s.missingColour);

    s.colourBy = DepositStyle::ColourBy::Grade;
    Deposit g = small;
    g.copperPct = 0.6;  // halfway along 0.2..1.0
    const Colour c = depositMarkerColour(s, g);
    CHECK(c[0] == Approx((s.gradeColours.first[0] + s.gradeColours.second[0]) / 2));
    CHECK(depositMarkerColour(s, small) == s.missingColour);

    s.sizeBy = DepositStyle::SizeBy::ContainedCopper;
    Deposit cu = deposit("cu", 1517.0, {"Cu"});
    cu.copperPct = 0.52;
    CHECK(depositMarkerSize(s, cu) > depositMarkerSize(s, small));
    CHECK(depositMarkerSize(s, deposit("t", 1517.0, {"Cu"})) == Approx(s.sizePx.first));  // no grade

    const DepositLegend legend = depositLegend("Deposits", DepositStyle{});
    REQUIRE(legend.colours.size() == 4);
    // Gold and molybdenum entries come before copper: they mark Cu-Au and Cu-Mo porphyries.
    CHECK(legend.colours[0].first == "Cu-Au");
    CHECK(legend.colours[1].first == "Cu-Mo");
    CHECK(legend.colours[2].first == "Cu");
    CHECK(legend.colours[3].first == "not reported");
    DepositStyle goldFirst;
    goldFirst.commodityColours = {{"Cu", {1, 0, 0, 1}}, {"Au", {1, 1, 0, 1}}};  // Au after Cu: gold-only deposits
    const DepositLegend other = depositLegend("Deposits", goldFirst);
    CHECK(other.colours[0].first == "Cu");
    CHECK(other.colours[1].first == "Au");
    REQUIRE(legend.sizes.size() == 3);
    CHECK(legend.sizes[0].first == "10 Mt ore");
    CHECK(legend.sizes[2].first == "3000 Mt ore");
    CHECK(legend.sizes[0].second < legend.sizes[2].second);
}

TEST_CASE("markers: projected, filtered, dated, occluded by depth; labels do not overlap; picking",
          "[deposits][picking]") {
    const Camera cam = makeCamera({91.0, 29.0, 50000.0, 0.0, -90.0}, 400, 300);
    std::vector<Deposit> ds;
    for (int i = 0; i < 4; ++i) {
        Deposit d = deposit("Deposit " + std::to_string(i), 100.0 * (i + 1), {"Cu"});
        d.lon = 91.0 + 0.02 * i;
        d.lat = 29.0;
        ds.push_back(d);
    }
    ds[3].discoveryYear = 2010;
    Deposit far = deposit("Far", 10.0, {"Cu"});
    far.lon = 120.0;  // off screen
    ds.push_back(far);
    DepositLayerDesc layer;
    const SurfaceHeightFn flat = [](double, double) { return std::optional<double>(0.0); };
    const MeasureTextFn measure = [](const std::string& t) { return std::make_pair(7.0f * float(t.size()), 12.0f); };

    const DepositFrame f = placeDepositMarkers(ds, layer, 2000.0, cam, flat, {}, measure);
    REQUIRE(f.markers.size() == 3);  // not the undiscovered one, not the off-screen one
    const glm::dmat4 vp = projectionMatrix(cam) * viewMatrix(cam);
    for (const DepositMarker& m : f.markers) {
        const glm::dvec4 clip = vp * glm::dvec4(geodeticToEcef({ds[m.deposit].lon, ds[m.deposit].lat, 0.0}), 1.0);
        CHECK(m.x == Approx((clip.x / clip.w * 0.5 + 0.5) * 400).margin(0.01));
        CHECK(m.y == Approx((clip.y / clip.w * 0.5 + 0.5) * 300).margin(0.01));
        CHECK(m.diameter == Approx(depositMarkerSize(layer.style, ds[m.deposit])));
    }
    // Markers 2 km apart at 50 km height are ~16 px apart: their 70 px labels overlap, so only
    // some are laid out, and the largest deposit's label wins.
    REQUIRE(!f.labels.empty());
    CHECK(f.labels.size() < 3);
    CHECK(f.labels[0].text == "Deposit 2");

    // Producing from a year on.
    ds[0].productionYear = 1990;
    const DepositFrame p = placeDepositMarkers(ds, layer, 2000.0, cam, flat, {}, {});
    bool producing = false;
    for (const DepositMarker& m : p.markers) producing |= m.deposit == 0 && m.producing;
    CHECK(producing);
    CHECK(p.labels.empty());  // no measuring, no labels

    // The filter applies.
    layer.filter.minTonnageMt = 250.0;
    CHECK(placeDepositMarkers(ds, layer, 2000.0, cam, flat, {}, {}).markers.size() == 1);
    layer.filter = {};

    // A depth buffer with a surface 5 km in front of everything hides every marker; one at the
    // ground's own depth hides none.
    const double groundDistance = glm::dot(geodeticToEcef({91.0, 29.0, 0.0}) - cam.position, cam.forward);
    std::vector<float> near(400 * 300, float(cam.near_m / (groundDistance - 5000.0)));
    CHECK(placeDepositMarkers(ds, layer, 2000.0, cam, flat, near, {}).markers.empty());
    std::vector<float> ground(400 * 300, float(cam.near_m / groundDistance));
    CHECK(placeDepositMarkers(ds, layer, 2000.0, cam, flat, ground, {}).markers.size() == 3);
    // No terrain resident under a deposit: left out this frame.
    const SurfaceHeightFn none = [](double, double) { return std::optional<double>(); };
    CHECK(placeDepositMarkers(ds, layer, 2000.0, cam, none, {}, {}).markers.empty());

    // Picking: nearest centre within the disc (plus slack).
    std::vector<DepositMarker> ms(2);
    ms[0].x = 100;
    ms[0].y = 100;
    ms[0].diameter = 20;
    ms[1].x = 112;
    ms[1].y = 100;
    ms[1].diameter = 10;
    CHECK(pickDepositMarker(ms, 101, 100) == std::optional<std::size_t>(0));
    CHECK(pickDepositMarker(ms, 108, 100) == std::optional<std::size_t>(1));  // nearer to 1's centre
    CHECK(pickDepositMarker(ms, 100, 111) == std::optional<std::size_t>(0));  // radius 10 + slack 2
    CHECK(!pickDepositMarker(ms, 100, 113));
    CHECK(!pickDepositMarker({}, 0, 0));
}

TEST_CASE("scene files: a deposits layer with fields, style, filter and label", "[deposits][scene]") {
    const std::string json = R"({"terrain": {"path": "t"}, "layers": [{"id": "porcu", "type": "deposits",
        "title": "Porphyry copper", "source": {"type": "ogr", "path": "deposits/gangdese.csv"},
        "fields": {"name": "Name", "lon": "X", "lat": "Y", "status": "status", "main_commodity": "Cu"},
        "style": {"size": {"by": "contained_cu", "range_px": [4, 30], "domain": [0.1, 20]},
                  "colour": {"by": "grade", "metal": "Au", "range": [0.1, 1.5], "ramp": ["#ffffff", "#ff0000"]},
                  "missing_colour": "#808080"},
        "filter": {"commodities": ["Cu", "Au"], "min_tonnage": 10, "max_tonnage": 5000},
        "label": "Name"}]})";
    const auto r = parseScene(json, "/scenes/scene.json");
    REQUIRE(r);
    REQUIRE(r->layers.size() == 1);
    const LayerDesc& l = r->layers[0];
    CHECK(l.type == LayerType::Deposits);
    CHECK(l.source.path == "/scenes/deposits/gangdese.csv");
    const DepositLayerDesc& d = l.deposits;
    CHECK(d.fields.name == "Name");
    CHECK(d.fields.lon == "X");
    CHECK(d.fields.status == "status");
    CHECK(d.fields.tonnage == "Tonnage");  // default kept
    CHECK(d.style.sizeBy == DepositStyle::SizeBy::ContainedCopper);
    CHECK(d.style.sizePx == std::pair<float, float>{4.0f, 30.0f});
    CHECK(d.style.sizeDomain == std::pair<double, double>{0.1, 20.0});
    CHECK(d.style.colourBy == DepositStyle::ColourBy::Grade);
    CHECK(d.style.gradeMetal == "Au");
    CHECK(d.style.gradeColours.second == Colour{1.0f, 0.0f, 0.0f, 1.0f});
    CHECK(d.style.missingColour[0] == Approx(128.0 / 255.0));
    CHECK(d.filter.commodities == std::vector<std::string>{"Cu", "Au"});
    CHECK(*d.filter.minTonnageMt == 10.0);
    CHECK(*d.filter.maxTonnageMt == 5000.0);
    CHECK(d.style.labelField == "Name");

    // Commodity colours keep the file's order (priority), which an object would not.
    const auto c = parseScene(R"({"terrain": {"path": "t"}, "layers": [{"id": "d", "type": "deposits",
        "source": {"type": "ogr", "path": "d.csv"},
        "style": {"colour": {"by": "commodity", "colours": [["Mo", "#0000ff"], ["Au", "#ffff00"]]}}}]})",
                              "scene.json");
    REQUIRE(c);
    REQUIRE(c->layers[0].deposits.style.commodityColours.size() == 2);
    CHECK(c->layers[0].deposits.style.commodityColours[0].first == "Mo");
}

TEST_CASE("scene files: deposits layer errors name the field", "[deposits][scene][errors]") {
    CHECK(sceneError(R"(, "style": {"size": {"by": "area"}})") ==
          "scene.json: layers[0].style.size.by: unknown value \"area\" (expected \"tonnage\" or \"contained_cu\")");
    CHECK(sceneError(R"(, "style": {"size": {"range_px": [30, 4]}})") ==
          "scene.json: layers[0].style.size.range_px: low must be less than high (got [30, 4])");
    CHECK(sceneError(R"(, "style": {"size": {"domain": [0, 10]}})") ==
          "scene.json: layers[0].style.size.domain: must be within (0, inf] (got [0, 10])");
    CHECK(sceneError(R"(, "style": {"colour": {"by": "rainbow"}})") ==
          "scene.json: layers[0].style.colour.by: unknown value \"rainbow\" (expected \"commodity\" or \"grade\")");
    CHECK(sceneError(R"(, "style": {"colour": {"by": "grade", "metal": "Zn"}})") ==
          "scene.json: layers[0].style.colour.metal: unknown metal \"Zn\" (expected \"Cu\", \"Mo\", \"Au\" or \"Ag\")");
    CHECK(sceneError(R"(, "style": {"colour": {"by": "commodity", "colours": {"Cu": "#ff0000"}}})") ==
          "scene.json: layers[0].style.colour.colours: expected a non-empty array of [\"symbol\", \"#rrggbb\"] in "
          "priority order");
    CHECK(sceneError(R"(, "style": {"colour": {"by": "commodity", "colours": [["Cu", "red"]]}})") ==
          "scene.json: layers[0].style.colour.colours[0][1]: expected a colour \"#rrggbb\" or \"#rrggbbaa\"");
    CHECK(sceneError(R"(, "style": {"fill": "#ffffff"})") ==
          "scene.json: layers[0].style.fill: unknown field");
    CHECK(sceneError(R"(, "filter": {"min_tonnage": 100, "max_tonnage": 10})") ==
          "scene.json: layers[0].filter.max_tonnage: must not be less than min_tonnage (100)");
    CHECK(sceneError(R"(, "filter": {"commodities": "Cu"})") ==
          "scene.json: layers[0].filter.commodities: expected an array of symbols such as [\"Cu\", \"Au\"]");
    CHECK(sceneError(R"(, "fields": {"lat": ""})") ==
          "scene.json: layers[0].fields.lat: \"lon\" and \"lat\" are both columns or both \"\" (point geometry)");
    CHECK(sceneError(R"(, "fields": {"name": ""})") ==
          "scene.json: layers[0].fields.name: must not be empty (deposits need a name)");
    CHECK(sceneError(R"(, "fields": {"tonage": "T"})") == "scene.json: layers[0].fields.tonage: unknown field");
    CHECK(sceneError(R"(, "time": {"field": "year"})") ==
          "scene.json: layers[0].time: not for deposits layers (their dates are the discovery and production years "
          "in \"fields\")");
    CHECK(sceneError(R"(, "label": 3)") == "scene.json: layers[0].label: expected a string");

    // Deposit members on other layer types.
    const auto r = parseScene(R"({"terrain": {"path": "t"}, "layers": [{"id": "v", "type": "vector",
        "source": {"type": "ogr", "path": "a.geojson"}, "filter": {}}]})",
                              "scene.json");
    REQUIRE(!r);
    CHECK(r.error().message == "scene.json: layers[0].filter: only for deposits layers");
}

TEST_CASE("other labels that would overlap a deposit marker or label are found", "[deposits][labels]") {
    DepositFrame f;
    DepositMarker m;
    m.x = 100;
    m.y = 100;
    m.diameter = 20;
    f.markers.push_back(m);
    f.labels.push_back({113.0f, 100.0f, "Qulong", 50.0f, 14.0f});
    const std::vector<ScreenBox> boxes = {
        {95, 95, 105, 105},    // on the disc
        {150, 95, 170, 105},   // on the label's right end
        {100, 130, 160, 140},  // below both
        {170, 90, 200, 110},   // right of the label
    };
    CHECK(overlapsDepositFrame(f, boxes) == std::vector<bool>{true, true, false, false});
    // A producing deposit's ring takes a little more room.
    f.markers[0].producing = true;
    CHECK(overlapsDepositFrame(f, {{80, 112, 90, 120}}) == std::vector<bool>{true});
    f.markers[0].producing = false;
    CHECK(overlapsDepositFrame(f, {{80, 112, 90, 120}}) == std::vector<bool>{false});
}
