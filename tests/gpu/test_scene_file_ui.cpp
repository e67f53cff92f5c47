// Scene files through the panel, as a user does it: Save as with the in-panel browser, Open the
// saved file (the same view, layers and bookmarks come back), a corrupt or newer file refused
// with the scene kept, and Add layer from file.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "app/globe_view.h"
#include "gpu_test_support.h"
#include "io_test_helpers.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 480, kH = 270;
const CameraPose kPose{90.75, 28.72, 45000.0, 0.0, -55.0};  // Yamdrok Tso from the south

std::vector<std::uint8_t> mapFrame(HeadlessViewer& hv) {
    hv.viewer->panel().settings.showPanel = false;
    auto img = hv.settledFrame();
    hv.viewer->panel().settings.showPanel = true;
    hv.frame();
    return img;
}

// Clicks a panel widget where it is now: the browser closing, or the panel scrolling to reach
// it, moves what is below (the rectangles are the last frame's).
void press(HeadlessViewer& hv, const std::string& key) {
    hv.frame();
    hv.scrollPanelTo(key);
    hv.clickWidget(key);
}

void openFilesSection(HeadlessViewer& hv) {
    hv.frame();
    if (!ui::widgetRect("file.open")) press(hv, "panel.files");
    REQUIRE(ui::widgetRect("file.open"));
}

// Chooses `file` in the browser the last button opened: the folder as if typed into the path
// field, then a click on the file (or, saving, its name in the name field) and a click on OK.
void chooseInBrowser(HeadlessViewer& hv, const fs::path& file) {
    ui::FileBrowserState& b = hv.viewer->panel().files.browser;
    REQUIRE(b.open);
    REQUIRE(ui::navigateTo(b, file.parent_path().string()));
    hv.frame();
    if (b.mode == ui::FileBrowserMode::Save) {
        b.fileName = file.filename().string();
    } else {
        press(hv, "browser.entry." + file.filename().string());
        REQUIRE(b.fileName == file.filename().string());
    }
    press(hv, "browser.ok");
    CHECK_FALSE(b.open);
}

std::vector<std::string> idsOf(const Scene& s) {
    std::vector<std::string> out;
    for (const auto& l : s.layers) out.push_back(l.id + (l.visible ? "" : " (hidden)"));
    return out;
}

}  // namespace

