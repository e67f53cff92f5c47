#include "core/scene_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/scene.h"
#include "core/tile_path.h"

namespace plateau::scene_detail {

void Reader::fail(const std::string& field, const std::string& problem) const {
    throw SceneError{file_ + ": " + (field.empty() ? "" : field + ": ") + problem};
}

void Reader::expectObject(const json& j, const std::string& path) const {
    if (!j.is_object()) fail(path, "expected an object");
}

void Reader::onlyKeys(const json& obj, const std::string& path, std::initializer_list<const char*> keys) const {
    for (const auto& [k, v] : obj.items()) {
        bool known = false;
        for (const char* allowed : keys) known = known || k == allowed;
        if (!known) fail(join(path, k), "unknown field");
    }
}

void Reader::number(const json& obj, const std::string& path, const char* key, double& out, double lo, double hi,
                    bool loOpen) const {
    const json* v = member(obj, key);
    if (!v) return;
    const std::string field = join(path, key);
    if (!v->is_number()) fail(field, "expected a number");
    const double x = v->get<double>();
    const bool inRange = (loOpen ? x > lo : x >= lo) && x <= hi;
    if (!inRange) {
        std::string want;
        if (std::isinf(hi))
            want = (loOpen ? "must be greater than " : "must be at least ") + fmt(lo);
        else
            want = "must be between " + fmt(lo) + " and " + fmt(hi);
        fail(field, want + " (got " + fmt(x) + ")");
    }
    out = x;
}

void Reader::integer(const json& obj, const std::string& path, const char* key, int& out, int lo, int hi) const {
    const json* v = member(obj, key);
    if (!v) return;
    const std::string field = join(path, key);
    const std::string want = "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (!v->is_number()) fail(field, want);
    const double x = v->get<double>();
    if (x != std::floor(x) || x < lo || x > hi) fail(field, want + " (got " + fmt(x) + ")");
    out = int(x);
}

void Reader::string(const json& obj, const std::string& path, const char* key, std::string& out) const {
    const json* v = member(obj, key);
    if (!v) return;
    if (!v->is_string()) fail(join(path, key), "expected a string");
    out = v->get<std::string>();
}

void Reader::boolean(const json& obj, const std::string& path, const char* key, bool& out) const {
    const json* v = member(obj, key);
    if (!v) return;
    if (!v->is_boolean()) fail(join(path, key), "expected true or false");
    out = v->get<bool>();
}

void Reader::colour(const json& obj, const std::string& path, const char* key, Colour& out) const {
    if (const json* v = member(obj, key)) out = colourValue(*v, join(path, key));
}

Colour Reader::colourValue(const json& v, const std::string& field) const {
    const char* want = "expected a colour \"#rrggbb\" or \"#rrggbbaa\"";
    if (!v.is_string()) fail(field, want);
    const std::string s = v.get<std::string>();
    if ((s.size() != 7 && s.size() != 9) || s[0] != '#') fail(field, want);
    auto hex = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        fail(field, want);
    };
    Colour c{0, 0, 0, 1};
    for (std::size_t k = 0; k * 2 + 1 < s.size(); ++k)
        c[k] = float(hex(s[1 + 2 * k]) * 16 + hex(s[2 + 2 * k])) / 255.0f;
    return c;
}

double Reader::dateValue(const json& v, const std::string& field) const {
    if (v.is_number()) {
        const double x = v.get<double>();
        if (!(std::fabs(x) <= 9999.0)) fail(field, "year must be between -9999 and 9999 (got " + fmt(x) + ")");
        return x;
    }
    if (!v.is_string()) fail(field, "expected a date (\"YYYY\", \"YYYY-MM\", \"YYYY-MM-DD\") or a number");
    const Result<double> d = parseDate(v.get<std::string>());
    if (!d) fail(field, d.error().message);
    return *d;
}

