#pragma once
// What one frame shows, as plain data passed in: the camera, the timeline's current time and the
// elapsed time (for morphs and animation). Nothing below the command that builds a frame reads a
// clock, so stills and recordings are reproducible.
#include "core/camera.h"

namespace plateau {

struct FrameInput {
    Camera camera;
    double time = 2024.0;         // the timeline's current value, decimal years
    double elapsedSeconds = 0.0;  // since the view started (monotonic; morphs and animation)
};

}  // namespace plateau
