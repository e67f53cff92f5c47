// The members of a "deposits" layer in a scene file (core/deposit_style.h holds what they fill).
// The common members (id, title, source, visible, legend, attribution) are read by
// scene_layers.cpp; the source is {"type": "ogr", "path": ..., "layer": ...}: any table OGR reads
// (CSV, GeoJSON, GeoPackage, ...).
//
//   "fields": {                       which column holds what; defaults: the USGS porphyry copper
//     "name": "NameDeposit",          database's columns. "" = the source has no such column.
//     "lon": "LongitudeDecimal",      lon/lat: columns of decimal degrees; a source with point
//     "lat": "LatitudeDecimal",       geometry and no such columns uses its points
//     "commodities": "",              a column of symbols ("Cu, Mo, Au"); "": the main commodity
//     "main_commodity": "Cu",         plus every metal with a reported grade
//     "tonnage": "Tonnage",           ore, Mt
//     "copper": "Copper grade",       %;  "molybdenum": "Molybdenum grade" (%),
//     "gold": "Gold grade",           g/t; "silver": "Silver grade" (g/t)
//     "age": "AgeMY",                 Ma
//     "status": "",                   "producing", "development", ...
//     "discovery": "DiscoveryDate",   year: hidden on the timeline before it
//     "production": "StartupDate",    year: drawn as producing from it
//     "country": "Country" },
//   "style": {
//     "size": { "by": "tonnage",      "tonnage" (ore) or "contained_cu" (tonnage x Cu grade)
//               "range_px": [5, 26],  disc diameter at the ends of the domain, 1..128 px
//               "domain": [10, 3000] },  Mt at the smallest and largest disc, 0 < lo < hi
//                                        (log scale; default 10..3000 ore, 0.05..15 Cu)
//     "colour": { "by": "commodity",  "commodity": the first of "colours" the deposit has;
//                 "colours": [["Au", "#f2c733"], ["Mo", "#8c73d9"], ["Cu", "#d96b33"]] }
//               or { "by": "grade", "metal": "Cu",   "Cu", "Mo" (%), "Au", "Ag" (g/t)
//                 "range": [0.2, 1.0], "ramp": ["#fde08c", "#b31a0d"] },
//     "missing_colour": "#9e9e9e" },  deposits without the coloured value
//   "filter": { "commodities": ["Cu", "Au"],  shown when a deposit has any of them
//               "min_tonnage": 10, "max_tonnage": 5000 },  Mt; deposits without a tonnage
//                                              are left out when either bound is set
//   "label": "name"                   "name" or a column; "" for no labels
//
// Errors name the field: "scene.json: layers[3].style.size.by: unknown value "area" (expected
// "tonnage" or "contained_cu")".
#include <cmath>
#include <limits>

#include "core/scene_reader.h"

namespace plateau::scene_detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void parseFields(const Reader& rd, const json& f, const std::string& path, DepositFields& out) {
    rd.expectObject(f, path);
    rd.onlyKeys(f, path, {"name", "lon", "lat", "commodities", "main_commodity", "tonnage", "copper", "molybdenum",
                          "gold", "silver", "age", "status", "discovery", "production", "country"});
    rd.string(f, path, "name", out.name);
    rd.string(f, path, "lon", out.lon);
    rd.string(f, path, "lat", out.lat);
    rd.string(f, path, "commodities", out.commodities);
    rd.string(f, path, "main_commodity", out.mainCommodity);
    rd.string(f, path, "tonnage", out.tonnage);
    rd.string(f, path, "copper", out.copper);
    rd.string(f, path, "molybdenum", out.molybdenum);
    rd.string(f, path, "gold", out.gold);
    rd.string(f, path, "silver", out.silver);
    rd.string(f, path, "age", out.age);
    rd.string(f, path, "status", out.status);
    rd.string(f, path, "discovery", out.discovery);
    rd.string(f, path, "production", out.production);
    rd.string(f, path, "country", out.country);
    if (out.name.empty()) rd.fail(Reader::join(path, "name"), "must not be empty (deposits need a name)");
    if (out.lon.empty() != out.lat.empty())
        rd.fail(Reader::join(path, out.lon.empty() ? "lon" : "lat"),
                "\"lon\" and \"lat\" are both columns or both \"\" (point geometry)");
}

// [a, b] of numbers with lo <= a < b <= hi.
std::pair<double, double> rangeOf(const Reader& rd, const json& obj, const std::string& path, const char* key,
                                  double lo, double hi, bool loOpen) {
    const std::string f = Reader::join(path, key);
    const json* v = Reader::member(obj, key);
    if (!v->is_array() || v->size() != 2 || !(*v)[0].is_number() || !(*v)[1].is_number())
        rd.fail(f, "expected two numbers [low, high]");
    const double a = (*v)[0].get<double>(), b = (*v)[1].get<double>();
    const bool inA = loOpen ? a > lo : a >= lo;
    if (!inA || !(b <= hi))
        rd.fail(f, std::string("must be within ") + (loOpen ? "(" : "[") + Reader::fmt(lo) + ", " + Reader::fmt(hi) +
                       "] (got [" + Reader::fmt(a) + ", " + Reader::fmt(b) + "])");
    if (!(a < b)) rd.fail(f, "low must be less than high (got [" + Reader::fmt(a) + ", " + Reader::fmt(b) + "])");
    return {a, b};
}