LonLatBounds Reader::boundsValue(const json& v, const std::string& field) const {
    const char* want = "expected [west, south, east, north] in degrees";
    if (!v.is_array() || v.size() != 4) fail(field, want);
    double b[4];
    for (std::size_t k = 0; k < 4; ++k) {
        if (!v[k].is_number()) fail(field, want);
        b[k] = v[k].get<double>();
    }
    const LonLatBounds out{b[0], b[1], b[2], b[3]};
    for (double lon : {out.west, out.east})
        if (!(lon >= -180.0 && lon <= 180.0)) fail(field, "longitudes must be between -180 and 180 (got " + fmt(lon) + ")");
    for (double lat : {out.south, out.north})
        if (!(lat >= -90.0 && lat <= 90.0)) fail(field, "latitudes must be between -90 and 90 (got " + fmt(lat) + ")");
    if (out.west >= out.east || out.south >= out.north)
        fail(field, "west must be less than east and south less than north");
    return out;
}

std::uint32_t Reader::seedValue(const json& s, const std::string& field) const {
    const bool ok = (s.is_number_unsigned() && s.get<std::uint64_t>() <= 0xffffffffull) ||
                    (s.is_number_integer() && !s.is_number_unsigned() && s.get<std::int64_t>() >= 0 &&
                     s.get<std::int64_t>() <= 0xffffffffll);
    if (!ok) fail(field, "expected an integer from 0 to 4294967295");
    return std::uint32_t(s.get<std::uint64_t>());
}

std::filesystem::path Reader::pathMember(const json& obj, const std::string& path, const char* key,
                                         const std::string& what) const {
    const std::string field = join(path, key);
    const json* p = member(obj, key);
    if (!p) fail(field, "missing (" + what + ")");
    if (!p->is_string()) fail(field, "expected a string");
    const std::string raw = p->get<std::string>();
    if (raw.empty()) fail(field, "must not be empty");
    return resolvePath(raw, std::filesystem::path(file_));
}

void parseHttpFields(const Reader& rd, const json& obj, const std::string& path, const std::filesystem::path& file,
                     const HttpFields& out) {
    rd.string(obj, path, "url", out.url);
    rd.string(obj, path, "tilejson", out.tilejson);
    const std::string urlField = Reader::join(path, "url");
    if (out.url.empty() && out.tilejson.empty())
        rd.fail(urlField, "missing (the tile URL template, e.g. https://host/{z}/{x}/{y}.png, or a \"tilejson\")");
    if (!out.url.empty())
        if (const char* p = missingTilePlaceholder(out.url))
            rd.fail(urlField, std::string("URL template lacks ") + p + " (e.g. https://host/{z}/{x}/{y}.png)");
    out.tilejson = resolveUrlOrPath(out.tilejson, file);
    rd.integer(obj, path, "min_zoom", out.minZoom, 0, 22);
    rd.integer(obj, path, "max_zoom", out.maxZoom, 0, 22);
    if (out.maxZoom >= 0 && out.minZoom > out.maxZoom)
        rd.fail(Reader::join(path, "min_zoom"), "must not exceed max_zoom (" + std::to_string(out.maxZoom) + ")");
    if (const json* b = Reader::member(obj, "bounds")) out.bounds = rd.boundsValue(*b, Reader::join(path, "bounds"));
    auto cacheSetting = [&](const char* key, std::optional<double>& value, double cap) {
        if (!Reader::member(obj, key)) return;
        double v = 0;
        rd.number(obj, path, key, v, 0.0, std::numeric_limits<double>::infinity());
        value = std::min(v, cap);
    };
    cacheSetting("cache_mib", out.cacheMiB, 1.0e9);
    cacheSetting("cache_days", out.cacheDays, 1.0e6);
    cacheSetting("missing_days", out.missingDays, 1.0e6);
}

std::string Reader::fmt(double x) {
    std::ostringstream s;
    s << x;
    return s.str();
}

std::filesystem::path resolvePath(const std::string& p, const std::filesystem::path& sceneFile) {
    const std::string cachePrefix = "@cache";
    if (p == cachePrefix) return cacheDirectory();
    if (p.rfind(cachePrefix + "/", 0) == 0)
        return (cacheDirectory() / p.substr(cachePrefix.size() + 1)).lexically_normal();
    const std::filesystem::path path(p);
    if (path.is_absolute()) return path.lexically_normal();
    return (sceneFile.parent_path() / path).lexically_normal();
}

std::string resolveUrlOrPath(const std::string& p, const std::filesystem::path& sceneFile) {
    if (p.empty() || p.rfind("http://", 0) == 0 || p.rfind("https://", 0) == 0) return p;
    return resolvePath(p, sceneFile).string();
}

}  // namespace plateau::scene_detail
