#pragma once
// Plain state the panel edits and the renderer reads; no ImGui or Vulkan types.
#include <string>
#include <vector>

#include "core/scene.h"
#include "core/underground.h"

namespace plateau::ui {

struct ViewSettings {
    Shading shading;
    double maxScreenSpaceError = 2.0;
    bool showPanel = true;
    bool tileBounds = false;  // debug: outline each drawn tile
    bool wireframe = false;   // debug: the terrain's triangles as lines
    UndergroundView underground;  // terrain opacity, cutaway, underside, camera below the surface
    float textSizePercent = 100.0f;  // "Text size" for projectors: text and widgets scale with it
    bool scaleBar = true;    // drawn into every frame (ui/frame_overlay.h)
    bool northArrow = true;
};

// A feature label placed on the screen (anchor at x, y; text to its right).
struct ScreenLabel {
    float x = 0, y = 0;
    std::string text;
};

struct StatusInfo {
    std::string title;
    std::string label;       // e.g. "synthetic terrain": always shown
    std::string camera;      // "29.60 N 91.58 E, 25.0 km, heading 10, pitch -25"
    int tilesDrawn = 0;
    int tilesLoading = 0;
    double frameMs = 0.0;
    std::string date;                       // the timeline's date; empty: the scene has no time
    std::vector<std::string> attributions;  // of the visible layers (and the terrain)
    std::string picked;                     // the body under the cursor ("layer: node"), if any
};

}  // namespace plateau::ui
