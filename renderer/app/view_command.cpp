// `plateau` (view): the interactive window. Where there is no display it renders the same view
// to an image file instead and says where.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/log.h"
#include "app/scene_setup.h"
#include "app/viewer.h"
#include "app/viewer_tour.h"
#include "gpu/context.h"
#include "gpu/renderer.h"
#include "gpu/swapchain_target.h"
#include "gpu/vk_check.h"
#include "io/tour_file.h"
#include "ui/overlay.h"

namespace plateau::app {

namespace {
// The UI's scale in ImGui's units (window coordinates). GLFW's content scale is the monitor's
// DPI over 96 on X11, where window and framebuffer pixels are the same; where the framebuffer is
// already larger than the window (Wayland, macOS) that factor is taken out, or the UI would be
// scaled twice.
float uiScale(GLFWwindow* window) {
    float xs = 1.0f, ys = 1.0f;
    glfwGetWindowContentScale(window, &xs, &ys);
    int ww = 0, wh = 0, fw = 0, fh = 0;
    glfwGetWindowSize(window, &ww, &wh);
    glfwGetFramebufferSize(window, &fw, &fh);
    const float framebuffer = ww > 0 && fw > ww ? float(fw) / float(ww) : 1.0f;
    return std::clamp(xs / framebuffer, 0.5f, 4.0f);
}


// Key presses as GLFW reports them, kept until the next frame takes them: ImGui 1.86 only sees
// the keys held at a frame, and a tap between two slow frames would be lost.
std::vector<std::pair<int, bool>> g_keys;
void onKey(GLFWwindow*, int key, int, int action, int mods) {
    if (action == GLFW_PRESS) g_keys.emplace_back(key, (mods & GLFW_MOD_CONTROL) != 0);
}

bool haveDisplay() {
    const char* x = std::getenv("DISPLAY");
    const char* wl = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (wl && *wl);
}
}  // namespace

int runView(const CommonOptions& commonIn, const ViewOptions& opts) {
    CommonOptions common = commonIn;
    std::optional<Tour> tour;
    if (!opts.tour.empty()) {
        Result<Tour> t = openTourFile(opts.tour);
        if (!t) return logError(t.error().message), 1;
        // The tour's own scene, unless the command line names one.
        if (const auto s = tourScenePath(*t, opts.tour); !s.empty() && !opts.sceneGiven) common.scene = s.string();
        tour = std::move(*t);
    }
    if (!haveDisplay() || !glfwInit()) {
        logLine("no display: rendering the view to " + opts.fallbackOut + " instead");
        RenderOptions ro;
        ro.camera = opts.camera;
        if (tour && ro.camera.empty()) {  // the first stop, as presenting would start
            const CameraPose& v = tour->stops.front().view;
            char buf[200];
            std::snprintf(buf, sizeof buf, "%.6f,%.6f,%.3f,%.3f,%.3f,%.3f", v.lon_deg, v.lat_deg, v.height_m,
                          v.heading_deg, v.pitch_deg, v.fov_deg);
            ro.camera = buf;
        }
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
        auto p = parseCameraArg(opts.camera, error, scene.camera.fov_deg);
        if (!p) return glfwTerminate(), logError(error), 1;
        pose = *p;
    }
    if (!glfwVulkanSupported()) return glfwTerminate(), logError("GLFW found no Vulkan loader"), 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    GLFWwindow* window = glfwCreateWindow(width, height, ("plateau - " + scene.title).c_str(), nullptr, nullptr);
    if (!window) return glfwTerminate(), logError("cannot create a window"), 1;
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
        ui::FontOptions fonts;
        fonts.contentScale = uiScale(window);
        fonts.commonHanzi = true;  // Hanzi typed into search show
        for (const std::string& w : ui::setupImGui(fonts)) logLine(w);
        glfwSetKeyCallback(window, onKey);  // before the backend, which chains to it
        ImGui_ImplGlfw_InitForVulkan(window, true);
        {
            gpu::Renderer renderer(*ctx, target, tileCapacity(scene), overlayCapacity(scene));
            renderer.enableImGui();
            ViewerOptions vo;
            vo.underground = underground;
            vo.camera = pose;
            vo.log = logLine;
            vo.contentScale = fonts.contentScale;
            vo.pathFile = opts.path;
            Viewer viewer(std::move(*opened), *ctx, renderer, target, vo);
            if (tour) {
                viewer.tour().load(std::move(*tour), opts.tour);
                viewer.tour().setAutoplay(opts.autoplay);
                if (opts.present) viewer.tour().present(viewer, 0);
            }
            // Presenter mode fills the monitor (under Xvfb: the screen); leaving it puts the
            // window back where and as large as it was.
            bool fullscreen = false;
            int savedX = 0, savedY = 0, savedW = width, savedH = height;
            const auto followPresenter = [&] {
                if (viewer.presenting() == fullscreen) return;
                fullscreen = viewer.presenting();
                if (fullscreen) {
                    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
                    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
                    if (!mode) return logLine("presenter mode: no monitor to fill; staying in the window");
                    glfwGetWindowPos(window, &savedX, &savedY);
                    glfwGetWindowSize(window, &savedW, &savedH);
                    glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
                } else {
                    glfwSetWindowMonitor(window, nullptr, savedX, savedY, savedW, savedH, GLFW_DONT_CARE);
                }
            };
            followPresenter();
            bool recreate = false;
            int frames = 0;
            // The window's clock is read here, once per frame, and passed down as plain data.
            const auto started = std::chrono::steady_clock::now();
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
                const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                viewer.setContentScale(uiScale(window));  // the window may move to another monitor
                ImGui_ImplVulkan_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                for (const auto& [key, ctrl] : g_keys) viewer.queueKey(key, ctrl);
                g_keys.clear();
                const gpu::FrameDesc desc = viewer.frame(now);
                if (!renderer.drawFrame(desc).presented) recreate = true;
                viewer.afterFrame();
                followPresenter();
                if (viewer.quitRequested()) break;
                if (opts.frames > 0 && ++frames >= opts.frames) break;
            }
            viewer.shutdown();
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
