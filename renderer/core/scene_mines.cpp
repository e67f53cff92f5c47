// Mine features and "mine" layers (see core/mine_geojson.h for the feature format and scene.cpp
// for the layer keys). Same strictness as the rest of the scene file: unknown keys, missing
// stages, years out of order and outlines too small are one error naming the field path.
#include "core/scene_mines.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace plateau::scene_detail {

namespace {

constexpr std::size_t kMaxOutline = 10000;

void parseOutline(const Reader& rd, const json& geom, const std::string& path, TerrainModifier& out) {
    rd.expectObject(geom, path);
    rd.onlyKeys(geom, path, {"type", "coordinates"});
    std::string type;
    rd.string(geom, path, "type", type);
    if (type != "Polygon") rd.fail(Reader::join(path, "type"), "expected \"Polygon\" (got \"" + type + "\")");
    const std::string cp = Reader::join(path, "coordinates");
    const json* c = Reader::member(geom, "coordinates");
    if (!c || !c->is_array() || c->empty()) rd.fail(cp, "expected an array with one ring");
    if (c->size() > 1) rd.fail(cp, "holes are not supported (one ring expected)");
    const json& ring = (*c)[0];
    if (!ring.is_array() || ring.size() > kMaxOutline + 1)
        rd.fail(cp + "[0]", "expected an array of at most " + std::to_string(kMaxOutline) + " [lon, lat] points");
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const json& p = ring[i];
        const std::string f = cp + "[0][" + std::to_string(i) + "]";
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            rd.fail(f, "expected [lon, lat]");
        const double lon = p[0].get<double>(), lat = p[1].get<double>();
        if (!(lon >= -180.0 && lon <= 180.0 && lat >= -85.0 && lat <= 85.0))
            rd.fail(f, "outside -180..180, -85..85 (got " + Reader::fmt(lon) + ", " + Reader::fmt(lat) + ")");
        out.outline.emplace_back(lon, lat);
    }
    if (out.outline.size() > 1 && out.outline.front() == out.outline.back()) out.outline.pop_back();
    if (out.outline.size() < 3) rd.fail(cp + "[0]", "needs at least 3 points besides the closing one");
}

void parseStages(const Reader& rd, const json& props, const std::string& path, TerrainModifier& out) {
    const std::string sp = Reader::join(path, "stages");
    const json* st = Reader::member(props, "stages");
    if (!st) rd.fail(sp, "missing (an array of {\"year\", ...})");
    if (!st->is_array() || st->empty()) rd.fail(sp, "expected a non-empty array");
    const char* valueKey = out.kind == ModifierKind::Pit ? "depth_m" : out.kind == ModifierKind::Dump ? "height_m" : "level_m";
    for (std::size_t i = 0; i < st->size(); ++i) {
        const json& s = (*st)[i];
        const std::string p = sp + "[" + std::to_string(i) + "]";
        rd.expectObject(s, p);
        if (out.kind == ModifierKind::Pit)
            rd.onlyKeys(s, p, {"year", "depth_m", "bench_height_m", "bench_width_m"});
        else
            rd.onlyKeys(s, p, {"year", valueKey});
        ModifierStage stage;
        const json* y = Reader::member(s, "year");
        if (!y) rd.fail(Reader::join(p, "year"), "missing");
        stage.year = rd.dateValue(*y, Reader::join(p, "year"));
        if (!out.stages.empty() && stage.year <= out.stages.back().year)
            rd.fail(Reader::join(p, "year"), "years must be in ascending order");
        if (!Reader::member(s, valueKey)) rd.fail(Reader::join(p, valueKey), "missing");
        rd.number(s, p, valueKey, stage.value, 0.0, 3000.0);
        rd.number(s, p, "bench_height_m", stage.benchHeight, 0.0, 200.0);
        rd.number(s, p, "bench_width_m", stage.benchWidth, 0.0, 500.0);
        out.stages.push_back(stage);
    }
}

