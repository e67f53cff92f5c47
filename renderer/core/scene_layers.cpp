// The "layers" array and the "time" section of a scene file (the fields are documented at the
// top of scene.cpp). Same strictness as the rest of the file: unknown fields, types that do not
// fit the layer, bad colours and dates are one error naming the field path, e.g.
// "scene.json: layers[2].style.stroke: expected a colour "#rrggbb" or "#rrggbbaa"".
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/scene_mines.h"
#include "core/scene_reader.h"

namespace plateau {

// The names scene files use.
const char* layerTypeName(LayerType t) {
    switch (t) {
    case LayerType::Imagery: return "imagery";
    case LayerType::Vector: return "vector";
    case LayerType::Trace: return "trace";
    case LayerType::Deposits: return "deposits";
    case LayerType::Mine: return "mine";
    case LayerType::Model: return "model";
    }
    return "unknown";
}

namespace scene_detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ids name layers in the panel state, command lines and file names: keep them plain.
bool validId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

void parseHttpSource(const Reader& rd, const json& s, const std::string& path, const std::filesystem::path& file,
                     LayerSourceDesc& out) {
    rd.onlyKeys(s, path, {"type", "url", "tilejson", "tms", "min_zoom", "max_zoom", "bounds", "cache_mib",
                          "cache_days", "missing_days", "times"});
    parseHttpFields(rd, s, path, file,
                    {out.url, out.tilejson, out.minZoom, out.maxZoom, out.bounds, out.cacheMiB, out.cacheDays,
                     out.missingDays});
    rd.boolean(s, path, "tms", out.tms);
}

void parseSource(const Reader& rd, const json& s, const std::string& path, const std::filesystem::path& file,
                 LayerType type, LayerSourceDesc& out) {
    rd.expectObject(s, path);
    const std::string typeField = Reader::join(path, "type");
    if (!Reader::member(s, "type")) rd.fail(typeField, "missing (\"http\", \"gdal\" or \"ogr\")");
    rd.string(s, path, "type", out.type);
    if (type == LayerType::Imagery) {
        if (out.type == "http") {
            parseHttpSource(rd, s, path, file, out);
        } else if (out.type == "gdal") {
            rd.onlyKeys(s, path, {"type", "path", "times"});
            out.path = rd.pathMember(s, path, "path", "the raster file");
        } else {
            rd.fail(typeField, "unknown type \"" + out.type + "\" for an imagery layer (expected \"http\" or \"gdal\")");
        }
        if (const json* t = Reader::member(s, "times")) {
            const std::string tp = Reader::join(path, "times");
            if (!t->is_array() || t->empty()) rd.fail(tp, "expected a non-empty array of dates");
            for (std::size_t i = 0; i < t->size(); ++i) {
                const json& v = (*t)[i];
                const std::string field = tp + "[" + std::to_string(i) + "]";
                const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
                const double year = rd.dateValue(v, field);
                if (!out.times.empty() && year <= out.times.back().second)
                    rd.fail(field, "dates must be in ascending order");
                out.times.emplace_back(text, year);
            }
            const std::string where = out.type == "http" ? out.url + out.tilejson : out.path.string();
            if (where.find("{time}") == std::string::npos)
                rd.fail(tp, "the source's " + std::string(out.type == "http" ? "url" : "path") +
                                " must contain {time} to use dates");
        }
    } else {
        if (out.type != "ogr")
            rd.fail(typeField, "unknown type \"" + out.type + "\" for a " + layerTypeName(type) +
                                   " layer (expected \"ogr\")");
        rd.onlyKeys(s, path, {"type", "path", "layer", "where"});
        out.path = rd.pathMember(s, path, "path", "the vector file");
        rd.string(s, path, "layer", out.layerName);
        rd.string(s, path, "where", out.where);
    }
}

// A required non-empty string naming a feature attribute.
std::string fieldName(const Reader& rd, const json& obj, const std::string& path) {
    const std::string f = Reader::join(path, "field");
    if (!Reader::member(obj, "field")) rd.fail(f, "missing (the attribute to style by)");
    std::string out;
    rd.string(obj, path, "field", out);
    if (out.empty()) rd.fail(f, "must not be empty");
    return out;
}

void parseStyle(const Reader& rd, const json& st, const std::string& path, VectorStyle& out) {
    rd.expectObject(st, path);
    rd.onlyKeys(st, path, {"fill", "stroke", "stroke_width", "point_size", "label", "category", "number"});
    rd.colour(st, path, "fill", out.fill);
    rd.colour(st, path, "stroke", out.stroke);
    double w = out.strokeWidthPx, p = out.pointSizePx;
    rd.number(st, path, "stroke_width", w, 0.0, 64.0);
    rd.number(st, path, "point_size", p, 0.0, 256.0);
    out.strokeWidthPx = float(w);
    out.pointSizePx = float(p);
    rd.string(st, path, "label", out.labelField);

    if (const json* c = Reader::member(st, "category")) {
        const std::string cp = Reader::join(path, "category");
        rd.expectObject(*c, cp);
        rd.onlyKeys(*c, cp, {"field", "colours"});
        out.categoryField = fieldName(rd, *c, cp);
        const std::string colsPath = Reader::join(cp, "colours");
        const json* cols = Reader::member(*c, "colours");
        if (!cols) rd.fail(colsPath, "missing (an object of value: \"#rrggbb\")");
        rd.expectObject(*cols, colsPath);
        if (cols->empty()) rd.fail(colsPath, "must name at least one value");
        for (const auto& [value, colour] : cols->items())
            out.categories.emplace_back(value, rd.colourValue(colour, Reader::join(colsPath, value)));
    }
    if (const json* n = Reader::member(st, "number")) {
        const std::string np = Reader::join(path, "number");
        rd.expectObject(*n, np);
        rd.onlyKeys(*n, np, {"field", "min", "max", "width", "colour"});
        out.numberField = fieldName(rd, *n, np);
        rd.number(*n, np, "min", out.numberMin, -kInf, kInf);
        rd.number(*n, np, "max", out.numberMax, -kInf, kInf);
        if (!(out.numberMin < out.numberMax))
            rd.fail(Reader::join(np, "max"), "must be greater than min (" + Reader::fmt(out.numberMin) + ")");
        auto pairOf = [&](const char* key) -> const json* {
            const json* v = Reader::member(*n, key);
            if (v && (!v->is_array() || v->size() != 2))
                rd.fail(Reader::join(np, key), "expected two values: [at min, at max]");
            return v;
        };
        if (const json* w2 = pairOf("width")) {
            std::pair<float, float> range;
            float* ends[2] = {&range.first, &range.second};
            for (std::size_t k = 0; k < 2; ++k) {
                const std::string f = Reader::join(np, "width") + "[" + std::to_string(k) + "]";
                if (!(*w2)[k].is_number()) rd.fail(f, "expected a number");
                const double x = (*w2)[k].get<double>();
                if (!(x >= 0.0 && x <= 64.0)) rd.fail(f, "must be between 0 and 64 (got " + Reader::fmt(x) + ")");
                *ends[k] = float(x);
            }
            out.widthRange = range;
        }
        if (const json* c2 = pairOf("colour")) {
            const std::string f = Reader::join(np, "colour");
            out.colourRange = std::make_pair(rd.colourValue((*c2)[0], f + "[0]"), rd.colourValue((*c2)[1], f + "[1]"));
        }
        if (!out.widthRange && !out.colourRange) rd.fail(np, "needs \"width\" or \"colour\" (what the number sets)");
    }
}

void parseLayerTime(const Reader& rd, const json& t, const std::string& path, LayerTimeDesc& out) {
    rd.expectObject(t, path);
    rd.onlyKeys(t, path, {"field", "start_field", "end_field", "id_field", "fade_years", "pinned"});
    rd.string(t, path, "field", out.field);
    rd.string(t, path, "start_field", out.startField);
    rd.string(t, path, "end_field", out.endField);
    rd.string(t, path, "id_field", out.idField);
    if (!out.enabled())
        rd.fail(path, "needs \"field\" (one date per feature) or \"start_field\"/\"end_field\" (a span)");
    if (!out.field.empty() && (!out.startField.empty() || !out.endField.empty()))
        rd.fail(Reader::join(path, out.startField.empty() ? "end_field" : "start_field"),
                "not with \"field\": a feature has one date or a span, not both");
    rd.number(t, path, "fade_years", out.fadeYears, 0.0, 1000.0);
    if (const json* p = Reader::member(t, "pinned")) out.pinned = rd.dateValue(*p, Reader::join(path, "pinned"));
}

// The fields every layer type has.
void parseCommon(const Reader& rd, const json& l, const std::string& path, LayerDesc& out) {
    rd.boolean(l, path, "visible", out.visible);
    rd.number(l, path, "opacity", out.opacity, 0.0, 1.0);
    rd.string(l, path, "legend", out.legend);
    rd.string(l, path, "attribution", out.attribution);
}

void parseLayer(const Reader& rd, const json& l, const std::string& path, const std::filesystem::path& file,
                LayerDesc& out) {
    rd.expectObject(l, path);
    const bool trace = isTraceLayer(l);
    if (trace)
        rd.onlyKeys(l, path, {"id", "title", "type", "visible", "opacity", "style", "legend", "attribution", "from",
                              "catchment", "dem", "rivers", "reaches", "join_km"});
    else
        rd.onlyKeys(l, path, {"id", "title", "type", "source", "visible", "opacity", "style", "legend", "attribution",
                              "time", "fields", "filter", "label", "features", "model"});
    const std::string idField = Reader::join(path, "id");
    if (!Reader::member(l, "id")) rd.fail(idField, "missing (a unique name such as \"rivers\")");
    rd.string(l, path, "id", out.id);
    if (!validId(out.id))
        rd.fail(idField, "\"" + out.id + "\" must be 1 to 64 of a-z, 0-9, '_' and '-'");
    out.title = out.id;
    rd.string(l, path, "title", out.title);

    const std::string typeField = Reader::join(path, "type");
    if (!Reader::member(l, "type"))
        rd.fail(typeField,
                "missing (\"imagery\", \"vector\", \"trace\", \"deposits\", \"mine\" or \"model\")");
    std::string type;
    rd.string(l, path, "type", type);
    bool known = false;
    for (const LayerType t : {LayerType::Imagery, LayerType::Vector, LayerType::Trace, LayerType::Deposits,
                              LayerType::Mine, LayerType::Model})
        if (type == layerTypeName(t)) {
            out.type = t;
            known = true;
        }
    if (!known)
        rd.fail(typeField, "unknown type \"" + type +
                               "\" (expected \"imagery\", \"vector\", \"trace\", \"deposits\", \"mine\" or \"model\")");
    if (out.type == LayerType::Model) {  // its own section (scene_models.cpp)
        parseModelLayer(rd, l, path, out.model);
        parseCommon(rd, l, path, out);
        return;
    }
    if (Reader::member(l, "model")) rd.fail(Reader::join(path, "model"), "only for model layers");

    if (trace) {
        parseTraceLayer(rd, l, path, file, out);
    } else if (out.type == LayerType::Mine) {
        parseMineLayer(rd, l, path, file, out);
    } else {
        if (Reader::member(l, "features")) rd.fail(Reader::join(path, "features"), "only for mine layers");
        const json* src = Reader::member(l, "source");
        if (!src) rd.fail(Reader::join(path, "source"), "missing (where the layer's data is)");
        parseSource(rd, *src, Reader::join(path, "source"), file, out.type, out.source);
    }

    parseCommon(rd, l, path, out);
    for (const char* key : {"fields", "filter", "label"})
        if (out.type != LayerType::Deposits && Reader::member(l, key))
            rd.fail(Reader::join(path, key), "only for deposits layers");
    if (out.type == LayerType::Deposits) {
        if (Reader::member(l, "time"))
            rd.fail(Reader::join(path, "time"), "not for deposits layers (their dates are the discovery and "
                                                "production years in \"fields\")");
        parseDepositLayer(rd, l, path, out.deposits);
        return;
    }
    // Styles and dates belong to features, which only vector layers have (a trace draws its
    // path and catchment with a style too).
    for (const char* key : {"style", "time"})
        if (out.type != LayerType::Vector && !(trace && std::string(key) == "style") && Reader::member(l, key))
            rd.fail(Reader::join(path, key), "only for vector layers");
    if (const json* st = Reader::member(l, "style")) parseStyle(rd, *st, Reader::join(path, "style"), out.style);
    if (const json* t = Reader::member(l, "time")) parseLayerTime(rd, *t, Reader::join(path, "time"), out.time);
}

}  // namespace

