#pragma once
// The control panel: one window with a section per job (layers and legend, time, view and
// statistics, and the tools), plus the time bar at the bottom of the screen. Every widget edits
// plain state (the scene's layers and timeline, ViewSettings, Playback); what needs more than a
// state change (reopening a restyled layer, a screenshot) comes back as PanelActions for the
// viewer to do. No Vulkan, no window calls.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/layer.h"
#include "core/playback.h"
#include "core/timeline.h"
#include "ui/measure_panel.h"
#include "ui/sun_settings.h"
#include "ui/help_window.h"
#include "ui/scene_files_panel.h"
#include "ui/view_settings.h"

namespace plateau::ui {

// What the panel shows about a layer but does not edit.
struct LayerStatus {
    bool loading = false;
    std::string error;    // why it is not drawn
    std::string summary;  // "71 features, 23,456 vertices"
    std::string legend;   // when set, replaces the layer's own legend (a trace's route, once traced)
};

struct PanelStats {
    std::string camera;
    double frameMs = 0;
    int tilesDrawn = 0, tilesLoading = 0, overlayLoading = 0;
    std::size_t gpuTiles = 0, gpuTileCapacity = 0;      // terrain tile slots in use / budget
    std::size_t overlaySlots = 0, overlayCapacity = 0;  // draped-layer tile slots
    std::size_t cpuTileBytes = 0, cpuBudgetBytes = 0;   // decoded tiles in memory / budget
};

struct PanelModel {
    std::vector<LayerStatus> layers;  // parallel to the scene's layers
    PanelStats stats;
    std::vector<double> dataDates;    // where the loaded data changes (ticks on the time bar)
    std::string terrainLabel;         // e.g. "synthetic terrain"; shown in the legend
    std::string terrainAttribution;
    std::filesystem::path sceneFile;  // the scene's file: Save writes there
};

struct ScreenshotSettings {
    int scale = 1;             // 1: the window's size; 2: twice as wide and high (drawn offscreen)
    bool withPanel = false;    // include the panel and time bar
    std::string folder = ".";  // where the file goes
};

struct PanelState {
    ViewSettings settings;
    Playback playback;
    ScreenshotSettings screenshot;
    SunSettings sun;       // the View section's sun: angles, or date and time at the view centre
    MeasureTool measure;   // the Measure section's polyline and profile
    bool showTimeBar = true;
    std::string message;  // the last result or error, shown at the top of the panel
    NavigationPanel navigation;
    SceneFilesState files;  // open, save, save as, add layer: the file browser's state
};

struct PanelActions {
    bool settingsChanged = false;
    bool layersChanged = false;          // visibility, opacity, order, pinned dates
    std::vector<std::size_t> restyled;   // layers whose look changed: they are opened again
    std::optional<std::size_t> remove;   // a layer the user removed
    bool screenshot = false;
    SceneFileRequest file;               // a scene to open or save, a file to add as a layer
};

// Names of the windows the panel draws: a screenshot without the panel leaves these out.
inline constexpr const char* kPanelWindow = "plateau";
inline constexpr const char* kTimeWindow = "Time";
// Height kept free for the time bar at the bottom of the screen (pixels at scale 1).
inline constexpr float kTimeBarReserve = 100.0f;

// The panel window. `timeline`: the scene's timeline (current is edited); `range`: the slider's
// range from the data.
PanelActions drawPanel(PanelState& state, std::vector<LayerDesc>& layers, Timeline& timeline, const Timeline& range,
                       const PanelModel& model);
// The time bar along the bottom: the date large enough for a projector, play/pause, speed,
// loop, and the slider with a tick at each data date. True when the date changed.
bool drawTimeBar(Timeline& timeline, const Timeline& range, Playback& playback, const std::vector<double>& dataDates);

}  // namespace plateau::ui