void parseFeature(const Reader& rd, const json& f, const std::string& path, std::size_t index, TerrainModifier& out) {
    rd.expectObject(f, path);
    rd.onlyKeys(f, path, {"type", "geometry", "properties", "id"});
    const std::string pp = Reader::join(path, "properties");
    const json* props = Reader::member(f, "properties");
    if (!props) rd.fail(pp, "missing (kind, base_m and stages)");
    rd.expectObject(*props, pp);
    rd.onlyKeys(*props, pp, {"kind", "id", "label", "base_m", "face_angle_deg", "side_angle_deg", "interpolate",
                             "schematic", "stages"});
    std::string kind;
    if (!Reader::member(*props, "kind")) rd.fail(Reader::join(pp, "kind"), "missing (\"pit\", \"dump\" or \"pond\")");
    rd.string(*props, pp, "kind", kind);
    bool known = false;
    for (const ModifierKind k : {ModifierKind::Pit, ModifierKind::Dump, ModifierKind::Pond})
        if (kind == modifierKindName(k)) out.kind = k, known = true;
    if (!known) rd.fail(Reader::join(pp, "kind"), "unknown kind \"" + kind + "\" (expected \"pit\", \"dump\" or \"pond\")");
    out.id = kind + "-" + std::to_string(index);
    rd.string(*props, pp, "id", out.id);
    out.label = out.id;
    rd.string(*props, pp, "label", out.label);
    if (!Reader::member(*props, "base_m")) rd.fail(Reader::join(pp, "base_m"), "missing (the reference level, metres)");
    rd.number(*props, pp, "base_m", out.baseM, -500.0, 9000.0);
    rd.number(*props, pp, "face_angle_deg", out.faceAngleDeg, 5.0, 89.0);
    rd.number(*props, pp, "side_angle_deg", out.sideAngleDeg, 5.0, 89.0);
    bool interpolate = true;
    rd.boolean(*props, pp, "interpolate", interpolate);
    out.step = !interpolate;
    rd.boolean(*props, pp, "schematic", out.schematic);
    parseStages(rd, *props, pp, out);
    const json* g = Reader::member(f, "geometry");
    if (!g || g->is_null()) rd.fail(Reader::join(path, "geometry"), "missing (a Polygon)");
    parseOutline(rd, *g, Reader::join(path, "geometry"), out);
}

}  // namespace

void parseMineFeatures(const Reader& rd, const json& features, const std::string& path,
                       std::vector<TerrainModifier>& out) {
    if (!features.is_array()) rd.fail(path, "expected an array of features");
    std::set<std::string> ids;
    for (const TerrainModifier& m : out) ids.insert(m.id);
    for (std::size_t i = 0; i < features.size(); ++i) {
        const std::string p = path + "[" + std::to_string(i) + "]";
        TerrainModifier m;
        parseFeature(rd, features[i], p, out.size(), m);
        if (!ids.insert(m.id).second) rd.fail(Reader::join(p, "properties.id"), "\"" + m.id + "\" is used twice");
        out.push_back(std::move(m));
    }
}

void parseMineLayer(const Reader& rd, const json& layer, const std::string& path, const std::filesystem::path& /*file: paths resolve through rd*/,
                    LayerDesc& out) {
    if (const json* src = Reader::member(layer, "source")) {
        const std::string sp = Reader::join(path, "source");
        rd.expectObject(*src, sp);
        rd.onlyKeys(*src, sp, {"type", "path"});
        rd.string(*src, sp, "type", out.source.type);
        if (out.source.type != "geojson")
            rd.fail(Reader::join(sp, "type"), "unknown type \"" + out.source.type + "\" for a mine layer (expected \"geojson\")");
        out.source.path = rd.pathMember(*src, sp, "path", "the GeoJSON file of mine features");
    }
    if (const json* f = Reader::member(layer, "features"))
        parseMineFeatures(rd, *f, Reader::join(path, "features"), out.mine.features);
    if (out.source.path.empty() && out.mine.features.empty())
        rd.fail(Reader::join(path, "source"), "missing (a mine layer needs a \"source\" file or \"features\")");
}

}  // namespace plateau::scene_detail