void parseStyle(const Reader& rd, const json& st, const std::string& path, DepositStyle& out) {
    rd.expectObject(st, path);
    rd.onlyKeys(st, path, {"size", "colour", "missing_colour"});
    if (const json* s = Reader::member(st, "size")) {
        const std::string sp = Reader::join(path, "size");
        rd.expectObject(*s, sp);
        rd.onlyKeys(*s, sp, {"by", "range_px", "domain"});
        std::string by = "tonnage";
        rd.string(*s, sp, "by", by);
        if (by == "tonnage") out.sizeBy = DepositStyle::SizeBy::Tonnage;
        else if (by == "contained_cu") out.sizeBy = DepositStyle::SizeBy::ContainedCopper;
        else rd.fail(Reader::join(sp, "by"), "unknown value \"" + by + "\" (expected \"tonnage\" or \"contained_cu\")");
        if (Reader::member(*s, "range_px")) {
            const auto r = rangeOf(rd, *s, sp, "range_px", 1.0, 128.0, false);
            out.sizePx = {float(r.first), float(r.second)};
        }
        if (Reader::member(*s, "domain")) out.sizeDomain = rangeOf(rd, *s, sp, "domain", 0.0, kInf, true);
    }
    if (const json* c = Reader::member(st, "colour")) {
        const std::string cp = Reader::join(path, "colour");
        rd.expectObject(*c, cp);
        std::string by = "commodity";
        rd.string(*c, cp, "by", by);
        if (by == "commodity") {
            out.colourBy = DepositStyle::ColourBy::Commodity;
            rd.onlyKeys(*c, cp, {"by", "colours"});
            if (const json* cols = Reader::member(*c, "colours")) {
                const std::string lp = Reader::join(cp, "colours");
                if (!cols->is_array() || cols->empty())
                    rd.fail(lp, "expected a non-empty array of [\"symbol\", \"#rrggbb\"] in priority order");
                out.commodityColours.clear();
                for (std::size_t i = 0; i < cols->size(); ++i) {
                    const json& e = (*cols)[i];
                    const std::string ep = lp + "[" + std::to_string(i) + "]";
                    if (!e.is_array() || e.size() != 2 || !e[0].is_string() || e[0].get<std::string>().empty())
                        rd.fail(ep, "expected [\"symbol\", \"#rrggbb\"]");
                    out.commodityColours.emplace_back(e[0].get<std::string>(), rd.colourValue(e[1], ep + "[1]"));
                }
            }
        } else if (by == "grade") {
            out.colourBy = DepositStyle::ColourBy::Grade;
            rd.onlyKeys(*c, cp, {"by", "metal", "range", "ramp"});
            rd.string(*c, cp, "metal", out.gradeMetal);
            if (out.gradeMetal != "Cu" && out.gradeMetal != "Mo" && out.gradeMetal != "Au" && out.gradeMetal != "Ag")
                rd.fail(Reader::join(cp, "metal"),
                        "unknown metal \"" + out.gradeMetal + "\" (expected \"Cu\", \"Mo\", \"Au\" or \"Ag\")");
            if (Reader::member(*c, "range")) out.gradeRange = rangeOf(rd, *c, cp, "range", 0.0, kInf, false);
            if (const json* r = Reader::member(*c, "ramp")) {
                const std::string rp = Reader::join(cp, "ramp");
                if (!r->is_array() || r->size() != 2) rd.fail(rp, "expected two colours: [at low, at high]");
                out.gradeColours = {rd.colourValue((*r)[0], rp + "[0]"), rd.colourValue((*r)[1], rp + "[1]")};
            }
        } else {
            rd.fail(Reader::join(cp, "by"), "unknown value \"" + by + "\" (expected \"commodity\" or \"grade\")");
        }
    }
    rd.colour(st, path, "missing_colour", out.missingColour);
}

void parseFilter(const Reader& rd, const json& f, const std::string& path, DepositFilter& out) {
    rd.expectObject(f, path);
    rd.onlyKeys(f, path, {"commodities", "min_tonnage", "max_tonnage"});
    if (const json* c = Reader::member(f, "commodities")) {
        const std::string cp = Reader::join(path, "commodities");
        if (!c->is_array()) rd.fail(cp, "expected an array of symbols such as [\"Cu\", \"Au\"]");
        for (std::size_t i = 0; i < c->size(); ++i) {
            if (!(*c)[i].is_string() || (*c)[i].get<std::string>().empty())
                rd.fail(cp + "[" + std::to_string(i) + "]", "expected a commodity symbol such as \"Cu\"");
            out.commodities.push_back((*c)[i].get<std::string>());
        }
    }
    if (Reader::member(f, "min_tonnage")) {
        double v = 0;
        rd.number(f, path, "min_tonnage", v, 0.0, kInf);
        out.minTonnageMt = v;
    }
    if (Reader::member(f, "max_tonnage")) {
        double v = 0;
        rd.number(f, path, "max_tonnage", v, 0.0, kInf);
        out.maxTonnageMt = v;
    }
    if (out.minTonnageMt && out.maxTonnageMt && *out.maxTonnageMt < *out.minTonnageMt)
        rd.fail(Reader::join(path, "max_tonnage"), "must not be less than min_tonnage (" +
                                                       Reader::fmt(*out.minTonnageMt) + ")");
}

}  // namespace

void parseDepositLayer(const Reader& rd, const json& l, const std::string& path, DepositLayerDesc& out) {
    if (const json* f = Reader::member(l, "fields")) parseFields(rd, *f, Reader::join(path, "fields"), out.fields);
    if (const json* s = Reader::member(l, "style")) parseStyle(rd, *s, Reader::join(path, "style"), out.style);
    if (const json* f = Reader::member(l, "filter")) parseFilter(rd, *f, Reader::join(path, "filter"), out.filter);
    rd.string(l, path, "label", out.style.labelField);
}

}  // namespace plateau::scene_detail
