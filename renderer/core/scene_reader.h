#pragma once
// Internal to the scene parser (scene.cpp, scene_layers.cpp): typed reads of JSON members that
// fail with one line naming the file and the field path. Not for other code: it throws.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bookmark.h"
#include "core/camera.h"
#include "core/layer.h"
#include "core/tile_id.h"
#include "core/timeline.h"
#include "core/underground.h"

namespace plateau::scene_detail {

using nlohmann::json;

// Thrown inside the parser only (loading a scene is not on the frame loop) and turned into Error
// by parseScene.
struct SceneError {
    std::string message;
};

class Reader {
public:
    explicit Reader(const std::filesystem::path& file) : file_(file.string()) {}

    const std::string& file() const { return file_; }

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const;

    // The member `key` of object `obj`, or nullptr when absent.
    static const json* member(const json& obj, const char* key) {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    void expectObject(const json& j, const std::string& path) const;
    void onlyKeys(const json& obj, const std::string& path, std::initializer_list<const char*> keys) const;

    // Reads a number into `out` when present. Bounds: [lo, hi], lo exclusive when `loOpen`.
    void number(const json& obj, const std::string& path, const char* key, double& out, double lo, double hi,
                bool loOpen = false) const;
    // A whole number in [lo, hi] (1.0 is whole, 1.5 is not).
    void integer(const json& obj, const std::string& path, const char* key, int& out, int lo, int hi) const;
    void string(const json& obj, const std::string& path, const char* key, std::string& out) const;
    void boolean(const json& obj, const std::string& path, const char* key, bool& out) const;
    // "#rrggbb" or "#rrggbbaa" (hex digits of either case).
    void colour(const json& obj, const std::string& path, const char* key, Colour& out) const;
    Colour colourValue(const json& v, const std::string& field) const;
    // A date (see parseDate) as a string, or a number of years.
    double dateValue(const json& v, const std::string& field) const;
    // [west, south, east, north] in degrees, west < east and south < north.
    LonLatBounds boundsValue(const json& v, const std::string& field) const;
    // An integer from 0 to 2^32-1 (synthetic seeds).
    std::uint32_t seedValue(const json& v, const std::string& field) const;
    // A non-empty string member resolved as a path (see resolvePath).
    std::filesystem::path pathMember(const json& obj, const std::string& path, const char* key,
                                     const std::string& what) const;

    // Keys come from the file: control characters in them (a "\n" escape in a key) are shown as
    // \xNN, so the message naming the field stays one line.
    static std::string join(const std::string& path, const std::string& key) {
        std::string shown;
        for (const char c : key) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x20 && u != 0x7f) {
                shown += c;
                continue;
            }
            const char* hex = "0123456789abcdef";
            shown += {'\\', 'x', hex[u >> 4], hex[u & 15]};
        }
        return path.empty() ? shown : path + "." + shown;
    }
    static std::string fmt(double x);

private:
    std::string file_;
};

// Relative to the scene file's folder; "@cache/..." under cacheDirectory(); absolute as is.
std::filesystem::path resolvePath(const std::string& p, const std::filesystem::path& sceneFile);
// A TileJSON reference: URLs (http:// or https://) as they are, anything else resolved as a path.
std::string resolveUrlOrPath(const std::string& p, const std::filesystem::path& sceneFile);

// The fields a tile server is described by, for terrain and imagery alike (they differ in
// defaults only): url or tilejson (one required; url with {z}, {x} and {y}; tilejson resolved
// as a path unless a URL), min_zoom/max_zoom (integers 0..22, min <= max), bounds and the
// disk cache settings (>= 0, capped far beyond any real disk or lifetime so that conversions
// cannot overflow).
struct HttpFields {
    std::string& url;
    std::string& tilejson;
    int& minZoom;
    int& maxZoom;
    std::optional<LonLatBounds>& bounds;
    std::optional<double>& cacheMiB;
    std::optional<double>& cacheDays;
    std::optional<double>& missingDays;
};
void parseHttpFields(const Reader& rd, const json& obj, const std::string& path, const std::filesystem::path& file,
                     const HttpFields& out);

// scene_layers.cpp: the "layers" array and the "time" section.
void parseLayers(const Reader& rd, const json& layers, const std::filesystem::path& file, std::vector<LayerDesc>& out);
// scene_deposits.cpp: the "fields", "style", "filter" and "label" members of a deposits layer.
void parseDepositLayer(const Reader& rd, const json& layer, const std::string& path, DepositLayerDesc& out);
void parseTimeline(const Reader& rd, const json* time, const std::vector<LayerDesc>& layers, Timeline& out);
// scene_models.cpp: the "model" section of a model layer.
void parseModelLayer(const Reader& rd, const json& layer, const std::string& path, ModelLayerDesc& out);

// scene_trace.cpp: the fields of a "trace" layer; its DEM defaults to a gdal terrain's raster.
bool isTraceLayer(const json& layer);
void parseTraceLayer(const Reader& rd, const json& layer, const std::string& path, const std::filesystem::path& file,
                     LayerDesc& out);
// The style a trace layer has before its "style" member is read (the writer leaves out what
// equals it).
VectorStyle traceStyleDefaults();

// scene_views.cpp: the schema version (refuses newer files), cameras, "bookmarks", "underground".
void checkVersion(const Reader& rd, const json& root);
void parseCamera(const Reader& rd, const json& c, const std::string& path, CameraPose& out);
void parseBookmarks(const Reader& rd, const json& b, std::vector<Bookmark>& out);
// The underground view object at `path` (the scene's "underground", a tour stop's).
void parseUnderground(const Reader& rd, const json& u, UndergroundView& out, const std::string& path = "underground");

void finishTraceLayers(const Reader& rd, const std::string& terrainType, const std::filesystem::path& terrainPath,
                       std::vector<LayerDesc>& layers);

}  // namespace plateau::scene_detail