void parseLayers(const Reader& rd, const json& layers, const std::filesystem::path& file, std::vector<LayerDesc>& out) {
    if (!layers.is_array()) rd.fail("layers", "expected an array of layers");
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::string path = "layers[" + std::to_string(i) + "]";
        LayerDesc layer;
        parseLayer(rd, layers[i], path, file, layer);
        if (const auto [it, fresh] = seen.emplace(layer.id, i); !fresh)
            rd.fail(Reader::join(path, "id"),
                    "\"" + layer.id + "\" is already the id of layers[" + std::to_string(it->second) + "]");
        out.push_back(std::move(layer));
    }
}

void parseTimeline(const Reader& rd, const json* time, const std::vector<LayerDesc>& layers, Timeline& out) {
    out.present = time != nullptr ||
                  std::any_of(layers.begin(), layers.end(), [](const LayerDesc& l) { return l.time.enabled(); });
    if (!time) return;
    rd.expectObject(*time, "time");
    rd.onlyKeys(*time, "time", {"start", "end", "current"});
    if (const json* s = Reader::member(*time, "start")) out.start = rd.dateValue(*s, "time.start");
    if (const json* e = Reader::member(*time, "end")) out.end = rd.dateValue(*e, "time.end");
    if (out.end < out.start)
        rd.fail("time.end", "must not be before time.start (" + formatDate(out.start) + ")");
    out.current = out.end;
    if (const json* c = Reader::member(*time, "current")) {
        out.current = rd.dateValue(*c, "time.current");
        if (out.current < out.start || out.current > out.end)
            rd.fail("time.current", "must be between time.start and time.end (" + formatDate(out.start) + ".." +
                                        formatDate(out.end) + "; got " + formatDate(out.current) + ")");
    }
}

}  // namespace scene_detail

}  // namespace plateau
