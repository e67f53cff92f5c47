// The panel driven as a user drives it: injected mouse and keys into the whole viewer, frames
// read back. Each test names the behaviour it checks.
#include <algorithm>
#include <filesystem>

#include <catch2/catch.hpp>
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/deposit_layers.h"
#include "app/globe_view.h"
#include "gpu_test_support.h"
#include "io/png_codec.h"
#include "layer_test_support.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;

namespace {

constexpr int kW = 640, kH = 360;
// Yamdrok Tso, south of Lhasa, from the south: the lake fills a third of the view.
const CameraPose kPose{90.75, 28.72, 45000.0, 0.0, -55.0};
// The Nyenchen Tanglha range from the south: its glaciers, whose outlines change with the date.
const CameraPose kGlaciers{90.55, 29.95, 60000.0, 330.0, -50.0};

// The map without the panel (the time bar and label stay): what the layers draw.
std::vector<std::uint8_t> mapFrame(HeadlessViewer& hv) {
    hv.viewer->panel().settings.showPanel = false;
    auto img = hv.settledFrame();
    hv.viewer->panel().settings.showPanel = true;
    hv.frame();  // lays the panel out again, so its widgets can be clicked
    return img;
}

std::size_t indexOfLayer(const Scene& s, const std::string& id) {
    for (std::size_t i = 0; i < s.layers.size(); ++i)
        if (s.layers[i].id == id) return i;
    FAIL("no layer " << id);
    return 0;
}

}  // namespace

