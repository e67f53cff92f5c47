#pragma once
// Mouse and keyboard to camera moves for the viewer, read from ImGui's IO (filled from GLFW in
// the window, by hand in tests); ImGui gets the input first when the cursor is over its windows.
// Key codes are GLFW's, as the GLFW backend stores them in io.KeysDown.
#include "core/camera.h"
#include "core/camera_control.h"

namespace plateau::app {

struct ViewerNavigation {
    bool dragging = false, rotating = false;
    double lastX = 0, lastY = 0;
    NavigationLimits limits;  // the underground view lets the camera look up at the underside

    // `ground`: the terrain height (displayed) under the camera; dt: seconds since the last frame.
    Camera update(const Camera& cam, double ground, double dt);
};

}  // namespace plateau::app
