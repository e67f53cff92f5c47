// `plateau` (view): the interactive window. Where there is no display it renders the same view
// to an image file instead and says where.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "app/layer_setup.h"
#include "app/map_labels.h"
#include "app/model_loading.h"
#include "app/log.h"
#include "app/scene_setup.h"
#include "core/camera_control.h"
#include "core/surface_height.h"
#include "gpu/context.h"
#include "gpu/renderer.h"
#include "gpu/swapchain_target.h"
#include "gpu/vk_check.h"
#include "ui/deposit_overlay.h"
#include "ui/overlay.h"

namespace plateau::app {

namespace {
double g_scroll = 0.0;
void onScroll(GLFWwindow*, double, double dy) { g_scroll += dy; }

std::string describeCamera(const Camera& cam) {
    const CameraPose p = cameraPose(cam);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.4f %s %.4f %s, %.1f km, heading %.0f, pitch %.0f", std::fabs(p.lat_deg),
                  p.lat_deg >= 0 ? "N" : "S", std::fabs(p.lon_deg), p.lon_deg >= 0 ? "E" : "W", p.height_m / 1000.0,
                  p.heading_deg, p.pitch_deg);
    return buf;
}

// Mouse and keyboard to camera moves; ImGui gets the input first when over its windows.
struct Input {
    bool dragging = false, rotating = false;
    double lastX = 0, lastY = 0;
    NavigationLimits limits;  // the underground view lets the camera look up at the underside

