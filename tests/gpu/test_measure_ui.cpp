// The measuring tool driven as a user drives it: the Measure section opened and the tool turned
// on with clicks on the panel, two clicks on the terrain, then undo and clear. The distance the
// tool reports is checked against GeographicLib's distance between the ground points the test
// picks itself from a settled frame's depth, and the profile against the terrain's heights.
// Also: the sun by date and time follows the clock and sets the shading.
#include <cmath>

#include <catch2/catch.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <imgui.h>

#include "app/globe_view.h"
#include "core/camera_control.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "gpu_test_support.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;

namespace {

constexpr int kW = 800, kH = 450;
// South of Qulong looking north over the Lhasa River valley: terrain fills the right half of
// the view, where the panel does not reach.
const CameraPose kPose{91.60, 29.30, 30000.0, 0.0, -50.0};
const float kClicks[2][2] = {{560.0f, 200.0f}, {740.0f, 320.0f}};

}  // namespace

TEST_CASE("measure: two clicks on the terrain give the geodesic distance between the picked points and a profile",
          "[measure_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    hv.settledFrame();
    hv.scrollPanelTo("panel.measure");
    hv.clickWidget("panel.measure");  // opens the section
    hv.scrollPanelTo("measure.active");
    hv.clickWidget("measure.active");
    ui::MeasureTool& tool = hv.viewer->panel().measure;
    REQUIRE(tool.active);

    for (const auto& c : kClicks) {
        hv.click(c[0], c[1]);
        hv.frame();
    }
    REQUIRE(tool.points.size() == 2);
    hv.scrollPanelTo("measure.profile");  // the plot in view, for the picture
    hv.moveMouse(-1.0f, -1.0f);  // off the view: no tooltip over the line
    const auto shot = hv.frame(true);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/measure_ui.png", shot, kW, kH);

    // The test's own picks of the two clicked pixels, from a settled frame's depth, with the
    // camera that frame was drawn with.
    tool.active = false;  // its depth requests would replace the test's
    hv.settledFrame();
    const double exaggeration = hv.viewer->panel().settings.shading.exaggeration;
    const Camera cam = withNearPlane(hv.viewer->camera(), hv.viewer->view().store(), exaggeration);
    const std::vector<float> depth = hv.session->lastDepth();
    REQUIRE(depth.size() == std::size_t(kW) * kH);
    std::optional<PickedPoint> mine[2];
    for (int i = 0; i < 2; ++i) {
        mine[i] = pickSurface(cam, depth, int(kClicks[i][0]), int(kClicks[i][1]), exaggeration);
        REQUIRE(mine[i]);
        INFO("click " << i << ": tool " << tool.points[std::size_t(i)].lon_deg << "," << tool.points[std::size_t(i)].lat_deg
                      << ", test " << mine[i]->lon_deg << "," << mine[i]->lat_deg);
        // The same ground point: within a few metres (one pixel spans ~30 m here).
        double s = 0;
        GeographicLib::Geodesic::WGS84().Inverse(mine[i]->lat_deg, mine[i]->lon_deg, tool.points[std::size_t(i)].lat_deg,
                                                 tool.points[std::size_t(i)].lon_deg, s);
        CHECK(s < 1.0);
        CHECK(tool.points[std::size_t(i)].height_m == Approx(mine[i]->elevation_m).margin(1.0));
    }
    double expected = 0;
    GeographicLib::Geodesic::WGS84().Inverse(mine[0]->lat_deg, mine[0]->lon_deg, mine[1]->lat_deg, mine[1]->lon_deg, expected);
    INFO("tool " << tool.length.total_m << " m, GeographicLib between the test's picks " << expected << " m");
    CHECK(std::abs(tool.length.total_m - expected) < 1.0);
    CHECK(expected > 5000.0);  // the clicks are kilometres apart on the ground

    // The profile runs the length of the line with the terrain's heights along it.
    const ElevationProfile& p = tool.profile;
    CHECK(p.length_m == Approx(tool.length.total_m));
    REQUIRE(p.samples.size() > 100);
    std::size_t withHeight = 0;
    for (const ProfileSample& s : p.samples) {
        if (!s.height_m) continue;
        ++withHeight;
        CHECK(*s.height_m > 3000.0);  // the valley floor near Qulong lies at about 3,600 m
        CHECK(*s.height_m < 7000.0);
        const auto h = terrainHeightAt(hv.viewer->view().store(), s.lon_deg, s.lat_deg);
        REQUIRE(h);
        CHECK(*s.height_m == Approx(*h).margin(50.0));  // finer tiles may have arrived since
    }
    CHECK(withHeight == p.samples.size());
    REQUIRE(p.highest);
    REQUIRE(p.lowest);
    CHECK(p.highest->height_m - p.lowest->height_m > 50.0);  // relief along the line
    CHECK(p.climb_m + p.descent_m >= p.highest->height_m - p.lowest->height_m);
    CHECK(p.steepestSlopeDeg > p.meanSlopeDeg);
    // The ends of the profile are the clicked points, at their picked heights.
    CHECK(*p.samples.front().height_m == Approx(tool.points[0].height_m).margin(30.0));
    CHECK(*p.samples.back().height_m == Approx(tool.points[1].height_m).margin(30.0));

    // Undo drops the last point, clear the rest.
    hv.scrollPanelTo("measure.undo");
    hv.clickWidget("measure.undo");
    CHECK(tool.points.size() == 1);
    CHECK(tool.length.total_m == 0.0);
    // The section is shorter now: ImGui clamps the panel's scroll over the next frames, moving
    // the buttons; click once they are still.
    hv.frame();
    hv.scrollPanelTo("measure.clear");
    hv.frame();
    hv.clickWidget("measure.clear");
    CHECK(tool.points.empty());
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("measure: a drag over the terrain pans and adds no point", "[measure_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    for (int i = 0; i < 5; ++i) hv.frame();
    hv.viewer->panel().measure.active = true;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(600.0f, 250.0f);
    hv.frame();
    io.MouseDown[0] = true;
    hv.frame();
    for (int i = 1; i <= 5; ++i) {
        io.MousePos = ImVec2(600.0f - 12.0f * float(i), 250.0f);
        hv.frame();
    }
    io.MouseDown[0] = false;
    hv.frame();
    CHECK(hv.viewer->panel().measure.points.empty());
}

TEST_CASE("sun: date and time at the view centre set the shading; night shows a low sun", "[measure_ui]") {
    HeadlessViewer hv(kW / 2, kH / 2, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    ui::SunSettings& sun = hv.viewer->panel().sun;
    sun.mode = ui::SunSettings::Mode::DateTime;
    sun.year = 2024, sun.month = 6, sun.day = 21;
    sun.clock = ClockKind::LocalSolar;
    sun.hours = 12.0;
    hv.frame();
    const Shading& s = hv.viewer->panel().settings.shading;
    // Solar noon at the view centre (about 29.4 N) at the June solstice: due south, 84 degrees up.
    CHECK(s.sunAzimuthDeg == Approx(180.0).margin(1.0));
    CHECK(s.sunElevationDeg == Approx(90.0 - (sun.centreLat - 23.44)).margin(0.1));
    CHECK(sun.centreLat > 29.2);
    CHECK(sun.centreLat < 29.8);
    sun.hours = 7.0;  // morning: east
    hv.frame();
    CHECK(s.sunAzimuthDeg > 60.0);
    CHECK(s.sunAzimuthDeg < 90.0);
    sun.hours = 23.0;  // night: a dim low sun in the north-west, and the panel says so
    hv.frame();
    CHECK(sun.belowHorizon);
    CHECK(s.sunElevationDeg == kLowestShownSunElevationDeg);
    CHECK(hv.validationMessages() == 0);
}
