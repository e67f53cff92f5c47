#pragma once
// What every frame shows over the picture, drawn into ImGui's background draw list so the window,
// `plateau render` and recordings show it alike: the caption of a flythrough or tour (title,
// subtitle and source on a translucent band, faded in and out), the scale bar and north arrow,
// and the status box (the scene's title, its data label, the timeline's date and the credits of
// what is visible). This is the one place that draws the date and the credits in frames.
//
// Caption sizes follow the frame's height (core/caption_layout.h); the status box and scale bar
// use the UI's font size (the window's content scale; offscreen frames scale it with their
// height). Text goes through ui/text_draw.h, so Tibetan and Chinese captions are shaped and drawn.
// Call between ImGui::NewFrame and ImGui::Render.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/camera_path.h"
#include "core/frame_scale.h"

namespace plateau::ui {

// Which items a frame shows, and how large (presenter mode enlarges them).
struct FrameOverlayOptions {
    bool caption = true;
    bool scaleBar = true;
    bool northArrow = true;
    bool date = true;          // off where the time bar already shows it
    bool attributions = true;
    bool status = true;        // the scene's title and data label ("synthetic relief below 1 km")
    float sizeFactor = 1.0f;   // 1 normally, about 1.5 for presenting
    // Display pixels kept free along the bottom (a time bar there): the scale bar and the status
    // box sit above it.
    float bottomInset = 0.0f;
};

// What one frame shows, from the camera and the scene (frameOverlayContent fills the scale and
// north parts).
struct FrameOverlayContent {
    Caption caption;
    double captionAlpha = 0.0;          // 0..1, PathSample::captionAlpha
    std::optional<ScaleBar> scaleBar;   // in framebuffer pixels (the camera's)
    std::optional<glm::dvec2> north;    // unit screen direction of north, y down
    std::string title, label;           // the scene's
    std::string date;                   // empty: the scene has no time
    std::vector<std::string> attributions;
    std::string picked;                 // the body under the cursor, if any
};

// The scale bar for the ground at the bottom centre of the camera's view, where the bar is
// drawn, and the north arrow for the ground at the view's centre.
void measureScaleAndNorth(FrameOverlayContent& content, const Camera& cam, const GroundHeightFn& ground);

// Where the items were drawn, in display pixels (for tests and for placing other things).
struct FrameOverlayDrawn {
    struct Box {
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        bool empty() const { return x1 <= x0 || y1 <= y0; }
    };
    Box band;          // the caption's band (empty: no caption drawn)
    Box status;        // the status box
    Box scaleLabel;    // the scale bar's label
    float barX0 = 0, barX1 = 0, barY = 0;  // the bar's white ends and centre line (barX1 > barX0 when drawn)
    ScaleBar bar;                           // what the drawn bar stands for
    float northX = 0, northY = 0, northRadius = 0;  // the north arrow's disc (radius 0: not drawn)
};

FrameOverlayDrawn drawFrameOverlay(const FrameOverlayContent& content, const FrameOverlayOptions& options);

}  // namespace plateau::ui
