#include "core/tilejson.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/input_limits.h"

namespace plateau {
namespace {

using nlohmann::json;

std::optional<std::string> zoomField(const json& doc, const char* key, std::optional<int>& out) {
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) return std::nullopt;
    // 3.0 says integer; 2.x documents in the wild write 14.0, which means the same.
    if (it->is_number()) {
        const double v = it->get<double>();
        if (std::isfinite(v) && v >= 0 && v <= 30 && v == std::floor(v)) {
            out = int(v);
            return std::nullopt;
        }
    }
    // Appended, not "'" + std::string(key): GCC 12 flags that with a false -Wrestrict.
    std::string problem = "'";
    problem += key;
    problem += "' must be an integer 0..30";
    return problem;
}

bool isHttpUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

}  // namespace

Result<TileJson> parseTileJson(const std::string& text, const std::string& name) {
    auto fail = [&](const std::string& problem) { return makeError(name + ": " + problem); };
    if (auto deep = jsonTooDeep(text, name)) return *deep;
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail("not JSON (a TileJSON document was expected)");
    if (!doc.is_object()) return fail("not a TileJSON document (expected a JSON object)");

    TileJson t;
    if (const auto v = doc.find("tilejson"); v != doc.end()) {
        if (!v->is_string()) return fail("'tilejson' must be a version string such as \"3.0.0\"");
        t.version = v->get<std::string>();
    }
    const auto tiles = doc.find("tiles");
    if (tiles == doc.end() || !tiles->is_array() || tiles->empty())
        return fail("'tiles' must be a non-empty array of strings");
    for (const json& u : *tiles) {
        if (!u.is_string() || u.get<std::string>().empty()) return fail("'tiles' must be a non-empty array of strings");
        t.tiles.push_back(u.get<std::string>());
    }
    if (auto p = zoomField(doc, "minzoom", t.minZoom)) return fail(*p);
    if (auto p = zoomField(doc, "maxzoom", t.maxZoom)) return fail(*p);
    if (t.minZoom.value_or(0) > t.maxZoom.value_or(30))
        return fail("'minzoom' " + std::to_string(t.minZoom.value_or(0)) + " is above 'maxzoom' " +
                    std::to_string(t.maxZoom.value_or(30)));

    if (const auto b = doc.find("bounds"); b != doc.end() && !b->is_null()) {
        const std::string bad = "'bounds' must be [west, south, east, north] in degrees";
        if (!b->is_array() || b->size() != 4) return fail(bad);
        double v[4];
        for (std::size_t i = 0; i < 4; ++i) {
            if (!(*b)[i].is_number()) return fail(bad);
            v[i] = (*b)[i].get<double>();
            if (!std::isfinite(v[i])) return fail(bad);
        }
        if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
            return fail(bad + " with west < east and south < north");
        t.bounds = LonLatBounds{v[0], v[1], v[2], v[3]};
    }
    for (auto [key, out] : {std::pair{"attribution", &t.attribution}, std::pair{"name", &t.name}}) {
        const auto v = doc.find(key);
        if (v == doc.end() || v->is_null()) continue;
        if (!v->is_string()) {
            std::string problem = "'";
            problem += key;
            return fail(problem + "' must be a string");
        }
        *out = v->get<std::string>();
    }
    if (const auto s = doc.find("scheme"); s != doc.end() && !s->is_null()) {
        if (!s->is_string() || (*s != "xyz" && *s != "tms")) return fail("'scheme' must be \"xyz\" or \"tms\"");
        t.tms = *s == "tms";
    }
    return t;
}

std::string resolveTileUrl(const std::string& documentUrl, const std::string& tileUrl) {
    if (isHttpUrl(tileUrl) || !isHttpUrl(documentUrl)) return tileUrl;
    const std::size_t schemeEnd = documentUrl.find("://");
    if (tileUrl.rfind("//", 0) == 0) return documentUrl.substr(0, schemeEnd + 1) + tileUrl;
    const std::size_t hostEnd = documentUrl.find('/', schemeEnd + 3);
    const std::string origin = documentUrl.substr(0, hostEnd);
    if (tileUrl.rfind('/', 0) == 0) return origin + tileUrl;
    // Relative to the document's folder (its query string does not count).
    std::string base = documentUrl.substr(0, documentUrl.find_first_of("?#"));
    const std::size_t slash = base.rfind('/');
    base = slash == std::string::npos || slash < schemeEnd + 3 ? origin + "/" : base.substr(0, slash + 1);
    return base + tileUrl;
}

}  // namespace plateau
