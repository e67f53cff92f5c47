#include "app/viewer_navigation.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace plateau::app {

Camera ViewerNavigation::update(const Camera& cam, double ground, double dt) {
    const ImGuiIO& io = ImGui::GetIO();
    // Framebuffer pixels: the camera's size is the framebuffer's.
    const double x = double(io.MousePos.x * io.DisplayFramebufferScale.x);
    const double y = double(io.MousePos.y * io.DisplayFramebufferScale.y);
    Camera out = cam;
    const bool uiMouse = io.WantCaptureMouse;
    const bool left = io.MouseDown[0], right = io.MouseDown[1];
    const bool ctrl = io.KeyCtrl;
    const bool wantRotate = right || (left && ctrl);
    const bool wantPan = left && !ctrl;
    if ((wantPan && !dragging && !rotating && !uiMouse) || (wantRotate && !rotating && !dragging && !uiMouse)) {
        dragging = wantPan;
        rotating = wantRotate;
    }
    if (!left && !right) dragging = rotating = false;
    if (dragging && (x != lastX || y != lastY)) out = panByDrag(out, lastX, lastY, x, y, ground);
    if (rotating && (x != lastX || y != lastY)) out = orbit(out, (x - lastX) * 0.25, -(y - lastY) * 0.2, ground, limits);
    if (io.MouseWheel != 0.0f && !uiMouse) out = zoomTowardPixel(out, x, y, double(io.MouseWheel), ground, limits);
    lastX = x;
    lastY = y;
    if (!io.WantCaptureKeyboard) {
        auto key = [&](int a, int b) { return io.KeysDown[a] || (b && io.KeysDown[b]); };
        const double step = 0.8 * dt;  // fraction of the height above ground per second
        double fwd = 0, rgt = 0;
        if (key(GLFW_KEY_W, GLFW_KEY_UP)) fwd += step;
        if (key(GLFW_KEY_S, GLFW_KEY_DOWN)) fwd -= step;
        if (key(GLFW_KEY_D, GLFW_KEY_RIGHT)) rgt += step;
        if (key(GLFW_KEY_A, GLFW_KEY_LEFT)) rgt -= step;
        if (fwd != 0 || rgt != 0) out = moveHorizontal(out, fwd, rgt, ground);
        if (key(GLFW_KEY_E, GLFW_KEY_PAGE_UP))
            out = zoomTowardPixel(out, out.width / 2.0, out.height / 2.0, -3.0 * dt, ground, limits);
        if (key(GLFW_KEY_Q, GLFW_KEY_PAGE_DOWN))
            out = zoomTowardPixel(out, out.width / 2.0, out.height / 2.0, 3.0 * dt, ground, limits);
    }
    return out;
}

}  // namespace plateau::app
