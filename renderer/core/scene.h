#pragma once
// The scene file (JSON): which terrain to show, how to shade it and where the camera starts.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/bookmark.h"
#include "core/camera.h"
#include "core/height_codec.h"
#include "core/layer.h"
#include "core/result.h"
#include "core/timeline.h"
#include "core/underground.h"

namespace plateau {

struct TerrainSourceDesc {
    // "folder" ({z}/{x}/{y}.png), "mbtiles", "http" (url template), "gdal" (any raster GDAL
    // reads, resampled on the fly) or "quantized-mesh" (a Cesium terrain folder with layer.json).
    std::string type = "folder";
    std::filesystem::path path;      // resolved: relative to the scene file, "@cache/..." to the cache dir
    std::vector<std::filesystem::path> extraPaths;  // gdal: further rasters ("paths")
    std::string url;                 // http: "https://host/{z}/{x}/{y}.png"
    int maxZoom = -1;                // http: deepest level the server has (-1: 15)
    int minZoom = 0;                 // http: shallowest level the server has; none above is asked for
    std::optional<LonLatBounds> bounds;  // http: where the server has data
    std::string tilejson;            // http: URL or path of a TileJSON document (zoom range, bounds,
                                     // attribution; its tiles[0] when url is empty)
    std::string attribution;         // shown in the view
    // http disk cache; unset: the source's defaults (2 GiB, 30 days, 1 day).
    std::optional<double> cacheMiB;     // budget in MiB, 0 = no limit
    std::optional<double> cacheDays;    // tiles older than this are fetched again, 0 = never
    std::optional<double> missingDays;  // how long a 404 is believed, 0 = for ever
    HeightEncoding encoding = HeightEncoding::Terrarium;
    // When set and `path` holds no tiles yet, the synthetic generator builds them there first.
    bool generateSynthetic = false;
    std::uint32_t syntheticSeed = 0;
    // "detail": {"seed": 1, "amplitude_m": 40}: deterministic synthetic relief added below the
    // source's own resolution, so close views of a coarse DEM are not blurry. Unset: none.
    std::optional<std::uint32_t> detailSeed;
    double detailAmplitudeM = 40.0;
    bool operator==(const TerrainSourceDesc&) const = default;
};

struct Shading {
    double sunAzimuthDeg = 135.0;   // clockwise from north
    double sunElevationDeg = 35.0;
    double exaggeration = 1.0;      // 1..5
    double contourIntervalM = 0.0;  // 0 = no contour lines
    bool haze = true;
    bool operator==(const Shading&) const = default;
};

// Memory budgets: least-recently-used tiles out of view are evicted beyond them.
struct MemorySettings {
    // Decoded heights and meshes (CPU). The CPU keeps the tiles the GPU holds, so one of the two
    // limits binds: this one should. 128 MiB of GPU slots are 2,048 tiles (also the most layers
    // most devices allow), and 2,048 decoded tiles of the default 1 km relief take 450-500 MiB;
    // were the slots to bind, the cache's size would follow the tiles' sizes, swinging by 80 MiB
    // as the view moves. Below that it stays at its budget and the process's memory stays flat.
    double cacheMiB = 384.0;
    double gpuMiB = 128.0;     // GPU tile slots
    // GPU slots for the tiles of draped layers (256 KiB each), shared by all layers: a view of a
    // few hundred terrain tiles needs one per tile and layer with something drawn there.
    double overlayMiB = 256.0;
    // Interactive frames; a settled render has no limit. A tile is 53 KB of vertices, so 48 are
    // 2.5 MB a frame: cheap for any GPU, and enough that at 10 frames a second (a software
    // rasteriser) uploads keep up with the workers instead of tiles piling up unshown.
    int uploadsPerFrame = 48;
    bool operator==(const MemorySettings&) const = default;
};

struct Scene {
    std::filesystem::path file;
    std::string title;
    std::string label;  // shown in the view, e.g. "synthetic terrain"
    TerrainSourceDesc terrain;
    CameraPose camera;
    double maxScreenSpaceError = 2.0;
    Shading shading;
    MemorySettings memory;
    std::vector<LayerDesc> layers;  // drawn over the terrain in this order (first = bottom)
    Timeline timeline;
    std::vector<Bookmark> bookmarks;  // saved views, in the order the user keeps them
    // The underground view the scene opens with (and saves): a scene made to show bodies under
    // the ground keeps its translucent terrain and its cutaway.
    UndergroundView underground;
    bool operator==(const Scene&) const = default;
};

// The schema version this program writes ("version" at the top of a scene file) and the newest
// it reads. Files without one are version 1; newer ones are refused with a message naming both.
inline constexpr int kSceneSchemaVersion = 1;

// Errors name the file and the field: "scene.json: 'camera.height' must be a number".
Result<Scene> loadScene(const std::filesystem::path& file);
Result<Scene> parseScene(const std::string& json, const std::filesystem::path& file);
// $XDG_CACHE_HOME/plateau or ~/.cache/plateau (PLATEAU_CACHE_DIR overrides both).
std::filesystem::path cacheDirectory();

}  // namespace plateau