TEST_CASE("panel: clicking a layer's checkbox hides it, and the map changes; clicking again restores it", "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    const auto before = mapFrame(hv);
    const std::size_t lakes = indexOfLayer(hv.viewer->scene(), "lakes");
    REQUIRE(hv.viewer->scene().layers[lakes].visible);
    hv.clickWidget("layer.visible.lakes");
    CHECK_FALSE(hv.viewer->scene().layers[lakes].visible);
    const auto hidden = mapFrame(hv);
    const auto diff = test::compareImages(before, hidden, 40);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/panel_layer_hidden.png", hidden, kW, kH);
    CHECK(diff.fractionOver > 0.002);  // the lakes are gone
    hv.clickWidget("layer.visible.lakes");
    CHECK(hv.viewer->scene().layers[lakes].visible);
    const auto again = mapFrame(hv);
    CHECK(test::compareImages(before, again, 40).fractionOver < 0.001);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("panel: the time slider moves the date and the glacier layer changes with it", "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kGlaciers);
    const auto at2025 = mapFrame(hv);
    const Timeline range = hv.viewer->timeRange();
    REQUIRE(range.end - range.start > 10.0);
    REQUIRE(hv.viewer->dataDates().size() >= 2);
    // A click at the slider's left end takes the date to the start of the data's range.
    const auto r = ui::widgetRect("time.slider");
    REQUIRE(r);
    INFO("slider " << r->x0 << "," << r->y0 << " - " << r->x1 << "," << r->y1);
    hv.click(r->x0 + 4.0f, r->cy());
    const double t = hv.viewer->scene().timeline.current;
    CHECK(t < range.start + 0.05 * (range.end - range.start));
    hv.viewer->panel().showTimeBar = true;
    const auto early = mapFrame(hv);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/panel_time_early.png", early, kW, kH);
    // The glacier outlines of the early date cover more ground: the map differs.
    CHECK(test::compareImages(at2025, early, 40).fractionOver > 0.002);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("panel: play advances the date at the chosen speed and stops at the end without loop", "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    Timeline& tl = hv.viewer->scene().timeline;
    const Timeline range = hv.viewer->timeRange();
    tl.current = range.start;
    hv.viewer->panel().playback.loop = false;
    hv.viewer->panel().playback.yearsPerSecond = 3.0;
    hv.clickWidget("time.play");
    REQUIRE(hv.viewer->panel().playback.playing);
    const double t0 = tl.current;
    for (int i = 0; i < 30; ++i) hv.frame();  // one second
    CHECK(tl.current - t0 == Approx(3.0).margin(0.25));
    hv.step = 10.0;  // long frames: the end comes
    for (int i = 0; i < 40 && hv.viewer->panel().playback.playing; ++i) hv.frame();
    CHECK_FALSE(hv.viewer->panel().playback.playing);
    CHECK(tl.current == Approx(range.end));
}

TEST_CASE("panel: raising a layer moves it up the drawing order, in the scene and on the globe", "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    const Scene& s = hv.viewer->scene();
    const std::size_t lakes = indexOfLayer(s, "lakes");
    REQUIRE(lakes + 1 < s.layers.size());
    const std::string above = s.layers[lakes + 1].id;
    // Open the lakes row (its tree node), then press Raise.
    hv.scrollPanelTo("layer.row.lakes");
    hv.clickWidget("layer.row.lakes");
    hv.scrollPanelTo("layer.raise.lakes");
    hv.clickWidget("layer.raise.lakes");
    CHECK(s.layers[lakes + 1].id == "lakes");
    CHECK(s.layers[lakes].id == above);
    const auto a = hv.viewer->view().indexOf("lakes"), b = hv.viewer->view().indexOf(above);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a > *b);  // draped layers follow the scene's order
}

TEST_CASE("panel: F12 saves a screenshot named for the place and date; 2x is twice the size, with or without the panel",
          "[panel_ui]") {
    HeadlessViewer hv(kW / 2, kH / 2, kPose);
    for (int i = 0; i < 3; ++i) hv.frame();
    const auto dir = std::filesystem::temp_directory_path() / "plateau-screenshots";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto plain = hv.viewer->saveScreenshot(2, false, dir.string());
    REQUIRE(plain.ok());
    auto withPanel = hv.viewer->saveScreenshot(2, true, (dir / "panel").string());
    CHECK_FALSE(withPanel.ok());  // the folder does not exist: an error, not a crash
    std::filesystem::create_directories(dir / "panel");
    withPanel = hv.viewer->saveScreenshot(2, true, (dir / "panel").string());
    REQUIRE(withPanel.ok());
    const std::string name = std::filesystem::path(*plain).filename().string();
    CHECK(name.rfind("plateau_", 0) == 0);
    CHECK(name.find("2025") != std::string::npos);
    auto a = readPngFile(*plain), b = readPngFile(*withPanel);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->width == kW);
    CHECK(a->height == kH);
    // The panel covers the top left of the picture taken with it.
    std::vector<std::uint8_t> ra = a->pixels, rb = b->pixels;
    CHECK(test::compareImages(ra, rb, 40).fractionOver > 0.05);
    // The key does the same with the panel's settings.
    hv.viewer->panel().screenshot.folder = dir.string();
    hv.viewer->panel().screenshot.scale = 1;
    hv.pressKey(GLFW_KEY_F12);
    // Same place and date: the same name, now at the window's size (replaced atomically).
    const auto again = readPngFile(*plain);
    REQUIRE(again.ok());
    CHECK(again->width == kW / 2);
    CHECK(hv.viewer->panel().message.rfind("saved ", 0) == 0);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("info cards: clicking the lake opens its card; clicking a deposit marker opens the deposit's; the sky none",
          "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    hv.viewer->panel().settings.showPanel = false;
    hv.settledFrame();
    hv.frame();
    // The middle of the lake in this view (see panel_layer_hidden.png's counterpart).
    hv.click(200.0f, 250.0f);
    REQUIRE(hv.viewer->infoCard().has_value());
    INFO("card: " << hv.viewer->infoCard()->title << " / " << hv.viewer->infoCard()->kind);
    CHECK(hv.viewer->infoCard()->kind == "Lakes");
    CHECK(hv.viewer->infoCard()->title.find("Yum") != std::string::npos);
    REQUIRE(ui::widgetRect("info.window"));
    // A deposit marker where the viewer drew it, in the scene's own view (Qulong and Jiama).
    hv.viewer->camera() = makeCamera(hv.viewer->scene().camera, kW, kH);
    hv.settledFrame();
    hv.frame();
    const auto& layers = hv.viewer->deposits().layers();
    std::optional<std::pair<float, float>> at;
    std::string name;
    for (std::size_t i = 0; i < layers.size() && !at; ++i)
        for (const auto& m : hv.viewer->deposits().frame(i).markers)
            if (m.x > 20 && m.x < kW - 20 && m.y > 20 && m.y < kH - 120) {
                at = std::make_pair(m.x, m.y);
                name = layers[i].deposits[m.deposit].name;
                break;
            }
    REQUIRE(at);
    hv.click(at->first, at->second);
    REQUIRE(hv.viewer->infoCard().has_value());
    CHECK(hv.viewer->infoCard()->title == name);
    CHECK(hv.viewer->infoCard()->kind.rfind("deposit", 0) == 0);
    // Looking at the horizon: a click in the sky picks nothing and closes the card.
    CameraPose level = hv.viewer->scene().camera;
    level.pitch_deg = -3.0;
    hv.viewer->camera() = makeCamera(level, kW, kH);
    hv.settledFrame();
    hv.frame();
    hv.click(kW * 0.5f, 3.0f);
    CHECK_FALSE(hv.viewer->infoCard().has_value());
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("layers added at run time: a good file is drawn on top; a bad one is marked failed and the rest stays",
          "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    hv.viewer->panel().settings.showPanel = false;
    const auto before = hv.settledFrame();
    const std::size_t count = hv.viewer->scene().layers.size();
    const auto dir = test::tempDir("runtime-layer");
    test::writeText(dir / "square.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature",
      "properties":{"name":"test square"},"geometry":{"type":"Polygon","coordinates":[[[90.65,28.85],[90.85,28.85],
      [90.85,29.0],[90.65,29.0],[90.65,28.85]]]}}]})");
    const std::string id = hv.viewer->addLayer(test::vectorLayer("lakes", dir / "square.geojson", {1.0f, 0.0f, 1.0f, 1.0f}));
    CHECK(id == "lakes-2");  // the id was taken: a suffix keeps both
    hv.viewer->addLayer(test::vectorLayer("missing", dir / "no-such-file.geojson", {0.0f, 1.0f, 0.0f, 1.0f}));
    CHECK(hv.viewer->scene().layers.size() == count + 2);
    const auto after = hv.settledFrame();
    const auto magenta = test::mask(after, kW, kH, [](int r, int g, int b) { return r > 200 && g < 60 && b > 200; });
    CHECK(test::countSet(magenta) > std::size_t(kW * kH / 50));
    const auto idx = hv.viewer->view().indexOf("missing");
    REQUIRE(idx);
    CHECK_FALSE(hv.viewer->view().layers()[*idx].error.empty());
    CHECK(hv.viewer->view().layers()[*idx].error.find("no-such-file.geojson") != std::string::npos);
    // Everything else is drawn as before outside the square.
    CHECK(test::compareImages(before, after, 40).fractionOver < 0.5);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("debug views: wireframe draws the terrain's triangles as lines; tile bounds outline the drawn tiles",
          "[panel_ui]") {
    HeadlessViewer hv(kW, kH, kPose);
    hv.viewer->panel().settings.showPanel = false;
    hv.viewer->panel().showTimeBar = false;
    const auto filled = hv.settledFrame();
    REQUIRE(hv.session->context().supportsWireframe());  // lavapipe has fillModeNonSolid
    hv.viewer->panel().settings.wireframe = true;
    const auto wire = hv.settledFrame();
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/panel_wireframe.png", wire, kW, kH);
    // Between the lines the sky and the clear colour show: most of the picture changes.
    CHECK(test::compareImages(filled, wire, 40).fractionOver > 0.3);
    hv.viewer->panel().settings.wireframe = false;
    hv.viewer->panel().settings.tileBounds = true;
    const auto bounds = hv.settledFrame();
    const auto outline = test::mask(bounds, kW, kH, [](int r, int g, int b) { return r > 200 && g < 110 && b > 150; });
    CHECK(test::countSet(outline) > std::size_t(kW));  // several tiles' edges, each many pixels long
    CHECK(hv.validationMessages() == 0);
}
