// Scene -> JSON: the top level, terrain, views and paths (layers: scene_writer_layers.cpp). Each
// member is written the way the reader (scene.cpp) reads it; see scene_writer.h for the rules.
#include "core/scene_writer.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/scene_writer_detail.h"

namespace plateau {

namespace writer_detail {

std::string colourText(const Colour& c) {
    auto byte = [](float v) {
        const float clamped = v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
        return unsigned(std::lround(double(clamped) * 255.0));
    };
    char buf[10];
    const unsigned a = byte(c[3]);
    if (a == 255)
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c[0]), byte(c[1]), byte(c[2]));
    else
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", byte(c[0]), byte(c[1]), byte(c[2]), a);
    return buf;
}

ojson dateJson(double year) {
    if (year == std::floor(year) && std::fabs(year) <= 9999.0) return std::to_string(static_cast<long>(year));
    // A number is exact, but the reader takes numbers up to 9999 only; a date late in 9999
    // ("9999-12-31") goes back as the text it came from.
    if (std::fabs(year) > 9999.0)
        if (const std::string text = formatDate(year); parseDate(text).ok() && *parseDate(text) == year) return text;
    return year;
}

ojson floatJson(float v) {
    char buf[32];
    for (int digits = 1; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
        const double d = std::strtod(buf, nullptr);
        if (float(d) == v) return d;
    }
    return double(v);
}

ojson boundsJson(const LonLatBounds& b) { return ojson::array({b.west, b.south, b.east, b.north}); }

ojson cameraJson(const CameraPose& c) {
    ojson j{{"lon", c.lon_deg}, {"lat", c.lat_deg}, {"height", c.height_m}, {"heading", c.heading_deg},
            {"pitch", c.pitch_deg}};
    // The default field of view is left out, so files that never changed it stay as they were.
    if (std::fabs(c.fov_deg - CameraPose{}.fov_deg) > 1e-9) j["fov"] = c.fov_deg;
    return j;
}

void wholeNumbersAsIntegers(ojson& j) {
    if (j.is_structured()) {
        for (auto& v : j) wholeNumbersAsIntegers(v);
    } else if (j.is_number_float()) {
        const double x = j.get<double>();
        if (x == std::floor(x) && std::fabs(x) <= 9007199254740992.0) j = static_cast<std::int64_t>(x);
    }
}


ojson undergroundJson(const UndergroundView& u) {
    return ojson{{"enabled", u.enabled},
                 {"terrain_opacity", u.terrainOpacity},
                 {"max_depth_m", u.maxDepthBelowSurface},
                 {"cutaway", ojson{{"enabled", u.cutawayOn},
                                   {"lon", u.cutaway.lon_deg},
                                   {"lat", u.cutaway.lat_deg},
                                   {"heading", u.cutaway.heading_deg}}}};
}

}  // namespace writer_detail

namespace {

using writer_detail::cameraJson;
using writer_detail::ojson;
using writer_detail::wholeNumbersAsIntegers;

bool isUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

ojson terrainJson(const TerrainSourceDesc& t, const std::filesystem::path& target) {
    ojson j;
    j["type"] = t.type;
    if (t.type == "http") {
        if (!t.url.empty()) j["url"] = t.url;
        if (!t.tilejson.empty()) j["tilejson"] = isUrl(t.tilejson) ? t.tilejson : scenePathText(t.tilejson, target);
        if (t.minZoom != 0) j["min_zoom"] = t.minZoom;
        if (t.maxZoom >= 0) j["max_zoom"] = t.maxZoom;
        if (t.bounds) j["bounds"] = writer_detail::boundsJson(*t.bounds);
        if (!t.attribution.empty()) j["attribution"] = t.attribution;
        if (t.cacheMiB) j["cache_mib"] = *t.cacheMiB;
        if (t.cacheDays) j["cache_days"] = *t.cacheDays;
        if (t.missingDays) j["missing_days"] = *t.missingDays;
    } else {
        j["path"] = scenePathText(t.path, target);
    }
    if (!t.extraPaths.empty()) {
        ojson ps = ojson::array();
        for (const auto& p : t.extraPaths) ps.push_back(scenePathText(p, target));
        j["paths"] = ps;
    }
    j["encoding"] = heightEncodingName(t.encoding);
    if (t.generateSynthetic || t.syntheticSeed != 0)
        j["generate"] = ojson{{"synthetic", t.generateSynthetic}, {"seed", t.syntheticSeed}};
    if (t.detailSeed) j["detail"] = ojson{{"seed", *t.detailSeed}, {"amplitude_m", t.detailAmplitudeM}};
    return j;
}

// `p` relative to `base` when that needs at most one "..", else empty.
std::filesystem::path nearRelative(const std::filesystem::path& p, const std::filesystem::path& base) {
    const std::filesystem::path rel = p.lexically_relative(base);
    if (rel.empty()) return {};
    int ups = 0;
    for (const auto& part : rel)
        if (part == "..") ++ups;
    return ups <= 1 && rel.begin() != rel.end() ? rel : std::filesystem::path{};
}

}  // namespace

