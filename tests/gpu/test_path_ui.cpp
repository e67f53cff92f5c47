// The Flythrough section in the whole viewer, headless: keyframes captured with K after moving
// the camera, the preview flying along the path to the last keyframe, and a path saved from the
// panel reading back the same. Also the recording ground function (no GPU needed).
#include <catch2/catch.hpp>

#include <imgui.h>

#include <GLFW/glfw3.h>

#include "app/path_ground.h"
#include "app/viewer_path.h"
#include "core/geodesy.h"
#include "gpu_test_support.h"
#include "io/camera_path_file.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;

namespace {

constexpr int kW = 320, kH = 180;
const CameraPose kOverQulong{91.55, 29.45, 30000.0, 10.0, -50.0};

glm::dvec3 ecef(const CameraPose& p) { return geodeticToEcef({p.lon_deg, p.lat_deg, p.height_m}); }

void openFlythrough(test::HeadlessViewer& hv) {
    hv.frame();
    hv.scrollPanelTo("path.header");
    hv.clickWidget("path.header");
    hv.frame();
}

// Holds a key down for `frames` frames, as a hand does.
void holdKey(test::HeadlessViewer& hv, int key, int frames) {
    ImGui::GetIO().KeysDown[key] = true;
    for (int i = 0; i < frames; ++i) hv.frame();
    ImGui::GetIO().KeysDown[key] = false;
    hv.frame();
}

// A terrain source of one flat height everywhere, with data from zoom 0 to `maxZoom`; counts loads.
class FlatSource : public TileSource {
public:
    explicit FlatSource(float h, int maxZoom) : h_(h), maxZoom_(maxZoom) {}
    std::string describe() const override { return "flat"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return maxZoom_; }
    bool hasTile(const TileId& id) const override { return id.x % 2 == 0 || id.z < 9; }  // odd columns only coarse
    Result<HeightGrid> load(const TileId& id) override {
        ++loads;
        HeightGrid g;
        g.width = g.height = 4;
        g.samples.assign(16, h_ + float(id.z));  // the zoom shows which level answered
        return g;
    }
    int loads = 0;

private:
    float h_;
    int maxZoom_;
};

}  // namespace

TEST_CASE("path ui: K captures keyframes, the preview flies through them, a saved path opens the same", "[path_ui]") {
    test::HeadlessViewer hv(kW, kH, kOverQulong);
    openFlythrough(hv);
    app::ViewerPath& fly = hv.viewer->flythrough();
    REQUIRE(fly.path().keys.empty());

    // K adds the view; W moves forward; K adds the new view.
    hv.moveMouse(20.0f, 150.0f);  // over the map, not the panel
    const CameraPose first = cameraPose(hv.viewer->camera());
    hv.pressKey(GLFW_KEY_K);
    REQUIRE(fly.path().keys.size() == 1);
    CHECK(glm::length(ecef(fly.path().keys[0].pose) - ecef(first)) < 0.01);
    holdKey(hv, GLFW_KEY_W, 20);
    const CameraPose second = cameraPose(hv.viewer->camera());
    REQUIRE(glm::length(ecef(second) - ecef(first)) > 1000.0);
    hv.pressKey(GLFW_KEY_K);
    REQUIRE(fly.path().keys.size() == 2);
    CHECK(glm::length(ecef(fly.path().keys[1].pose) - ecef(second)) < 0.01);
    // With the date by default (the scene has a timeline).
    CHECK(fly.path().keys[1].time.has_value());

    // Preview from the panel: the camera leaves the second keyframe's place, passes between and
    // ends on it after flying from the first.
    for (Keyframe& k : fly.path().keys) k.duration_s = 1.0;
    hv.frame();
    hv.scrollPanelTo("path.preview");
    hv.clickWidget("path.preview");
    REQUIRE(fly.playing());
    double farthestFromBoth = 0.0;
    int frames = 0;
    while (fly.playing()) {
        REQUIRE(++frames < 200);
        hv.frame();
        const glm::dvec3 p = ecef(cameraPose(hv.viewer->camera()));
        farthestFromBoth = std::max(farthestFromBoth,
                                    std::min(glm::length(p - ecef(first)), glm::length(p - ecef(second))));
    }
    CHECK(frames >= 50);  // 2 s at 30 frames a second
    CHECK(farthestFromBoth > 0.2 * glm::length(ecef(second) - ecef(first)));
    const CameraPose end = cameraPose(hv.viewer->camera());
    CHECK(glm::length(ecef(end) - ecef(second)) < 0.05);
    CHECK(std::fabs(std::remainder(end.heading_deg - second.heading_deg, 360.0)) < 1e-4);
    CHECK(end.pitch_deg == Approx(second.pitch_deg).margin(1e-4));

    // The section as it looks with two keyframes, the second selected (to look at).
    hv.scrollPanelTo("path.key.1");
    hv.clickWidget("path.key.1");
    hv.scrollPanelTo("path.preview");
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/path_ui_panel.png", hv.frame(true), kW, kH);

    // A preview stops on Esc.
    hv.clickWidget("path.preview");
    REQUIRE(fly.playing());
    hv.pressKey(GLFW_KEY_ESCAPE);
    CHECK_FALSE(fly.playing());

    // Save from the panel (to the path's file), change the path, open the file again.
    const std::filesystem::path file = std::filesystem::path(PLATEAU_TEST_OUTPUT) / "path_ui_flight.json";
    std::filesystem::remove(file);
    fly.path().keys[0].caption.title = "Qulong";
    const CameraPath saved = fly.path();
    fly.panelState().file = file;
    hv.frame();
    hv.scrollPanelTo("path.save");
    hv.clickWidget("path.save");
    REQUIRE(std::filesystem::exists(file));
    fly.path().keys.clear();
    REQUIRE(fly.open(file).ok());
    CHECK(fly.path() == saved);
    CHECK(*readCameraPathFile(file) == saved);
    // A bad file leaves the path as it was and says why in the panel.
    CHECK_FALSE(fly.open(std::filesystem::path(PLATEAU_TEST_OUTPUT) / "no_such_flight.json").ok());
    CHECK(fly.path() == saved);
    CHECK(fly.panelState().message.find("no_such_flight.json: cannot open path file") != std::string::npos);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("path ui: the recording ground reads one level of the source, exaggerated, the same every time", "[path_ui]") {
    auto source = std::make_shared<FlatSource>(1000.0f, 12);
    const PathGroundFn ground = app::pathGround(source, 2.0, 11);
    // Even columns at zoom 11 have a tile: (1000 + 11) x 2.
    const TileId even = lonLatToTile(91.0, 29.5, 11);
    const double lonEven = even.x % 2 == 0 ? 91.0 : 91.0 + 360.0 / 2048.0;
    REQUIRE(ground(lonEven, 29.5));
    CHECK(*ground(lonEven, 29.5) == Approx(2022.0));
    // Odd columns fall back to the nearest ancestor the source has (zoom 8 here).
    const double lonOdd = lonEven + 360.0 / 2048.0;
    CHECK(*ground(lonOdd, 29.5) == Approx(2016.0));
    // Tiles are loaded once.
    const int loads = source->loads;
    for (int i = 0; i < 10; ++i) CHECK(*ground(lonEven, 29.5) == Approx(2022.0));
    CHECK(source->loads == loads);
    // No source: no ground function.
    CHECK_FALSE(app::pathGround(nullptr, 1.0));
}