TEST_CASE("scene files: the running scene saved from the panel reopens with the same view, layers and bookmarks",
          "[scene_file_ui]") {
    const test::TempDir dir("scene-ui");
    HeadlessViewer hv(kW, kH, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    Scene& live = hv.viewer->scene();
    live.bookmarks.push_back({"Yamdrok Tso", kPose, 2020.0});  // as the places panel adds them
    press(hv, "layer.visible.lakes");                           // the lakes hidden from the panel
    hv.viewer->panel().settings.shading.exaggeration = 2.0;
    hv.viewer->panel().settings.underground.terrainOpacity = 0.7;  // kept while the view is off
    const auto before = mapFrame(hv);
    const CameraPose pose = cameraPose(hv.viewer->camera());
    const auto layersBefore = idsOf(live);
    const auto bookmarks = live.bookmarks;

    openFilesSection(hv);
    press(hv, "file.saveas");
    const fs::path saved = dir.path() / "yamdrok.json";
    chooseInBrowser(hv, saved);
    INFO(hv.viewer->panel().message);
    REQUIRE(fs::exists(saved));
    CHECK(hv.viewer->panel().message == "saved " + saved.string());
    CHECK(hv.viewer->scene().file == saved);

    // Open the saved file: a new scene replaces the running one.
    hv.viewer->scene().bookmarks.clear();  // changed after saving: the file has them
    hv.viewer->panel().settings.shading.exaggeration = 1.0;
    press(hv, "file.open");
    chooseInBrowser(hv, saved);
    CHECK(hv.viewer->panel().message == "opened " + saved.string());
    const Scene& reopened = hv.viewer->scene();
    CHECK(reopened.file == saved);
    CHECK(reopened.camera == pose);
    CHECK(idsOf(reopened) == layersBefore);
    CHECK(reopened.bookmarks == bookmarks);
    CHECK(hv.viewer->panel().settings.shading.exaggeration == 2.0);
    CHECK(hv.viewer->panel().settings.underground.terrainOpacity == 0.7);
    const CameraPose now = cameraPose(hv.viewer->camera());
    CHECK(now.lon_deg == Approx(pose.lon_deg).margin(1e-9));
    CHECK(now.lat_deg == Approx(pose.lat_deg).margin(1e-9));
    CHECK(now.height_m == Approx(pose.height_m).margin(1e-3));

    const auto after = mapFrame(hv);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/scene_file_saved.png", before, kW, kH);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/scene_file_reopened.png", after, kW, kH);
    CHECK(test::compareImages(before, after, 40).fractionOver < 0.002);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("scene files: a corrupt or newer scene file is refused and the loaded scene stays", "[scene_file_ui]") {
    const test::TempDir dir("scene-ui-bad");
    std::ofstream(dir.path() / "corrupt.json") << R"({"title": "half a scene", "terrain": {"type": "gd)";
    std::ofstream(dir.path() / "newer.json") << R"({"version": 2, "terrain": {"path": "t"}})";
    HeadlessViewer hv(kW, kH, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    const Scene before = hv.viewer->scene();
    const CameraPose pose = cameraPose(hv.viewer->camera());

    openFilesSection(hv);
    press(hv, "file.open");
    chooseInBrowser(hv, dir.path() / "corrupt.json");
    const std::string message = hv.viewer->panel().message;
    CHECK(message.rfind((dir.path() / "corrupt.json").string() + ": invalid JSON at byte", 0) == 0);
    CHECK(message.find('\n') == std::string::npos);

    press(hv, "file.open");
    chooseInBrowser(hv, dir.path() / "newer.json");
    CHECK(hv.viewer->panel().message ==
          (dir.path() / "newer.json").string() + ": written by a newer plateau (schema version 2; this one reads up to 1)");

    for (int i = 0; i < 3; ++i) hv.frame();
    CHECK(hv.viewer->scene() == before);
    CHECK(cameraPose(hv.viewer->camera()).lon_deg == Approx(pose.lon_deg));
    CHECK(hv.viewer->view().layers().size() > 0);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("scene files: Add layer from file adds a readable file and refuses anything else", "[scene_file_ui]") {
    const test::TempDir dir("scene-ui-add");
    std::ofstream(dir.path() / "notes.csv") << "what,why\nnothing,to place\n";
    const fs::path lakes = fs::path(PLATEAU_SHARED_DATA) / "rivers" / "ne_10m_lakes_hma.geojson";
    HeadlessViewer hv(kW, kH, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    const std::size_t n = hv.viewer->scene().layers.size();

    openFilesSection(hv);
    press(hv, "file.addlayer");
    chooseInBrowser(hv, dir.path() / "notes.csv");
    CHECK(hv.viewer->panel().message ==
          (dir.path() / "notes.csv").string() + ": a table without coordinates (columns: what, why)");
    CHECK(hv.viewer->scene().layers.size() == n);

    press(hv, "file.addlayer");
    chooseInBrowser(hv, lakes);
    CHECK(hv.viewer->panel().message == "added ne_10m_lakes_hma.geojson");
    REQUIRE(hv.viewer->scene().layers.size() == n + 1);
    CHECK(hv.viewer->scene().layers.back().type == LayerType::Vector);
    hv.frame();  // the loader counts the new layer from the next frame on
    for (int i = 0; i < 2000 && !hv.viewer->layersLoaded(); ++i) hv.frame();
    const auto i = hv.viewer->view().indexOf("ne_10m_lakes_hma");
    REQUIRE(i);
    CHECK(hv.viewer->view().layers()[*i].error.empty());
    CHECK(hv.viewer->view().layers()[*i].source != nullptr);
    CHECK(hv.validationMessages() == 0);
}
