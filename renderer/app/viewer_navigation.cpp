#include "app/viewer_navigation.h"

#include <cmath>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/globe_view.h"
#include "core/camera_control.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "gpu/render_target.h"

namespace plateau::app {

// core/nav_input.h spells GLFW's key codes without including GLFW.
static_assert(navkey::W == GLFW_KEY_W && navkey::A == GLFW_KEY_A && navkey::S == GLFW_KEY_S && navkey::D == GLFW_KEY_D);
static_assert(navkey::E == GLFW_KEY_E && navkey::Q == GLFW_KEY_Q && navkey::N == GLFW_KEY_N && navkey::U == GLFW_KEY_U &&
              navkey::R == GLFW_KEY_R);
static_assert(navkey::Left == GLFW_KEY_LEFT && navkey::Right == GLFW_KEY_RIGHT && navkey::Up == GLFW_KEY_UP &&
              navkey::Down == GLFW_KEY_DOWN);
static_assert(navkey::PageUp == GLFW_KEY_PAGE_UP && navkey::PageDown == GLFW_KEY_PAGE_DOWN && navkey::F1 == GLFW_KEY_F1);

Camera ViewerNavigation::update(const Camera& cam, double dt, const GlobeView& view, const gpu::RenderTarget& target,
                                const ui::ViewSettings& settings, ui::NavigationPanel& panel) {
    const ImGuiIO& io = ImGui::GetIO();
    ui::drawHelpWindow(panel.help);

    NavInput in;
    // Framebuffer pixels: the camera's size is the framebuffer's.
    in.x = double(io.MousePos.x * io.DisplayFramebufferScale.x);
    in.y = double(io.MousePos.y * io.DisplayFramebufferScale.y);
    in.left = io.MouseDown[0];
    in.right = io.MouseDown[1];
    in.middle = io.MouseDown[2];
    in.wheel = double(io.MouseWheel);
    in.doubleClick = io.MouseDoubleClicked[0];
    in.ctrl = io.KeyCtrl;
    in.shift = io.KeyShift;
    in.alt = io.KeyAlt;
    in.uiHasMouse = io.WantCaptureMouse || !ImGui::IsMousePosValid();  // no cursor over the window: no pointer input
    in.uiHasKeyboard = io.WantCaptureKeyboard;
    readNavKeys(
        in, [&](int k) { return io.KeysDown[k]; }, [](int k) { return ImGui::IsKeyPressed(k, false); });
    // The panel's buttons work whatever has the keyboard.
    in.northUp = in.northUp || panel.northUp;
    in.resetTilt = in.resetTilt || panel.resetTilt;
    if (panel.northUp || panel.resetTilt) in.uiHasKeyboard = false;
    panel.northUp = panel.resetTilt = false;

    const double exaggeration = settings.shading.exaggeration;
    NavigatorOptions& o = navigator.options;
    o.underground = settings.underground.enabled;
    o.floorDepth_m = settings.underground.maxDepthBelowSurface;
    o.unknownGround_m = 4000.0 * exaggeration;  // the plateau's level until its tiles arrive

    GroundQuery ground;
    ground.surfaceHeight = [&view, exaggeration](double lon, double lat) {
        return displayedSurfaceHeight(view.store(), lon, lat, exaggeration);
    };
    const SurfaceHeightFn height = ground.surfaceHeight;
    ground.pointAt = [this, &target, height, exaggeration](const Camera& c, double px, double py) -> std::optional<glm::dvec3> {
        // What the user sees there: the newest finished depth, with the camera that drew it.
        const gpu::DepthImage depth = target.readDepth();
        for (const auto& [tag, frameCam] : drawn_) {
            if (tag != depth.tag || depth.empty()) continue;
            if (int(depth.width) != frameCam.width || int(depth.height) != frameCam.height) break;
            const auto p = pickSurface(frameCam, depth.values, int(std::lround(px)), int(std::lround(py)), exaggeration);
            if (p) return p->ecef;
            return std::nullopt;  // the sky
        }
        return marchToSurface(c.position, pixelRay(c, px, py), height, 9000.0 * exaggeration);
    };
    return navigator.update(cam, in, dt, ground);
}

void ViewerNavigation::drawn(gpu::RenderTarget& target, const Camera& frameCamera) {
    target.requestDepth(++serial_);
    drawn_.emplace_back(serial_, frameCamera);
    // A copy is at most a few frames old (frames in flight plus one).
    while (drawn_.size() > 6) drawn_.pop_front();
}

}  // namespace plateau::app
