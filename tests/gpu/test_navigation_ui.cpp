// Navigation in the whole viewer, driven as a user drives it: mouse and keys injected into
// ImGui's IO, frames drawn offscreen and their depth read back.
#include <catch2/catch.hpp>
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>
#include <string>

#include "app/globe_view.h"
#include "core/camera_control.h"
#include "core/navigator_moves.h"
#include "core/picking.h"
#include "gpu_test_support.h"
#include "ui/help_window.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;

namespace {

constexpr int kW = 640, kH = 360;
// Above the Yarlung Tsangpo valley south of Lhasa, looking north-east.
const CameraPose kPose{91.0, 29.2, 40000.0, 40.0, -55.0};

// The surface under a pixel in the frame just drawn (the viewer's own frame camera and depth).
std::optional<glm::dvec3> pickedAt(HeadlessViewer& hv, int x, int y) {
    app::Viewer& v = *hv.viewer;
    const Camera frameCam = v.view().frame({v.camera(), v.scene().timeline.current, hv.now}, v.panel().settings.shading).camera;
    const auto p = pickSurface(frameCam, hv.session->target().readDepth().values, x, y, v.panel().settings.shading.exaggeration);
    if (!p) return std::nullopt;
    return p->ecef;
}

}  // namespace

TEST_CASE("navigation: a left-drag from a to b brings the ground under a to under b", "[navigation_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    hv.viewer->panel().settings.showPanel = false;  // the whole view is the globe's
    const auto before = hv.settledFrame();
    const int ax = 220, ay = 150, bx = 430, by = 230;
    const auto grabbed = pickedAt(hv, ax, ay);
    REQUIRE(grabbed);
    const Camera start = hv.viewer->camera();

    ImGuiIO& io = ImGui::GetIO();
    hv.moveMouse(float(ax), float(ay));
    REQUIRE_FALSE(io.WantCaptureMouse);
    io.MouseDown[0] = true;
    hv.frame();
    for (int i = 1; i <= 8; ++i) hv.moveMouse(float(ax + (bx - ax) * i / 8), float(ay + (by - ay) * i / 8));
    for (int i = 0; i < 10; ++i) hv.frame();  // rest before letting go: no coasting
    io.MouseDown[0] = false;
    hv.frame();

    const auto after = hv.settledFrame();
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/navigation_ui_before.png", before, kW, kH);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/navigation_ui_after.png", after, kW, kH);
    const auto under = pickedAt(hv, bx, by);
    REQUIRE(under);
    const Camera& cam = hv.viewer->camera();
    const double pixel = metresPerPixel(cam, glm::length(*grabbed - cam.position));
    INFO("the grabbed point is " << glm::length(*under - *grabbed) << " m from the ground under b; a pixel is " << pixel
                                 << " m");
    CHECK(glm::length(*under - *grabbed) < 1.5 * pixel);
    CHECK(glm::length(cam.position - start.position) > 5000.0);  // the view did move
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("navigation: F1 opens the help with every shortcut, F1 again closes it", "[navigation_ui]") {
    constexpr int kBigW = 960, kBigH = 640;  // the whole table fits
    HeadlessViewer hv(kBigW, kBigH, kPose);
    hv.frame();
    CHECK_FALSE(ui::widgetRect("help.window"));
    const auto without = hv.frame(true);
    hv.pressKey(GLFW_KEY_F1);
    CHECK(hv.viewer->panel().navigation.help.open);
    const auto shown = ui::widgetRect("help.window");
    REQUIRE(shown);
    // Tall enough for one row per shortcut.
    std::size_t rows = 0;
    for (const auto& g : ui::shortcutTable()) rows += g.rows.size() + 1;
    CHECK(shown->y1 - shown->y0 > float(rows) * ImGui::GetTextLineHeight());
    const auto with = hv.frame(true);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/navigation_ui_help.png", with, kBigW, kBigH);
    CHECK(test::compareImages(without, with, 40).fractionOver > 0.05);
    hv.pressKey(GLFW_KEY_F1);
    CHECK_FALSE(hv.viewer->panel().navigation.help.open);
    CHECK_FALSE(ui::widgetRect("help.window"));
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("navigation: N turns the view north-up, the panel button looks straight down, both about the centre", "[navigation_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    hv.viewer->panel().settings.showPanel = false;
    hv.settledFrame();
    const auto centre = pickedAt(hv, kW / 2, kH / 2);
    REQUIRE(centre);
    hv.pressKey(GLFW_KEY_N);
    for (int i = 0; i < 30; ++i) hv.frame();  // 1 s: the turn takes 0.6 s
    CHECK_THAT(std::remainder(cameraPose(hv.viewer->camera()).heading_deg, 360.0), Catch::Matchers::WithinAbs(0, 1e-6));
    // The same ground at the centre, within the pixel it was picked from.
    const auto px = pixelOf(hv.viewer->camera(), *centre);
    REQUIRE(px);
    CHECK(std::hypot(px->x - (kW / 2 - 0.5), px->y - (kH / 2 - 0.5)) < 1.0);
    // The panel's "Look straight down" button asks the same way for the tilt.
    hv.viewer->panel().navigation.resetTilt = true;
    for (int i = 0; i < 30; ++i) hv.frame();
    CHECK_FALSE(hv.viewer->panel().navigation.resetTilt);  // consumed
    CHECK_THAT(cameraPose(hv.viewer->camera()).pitch_deg, Catch::Matchers::WithinAbs(-90, 1e-6));
    const auto below = pixelOf(hv.viewer->camera(), *centre);
    REQUIRE(below);
    CHECK(std::hypot(below->x - (kW / 2 - 0.5), below->y - (kH / 2 - 0.5)) < 1.0);
    CHECK(hv.validationMessages() == 0);
}
