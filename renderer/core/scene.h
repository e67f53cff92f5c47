#pragma once
// The scene file (JSON): which terrain to show, how to shade it and where the camera starts.
#include <filesystem>
#include <string>

#include "core/camera.h"
#include "core/height_codec.h"
#include "core/result.h"

namespace plateau {

struct TerrainSourceDesc {
    std::string type = "folder";     // "folder" ({z}/{x}/{y}.png)
    std::filesystem::path path;      // resolved: relative to the scene file, "@cache/..." to the cache dir
    HeightEncoding encoding = HeightEncoding::Terrarium;
    // When set and `path` holds no tiles yet, the synthetic generator builds them there first.
    bool generateSynthetic = false;
    std::uint32_t syntheticSeed = 0;
};

struct Shading {
    double sunAzimuthDeg = 135.0;   // clockwise from north
    double sunElevationDeg = 35.0;
    double exaggeration = 1.0;      // 1..5
    double contourIntervalM = 0.0;  // 0 = no contour lines
    bool haze = true;
};

struct Scene {
    std::filesystem::path file;
    std::string title;
    std::string label;  // shown in the view, e.g. "synthetic terrain"
    TerrainSourceDesc terrain;
    CameraPose camera;
    double maxScreenSpaceError = 2.0;
    Shading shading;
};

// Errors name the file and the field: "scene.json: 'camera.height' must be a number".
Result<Scene> loadScene(const std::filesystem::path& file);
Result<Scene> parseScene(const std::string& json, const std::filesystem::path& file);
// $XDG_CACHE_HOME/plateau or ~/.cache/plateau (PLATEAU_CACHE_DIR overrides both).
std::filesystem::path cacheDirectory();

}  // namespace plateau