    Camera update(GLFWwindow* w, const Camera& cam, double ground, double dt) {
        double x = 0, y = 0;
        glfwGetCursorPos(w, &x, &y);
        int ww = 0, wh = 0, fw = 0, fh = 0;
        glfwGetWindowSize(w, &ww, &wh);
        glfwGetFramebufferSize(w, &fw, &fh);
        const double sx = ww ? double(fw) / ww : 1.0, sy = wh ? double(fh) / wh : 1.0;
        x *= sx;
        y *= sy;
        Camera out = cam;
        const bool uiMouse = ImGui::GetIO().WantCaptureMouse;
        const bool left = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
        const bool right = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
        const bool ctrl = glfwGetKey(w, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
        const bool wantRotate = right || (left && ctrl);
        const bool wantPan = left && !ctrl;
        if ((wantPan && !dragging && !rotating && !uiMouse) || (wantRotate && !rotating && !dragging && !uiMouse)) {
            dragging = wantPan;
            rotating = wantRotate;
        }
        if (!left && !right) dragging = rotating = false;
        if (dragging && (x != lastX || y != lastY)) out = panByDrag(out, lastX, lastY, x, y, ground);
        if (rotating && (x != lastX || y != lastY)) out = orbit(out, (x - lastX) * 0.25, -(y - lastY) * 0.2, ground, limits);
        if (g_scroll != 0.0 && !uiMouse) out = zoomTowardPixel(out, x, y, g_scroll, ground, limits);
        g_scroll = 0.0;
        lastX = x;
        lastY = y;
        if (!ImGui::GetIO().WantCaptureKeyboard) {
            auto key = [&](int a, int b) { return glfwGetKey(w, a) == GLFW_PRESS || (b && glfwGetKey(w, b) == GLFW_PRESS); };
            const double step = 0.8 * dt;  // fraction of the height above ground per second
            double fwd = 0, rgt = 0;
            if (key(GLFW_KEY_W, GLFW_KEY_UP)) fwd += step;
            if (key(GLFW_KEY_S, GLFW_KEY_DOWN)) fwd -= step;
            if (key(GLFW_KEY_D, GLFW_KEY_RIGHT)) rgt += step;
            if (key(GLFW_KEY_A, GLFW_KEY_LEFT)) rgt -= step;
            if (fwd != 0 || rgt != 0) out = moveHorizontal(out, fwd, rgt, ground);
            if (key(GLFW_KEY_E, GLFW_KEY_PAGE_UP)) out = zoomTowardPixel(out, out.width / 2.0, out.height / 2.0, -3.0 * dt, ground, limits);
            if (key(GLFW_KEY_Q, GLFW_KEY_PAGE_DOWN)) out = zoomTowardPixel(out, out.width / 2.0, out.height / 2.0, 3.0 * dt, ground, limits);
        }
        return out;
    }
};

bool haveDisplay() {
    const char* x = std::getenv("DISPLAY");
    const char* wl = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (wl && *wl);
}
}  // namespace

int runView(const CommonOptions& common, const ViewOptions& opts) {
    if (!haveDisplay() || !glfwInit()) {
        logLine("no display: rendering the view to " + opts.fallbackOut + " instead");
        RenderOptions ro;
        ro.camera = opts.camera;
        ro.size = opts.size;
        ro.out = opts.fallbackOut;
        return runRender(common, ro);
    }
    int width = 0, height = 0;
    std::string error;
    if (!parseSizeArg(opts.size, width, height, error)) return logError(error), 1;
    auto opened = openScene(common.scene, logLine);
    if (!opened) return glfwTerminate(), logError(opened.error().message), 1;
    Scene& scene = opened->scene;
    if (std::string err; !applyOverrides(scene, common, err)) return glfwTerminate(), logError(err), 1;
    UndergroundView underground = scene.underground;
    if (std::string err; !undergroundOptions(common, underground, err)) return glfwTerminate(), logError(err), 1;
    CameraPose pose = scene.camera;
    if (!opts.camera.empty()) {
        auto p = parseCameraArg(opts.camera, error);
        if (!p) return glfwTerminate(), logError(error), 1;
        pose = *p;
    }
    if (!glfwVulkanSupported()) return glfwTerminate(), logError("GLFW found no Vulkan loader"), 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    GLFWwindow* window = glfwCreateWindow(width, height, ("plateau - " + scene.title).c_str(), nullptr, nullptr);
    if (!window) return glfwTerminate(), logError("cannot create a window"), 1;
    glfwSetScrollCallback(window, onScroll);
    int code = 0;
    try {
        gpu::ContextOptions co;
        co.validation = common.validation;
        co.device = common.device;
        co.forceStaging = common.forceStaging;
        co.log = logLine;
        std::uint32_t n = 0;
        const char** exts = glfwGetRequiredInstanceExtensions(&n);
        for (std::uint32_t i = 0; i < n; ++i) co.instanceExtensions.emplace_back(exts[i]);
        co.createSurface = [window](VkInstance inst) {
            VkSurfaceKHR s = VK_NULL_HANDLE;
            VK_CHECK(glfwCreateWindowSurface(inst, window, nullptr, &s));
            return s;
        };
        auto ctx = gpu::Context::create(co);
        int fw = 0, fh = 0;
        glfwGetFramebufferSize(window, &fw, &fh);
        gpu::SwapchainTarget target(*ctx, VkExtent2D{std::uint32_t(fw), std::uint32_t(fh)});
        ImGui::CreateContext();
        ui::setupImGui(1.0f);
        ImGui_ImplGlfw_InitForVulkan(window, true);
        {
            gpu::Renderer renderer(*ctx, target, tileCapacity(scene), overlayCapacity(scene));
            renderer.enableImGui();
            GlobeView view(opened->source, renderer, logLine, memoryBudget(scene));
            // Layers open in the background; each is drawn as soon as it is ready.
            LayerLoader layers(view, scene.layers, opened->cancel, logLine);
            ViewModels models(renderer);
            ModelLoader modelLoader(models, scene.layers, logLine);
            DepositLayers deposits(scene.layers, logLine);
            ui::ViewSettings settings{scene.shading, scene.maxScreenSpaceError, true, underground};
            Camera cam = makeCamera(pose, int(target.extent().width), int(target.extent().height));
            Input input;
            bool recreate = false;
            bool f1WasDown = false;
            int frames = 0;
            double frameMs = 0.0;
            auto last = std::chrono::steady_clock::now();
            // The window's clock is read here, once per frame, and passed down as plain data.
            const auto started = last;
            while (!glfwWindowShouldClose(window)) {
                glfwPollEvents();
                glfwGetFramebufferSize(window, &fw, &fh);
                if (fw == 0 || fh == 0) {  // minimised
                    glfwWaitEvents();
                    continue;
                }
                if (recreate || std::uint32_t(fw) != target.extent().width || std::uint32_t(fh) != target.extent().height) {
                    renderer.waitIdle();
                    target.recreate(VkExtent2D{std::uint32_t(fw), std::uint32_t(fh)});
                    recreate = false;
                }
                cam.width = int(target.extent().width);
                cam.height = int(target.extent().height);
                const auto now = std::chrono::steady_clock::now();
                const double dt = std::chrono::duration<double>(now - last).count();
                frameMs = dt * 1000.0;
                last = now;

                const Geodetic g = ecefToGeodetic(cam.position);
                const double ground = displayedSurfaceHeight(view.store(), g.lon_deg, g.lat_deg, settings.shading.exaggeration)
                                          .value_or(4000.0 * settings.shading.exaggeration);
                ImGui_ImplVulkan_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                const bool f1 = glfwGetKey(window, GLFW_KEY_F1) == GLFW_PRESS;
                if (f1 && !f1WasDown) settings.showPanel = !settings.showPanel;
                f1WasDown = f1;
                // In the underground view the camera may pass through the surface, down to a floor,
                // and look up at the terrain's underside.
                input.limits.maxPitchDeg = settings.underground.enabled ? 80.0 : NavigationLimits{}.maxPitchDeg;
                cam = input.update(window, cam, settings.underground.navigationGround(ground), std::min(dt, 0.1));

                // Tiles load on worker threads; a few uploads per frame keep the window responsive
                // and parents show until their children arrive.
                const double elapsed = std::chrono::duration<double>(now - started).count();
                const auto st = view.update({cam, scene.timeline.current, elapsed}, selectionParams(settings.maxScreenSpaceError, settings.shading,
                                                                 opened->source->maxZoom()),
                                            scene.memory.uploadsPerFrame);
                layers.poll();
                modelLoader.poll();
                ui::StatusInfo status = statusLabel(scene, view);
                if (!models.models().empty() && !ImGui::GetIO().WantCaptureMouse) {
                    const ImVec2 mouse = ImGui::GetIO().MousePos;
                    const double sx = ImGui::GetIO().DisplayFramebufferScale.x, sy = ImGui::GetIO().DisplayFramebufferScale.y;
                    if (const auto hit = models.pick(cam, mouse.x * sx, mouse.y * sy, view, settings.shading.exaggeration))
                        status.picked = hit->layerId + (hit->node.empty() ? "" : ": " + hit->node);
                }
                for (const std::string& a : deposits.attributions()) status.attributions.push_back(a);
                status.camera = describeCamera(cam);
                status.tilesDrawn = st.drawn;
                status.tilesLoading = st.missing + st.overlayMissing;
                status.frameMs = frameMs;
                gpu::FrameDesc desc = view.frame({cam, scene.timeline.current, elapsed}, settings.shading);
                desc.style.underground = settings.underground;
                desc.models = models.instances(view, settings.shading.exaggeration);
                if (hasLabels(view) || deposits.any()) {
                    // Labels and deposit markers hide behind terrain by the newest depth the GPU
                    // has finished copying (a frame or two old: at interactive rates the
                    // difference is a pixel or so).
                    target.requestDepth();
                    const gpu::DepthImage depth = target.readDepth();
                    const bool fits = int(depth.width) == desc.camera.width && int(depth.height) == desc.camera.height;
                    const std::vector<float> noDepth;
                    const std::vector<float>& d = fits ? depth.values : noDepth;
                    std::vector<ui::ScreenLabel> mapLabels;
                    if (hasLabels(view))
                        mapLabels = placeLabels(view, desc.camera, scene.timeline.current,
                                                settings.shading.exaggeration, d, ui::measureText);
                    if (deposits.any()) {
                        deposits.place(view, desc.camera, scene.timeline.current, settings.shading.exaggeration, d,
                                       ui::measureText);
                        deposits.dropCoveredLabels(mapLabels, ui::measureText);
                        deposits.draw();
                        // The deposit under the mouse, unless the mouse is over a window.
                        const ImVec2 mouse = ImGui::GetIO().MousePos;
                        if (!ImGui::GetIO().WantCaptureMouse)
                            if (const auto picked = deposits.pick(mouse.x, mouse.y)) ui::drawDepositCard(*picked->deposit);
                    }
                    ui::drawMapLabels(mapLabels);
                }
                // Body labels only where bodies can be seen (see render_command.cpp).
                if (!models.models().empty() && settings.underground.enabled)
                    ui::drawMapLabels(models.labels(desc.camera, view, settings.shading.exaggeration));
                ui::drawLabel(status);
                if (settings.showPanel) ui::drawPanel(settings, status);
                ImGui::Render();
                desc.ui = ImGui::GetDrawData();
                if (!renderer.drawFrame(desc).presented) recreate = true;
                if (opts.frames > 0 && ++frames >= opts.frames) break;
            }
            opened->cancelTransfers();  // workers stop waiting on the network before they are joined
            renderer.waitIdle();
            if (ctx->validationMessageCount() > 0) code = 3;
        }
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    } catch (const gpu::GpuError& e) {
        logError(e.what());
        code = 1;
    }
    glfwDestroyWindow(window);
    glfwTerminate();
    return code;
}

}  // namespace plateau::app
