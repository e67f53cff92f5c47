// Presenter mode in the whole viewer, driven by the keys a presentation clicker sends.
#include <catch2/catch.hpp>
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>

#include "app/viewer_tour.h"
#include "core/tour_player.h"
#include "gpu_test_support.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;

namespace {

constexpr int kW = 320, kH = 180;

// Three stops a few kilometres apart near Qulong, with short flights so a test takes few frames.
Tour smallTour() {
    Tour t;
    t.title = "test";
    for (int i = 0; i < 3; ++i) {
        TourStop s;
        s.name = "stop " + std::to_string(i);
        s.view = {91.50 + 0.05 * i, 29.50, 14000.0, 10.0 * i, -35.0, 45.0};
        s.time = 2020.0 + i;
        s.dwell_s = 2.0;
        s.flight_s = 0.2;
        s.caption.title = s.name;
        s.narration = "notes for " + s.name;
        t.stops.push_back(s);
    }
    t.stops[1].layers = {{"rivers", false, 1.0}};
    return t;
}

// Frames until the player dwells (a flight of 0.2 s is 6 frames at 30 per second).
void arrive(HeadlessViewer& hv) {
    const app::ViewerTour& tour = hv.viewer->tour();
    for (int i = 0; i < 30 && tour.player() && tour.player()->phase() != TourPlayer::Phase::Dwelling; ++i) hv.frame();
}

bool cameraAt(HeadlessViewer& hv, const CameraPose& p) {
    const CameraPose c = cameraPose(hv.viewer->camera());
    return std::fabs(c.lon_deg - p.lon_deg) < 1e-6 && std::fabs(c.lat_deg - p.lat_deg) < 1e-6 &&
           std::fabs(c.height_m - p.height_m) < 0.01;
}

}  // namespace

TEST_CASE("tour: presenter keys step forward and back, Escape leaves and gives the panel back", "[tour_ui]") {
    HeadlessViewer hv(kW, kH, CameraPose{91.4, 29.3, 60000.0, 0.0, -50.0, 45.0});
    app::Viewer& v = *hv.viewer;
    const Tour tour = smallTour();
    hv.frame();
    REQUIRE(v.panel().settings.showPanel);
    v.tour().load(tour);
    v.tour().present(v, 0);
    CHECK(v.presenting());
    CHECK_FALSE(v.panel().settings.showPanel);
    CHECK_FALSE(v.panel().showTimeBar);
    arrive(hv);
    REQUIRE(v.tour().player());
    CHECK(v.tour().player()->stopIndex() == 0);
    CHECK(cameraAt(hv, tour.stops[0].view));
    CHECK(v.scene().timeline.current == Approx(2020.0));
    hv.frame();
    CHECK(ui::widgetRect("tour.notes"));  // the narration for the teacher
    REQUIRE(v.activeCaption());
    CHECK(v.activeCaption()->caption.title == "stop 0");

    const auto stepTo = [&](int key, std::size_t stop) {
        INFO("key " << key << " to stop " << stop);
        hv.pressKey(key);
        REQUIRE(v.tour().player());
        CHECK(v.tour().player()->stopIndex() == stop);
        arrive(hv);
        CHECK(cameraAt(hv, tour.stops[stop].view));
    };
    stepTo(GLFW_KEY_PAGE_DOWN, 1);
    CHECK(v.scene().timeline.current == Approx(2021.0));
    for (const LayerDesc& l : v.scene().layers)
        if (l.id == "rivers") CHECK_FALSE(l.visible);
    stepTo(GLFW_KEY_PAGE_UP, 0);
    for (const LayerDesc& l : v.scene().layers)
        if (l.id == "rivers") CHECK(l.visible);  // back to the scene's state
    stepTo(GLFW_KEY_SPACE, 1);
    stepTo(GLFW_KEY_RIGHT, 2);
    stepTo(GLFW_KEY_DOWN, 2);  // the last stop stays
    stepTo(GLFW_KEY_LEFT, 1);
    stepTo(GLFW_KEY_UP, 0);
    stepTo(GLFW_KEY_END, 2);
    stepTo(GLFW_KEY_HOME, 0);
    // In presenter mode the arrows do not move the camera as navigation keys.
    const CameraPose before = cameraPose(v.camera());
    hv.frame();
    CHECK(cameraAt(hv, before));

    hv.pressKey(GLFW_KEY_T);
    CHECK_FALSE(v.tour().notesShown());
    CHECK_FALSE(ui::widgetRect("tour.notes"));
    hv.pressKey(GLFW_KEY_P);
    CHECK(v.tour().autoplay());

    hv.pressKey(GLFW_KEY_ESCAPE);
    CHECK_FALSE(v.presenting());
    CHECK(v.panel().settings.showPanel);
    CHECK(v.panel().showTimeBar);
    CHECK_FALSE(v.activeCaption());
    CHECK(cameraAt(hv, tour.stops[0].view));  // the camera stays at the stop
    // The keys navigate again.
    hv.pressKey(GLFW_KEY_PAGE_DOWN);
    CHECK_FALSE(v.tour().player());
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("tour: the panel's Tour section lists the stops and flies to one", "[tour_ui]") {
    HeadlessViewer hv(640, 360, CameraPose{91.4, 29.3, 60000.0, 0.0, -50.0, 45.0});
    app::Viewer& v = *hv.viewer;
    const Tour tour = smallTour();
    v.tour().load(tour);
    hv.frame();
    INFO("to the Tour header");
    hv.scrollPanelTo("panel.tour");
    hv.clickWidget("panel.tour");
    hv.frame();
    INFO("to the stop list");
    hv.scrollPanelTo("tour.stop.2");
    hv.clickWidget("tour.stop.2");
    REQUIRE(v.tour().player());
    CHECK(v.tour().player()->stopIndex() == 2);
    CHECK_FALSE(v.presenting());
    arrive(hv);
    CHECK(cameraAt(hv, tour.stops[2].view));
    hv.frame();
    INFO("to Start presenting");
    hv.scrollPanelTo("tour.present");
    hv.clickWidget("tour.present");
    CHECK(v.presenting());
    CHECK(v.tour().player()->stopIndex() == 2);
    CHECK(hv.validationMessages() == 0);
}