std::string scenePathText(const std::filesystem::path& path, const std::filesystem::path& target) {
    if (path.empty()) return {};
    const std::filesystem::path p = path.lexically_normal();
    // Under the cache folder: as the reader's "@cache/..." so the scene works for another user.
    const std::filesystem::path cache = cacheDirectory().lexically_normal();
    if (p.is_absolute() == cache.is_absolute()) {
        const std::filesystem::path rel = p.lexically_relative(cache);
        if (!rel.empty() && *rel.begin() != "..")
            return rel == "." ? std::string("@cache") : "@cache/" + rel.generic_string();
    }
    std::filesystem::path base = target.parent_path().lexically_normal();
    if (base.empty()) base = ".";
    if (p.is_absolute() != base.is_absolute()) return p.generic_string();  // see the header: lexical only
    if (const std::filesystem::path rel = nearRelative(p, base); !rel.empty()) return rel.generic_string();
    if (p.is_absolute()) return p.generic_string();
    // Both relative to the same unknown folder: an absolute path cannot be formed, and the
    // relative one, however far, still resolves to the same file.
    const std::filesystem::path rel = p.lexically_relative(base);
    return rel.empty() ? p.generic_string() : rel.generic_string();
}

std::string writeScene(const Scene& s, const std::filesystem::path& target) {
    ojson root;
    root["version"] = kSceneSchemaVersion;
    root["title"] = s.title;
    root["label"] = s.label;
    root["terrain"] = terrainJson(s.terrain, target);
    root["camera"] = cameraJson(s.camera);
    root["lod"] = ojson{{"max_screen_space_error", s.maxScreenSpaceError}};
    root["shading"] = ojson{{"sun_azimuth", s.shading.sunAzimuthDeg},
                            {"sun_elevation", s.shading.sunElevationDeg},
                            {"exaggeration", s.shading.exaggeration},
                            {"contour_interval", s.shading.contourIntervalM},
                            {"haze", s.shading.haze}};
    root["memory"] = ojson{{"cache_mib", s.memory.cacheMiB},
                           {"gpu_mib", s.memory.gpuMiB},
                           {"overlay_mib", s.memory.overlayMiB},
                           {"uploads_per_frame", s.memory.uploadsPerFrame}};
    if (s.timeline.present)
        root["time"] = ojson{{"start", writer_detail::dateJson(s.timeline.start)},
                             {"end", writer_detail::dateJson(s.timeline.end)},
                             {"current", writer_detail::dateJson(s.timeline.current)}};
    root["underground"] = writer_detail::undergroundJson(s.underground);
    ojson layers = ojson::array();
    for (const LayerDesc& l : s.layers) layers.push_back(writer_detail::layerJson(l, s, target));
    root["layers"] = layers;
    ojson marks = ojson::array();
    for (const Bookmark& b : s.bookmarks) {
        ojson m{{"name", b.name}, {"camera", cameraJson(b.pose)}};
        if (b.time) m["time"] = writer_detail::dateJson(*b.time);
        marks.push_back(m);
    }
    root["bookmarks"] = marks;
    wholeNumbersAsIntegers(root);
    // Non-ASCII names (Tibetan, Chinese) stay UTF-8 text; invalid UTF-8 is replaced rather than
    // throwing, since a scene being saved must not be lost over one bad byte in a label.
    return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void forEachScenePath(Scene& s, const std::function<void(std::filesystem::path&)>& fn) {
    auto maybe = [&](std::filesystem::path& p) {
        if (!p.empty()) fn(p);
    };
    auto maybeRef = [&](std::string& ref) {  // a TileJSON reference: URLs stay as they are
        if (ref.empty() || isUrl(ref)) return;
        std::filesystem::path p(ref);
        fn(p);
        ref = p.string();
    };
    maybe(s.terrain.path);
    for (auto& p : s.terrain.extraPaths) maybe(p);
    maybeRef(s.terrain.tilejson);
    for (LayerDesc& l : s.layers) {
        maybe(l.source.path);
        maybeRef(l.source.tilejson);
        maybe(l.trace.dem);
        maybe(l.trace.rivers);
        maybe(l.trace.reaches);
        maybe(l.model.path);
    }
}

}  // namespace plateau
