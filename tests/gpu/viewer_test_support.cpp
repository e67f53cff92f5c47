#include "viewer_test_support.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include "app/commands.h"
#include "app/globe_view.h"
#include "app/scene_setup.h"
#include "gpu/context.h"
#include "ui/widget_rects.h"

namespace plateau::test {

HeadlessViewer::HeadlessViewer(int w, int h, std::optional<CameraPose> pose, std::filesystem::path scenePath) {
    if (scenePath.empty()) scenePath = app::defaultScenePath();
    auto opened = app::openScene(scenePath, [this](const std::string& s) { log.push_back(s); });
    REQUIRE(opened.ok());
    app::OffscreenOptions o = app::offscreenOptions(app::CommonOptions{}, opened->scene, w, h);
    o.validation = true;
    session = std::make_unique<app::OffscreenSession>(o);
    REQUIRE(session->context().validationActive());  // else "no validation messages" proves nothing
    session->ensureImGui();
    app::ViewerOptions vo;
    vo.camera = pose;
    vo.log = [this](const std::string& s) { log.push_back(s); };
    viewer = std::make_unique<app::Viewer>(std::move(*opened), session->context(), session->renderer(),
                                           session->target(), vo);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-1.0f, -1.0f);  // no mouse until a test moves it
}

HeadlessViewer::~HeadlessViewer() {
    if (viewer) viewer->shutdown();
    if (session) session->renderer().waitIdle();
    viewer.reset();
}

std::vector<std::uint8_t> HeadlessViewer::frame(bool capture) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(session->width()), float(session->height()));
    io.DeltaTime = float(step);
    now += step;
    const gpu::FrameDesc desc = viewer->frame(now);
    if (capture) session->target().requestCapture();
    session->render(desc, true);
    viewer->afterFrame();
    io.MouseWheel = 0.0f;
    return capture ? session->target().readColourRgba() : std::vector<std::uint8_t>{};
}

std::vector<std::uint8_t> HeadlessViewer::settledFrame() {
    for (int i = 0; i < 2000 && !viewer->layersLoaded(); ++i) frame();
    REQUIRE(viewer->layersLoaded());
    // Settling uses the viewer's own camera and settings, as its screenshot does.
    frame();
    CHECK(viewer->settle().settled);
    frame();  // the depth of a settled frame, for labels and markers
    return frame(true);
}

void HeadlessViewer::moveMouse(float x, float y) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    frame();
}

void HeadlessViewer::click(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
}

void HeadlessViewer::clickWidget(const std::string& key) {
    const auto r = ui::widgetRect(key);
    INFO("widget " << key);
    REQUIRE(r.has_value());
    click(r->cx(), r->cy());
}

void HeadlessViewer::pressKey(int glfwKey) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[glfwKey] = true;
    frame();
    io.KeysDown[glfwKey] = false;
    frame();
}

void HeadlessViewer::scrollPanelTo(const std::string& key) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 40; ++i) {
        const auto panel = ui::widgetRect("panel.window");
        const auto w = ui::widgetRect(key);
        REQUIRE(panel);
        REQUIRE(w);
        if (w->y0 >= panel->y0 + 20.0f && w->y1 <= panel->y1 - 4.0f) return;
        if (io.MousePos.x != panel->cx() || io.MousePos.y != panel->cy()) {
            // Onto the panel first, as a hand does: ImGui sees it hovered before the wheel turns,
            // so the wheel scrolls the panel instead of zooming the globe.
            io.MousePos = ImVec2(panel->cx(), panel->cy());
            frame();
        }
        io.MouseWheel = w->y1 > panel->y1 - 4.0f ? -1.0f : 1.0f;
        frame();
    }
    FAIL("cannot scroll the panel to " << key);
}

int HeadlessViewer::validationMessages() const { return session->context().validationMessageCount(); }

}  // namespace plateau::test
