// Text in the whole viewer, driven as a user drives it: the View section's "Text size" slider
// rebuilds the fonts and the panel grows, validation-clean; and places named in Tibetan and
// Chinese script are drawn on the map with their shaped glyphs.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "core/text_runs.h"
#include "gpu_test_support.h"
#include "layer_test_support.h"
#include "ui/fonts.h"
#include "ui/text_draw.h"
#include "ui/text_shaper.h"
#include "ui/widget_rects.h"
#include "viewer_test_support.h"

using namespace plateau;
using plateau::test::HeadlessViewer;

namespace {

constexpr int kW = 640, kH = 360;
const CameraPose kLhasa{91.12, 29.35, 60000.0, 0.0, -55.0};

// A scene over the committed relief with one point layer of places named in three scripts.
std::filesystem::path placesScene() {
    const auto dir = test::tempDir("text_ui");
    test::writeText(dir / "places.geojson", R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "ལྷ་ས 拉萨"}, "geometry": {"type": "Point", "coordinates": [91.117, 29.65]}},
  {"type": "Feature", "properties": {"name": "སྟོད་ལུང"}, "geometry": {"type": "Point", "coordinates": [90.90, 29.55]}}]})");
    test::writeText(dir / "scene.json", std::string(R"({"title": "text", "terrain": {"type": "gdal", "path": ")") +
                                            PLATEAU_SOURCE_DIR + R"(/assets/terrain/himalaya_srtm30.tif"},
  "camera": {"lon": 91.12, "lat": 29.35, "height": 60000, "heading": 0, "pitch": -55},
  "layers": [{"id": "places", "title": "Places", "type": "vector", "source": {"type": "ogr", "path": "places.geojson"},
              "style": {"fill": "#ffffff", "stroke": "#000000", "point_size": 5, "label": "name"}}]})");
    return dir / "scene.json";
}

// Vertices of the frame's draw lists whose texture coordinates are a glyph's corner.
int verticesWithUv(ImVec2 uv) {
    const ImDrawData* d = ImGui::GetDrawData();
    int n = 0;
    for (int i = 0; d && i < d->CmdListsCount; ++i)
        for (const ImDrawVert& v : d->CmdLists[i]->VtxBuffer) n += (v.uv.x == uv.x && v.uv.y == uv.y) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("text: the View section's Text size slider scales the fonts and the panel, validation-clean", "[text_ui]") {
    HeadlessViewer hv(kW, kH, kLhasa);
    hv.frame();
    hv.scrollPanelTo("section.view");
    hv.clickWidget("section.view");
    hv.scrollPanelTo("view.textsize");
    const auto before = ui::widgetRect("view.textsize");
    REQUIRE(before);
    const float fontBefore = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    const float percentBefore = hv.viewer->panel().settings.textSizePercent;
    CHECK(percentBefore == 100.0f);
    // A click near the slider's right end sets it near its maximum (250 %) when released. The
    // item's rectangle holds the slider and then its label.
    const float label = ImGui::CalcTextSize("Text size").x + ImGui::GetStyle().ItemInnerSpacing.x;
    hv.click(before->x0 + 0.95f * (before->x1 - label - before->x0), before->cy());
    const float percent = hv.viewer->panel().settings.textSizePercent;
    CHECK(percent > 200.0f);
    hv.frame();  // the rebuild happens before this frame's NewFrame
    CHECK(ui::builtFontOptions().textSizePercent == percent);
    const float fontAfter = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
    // Both sizes are rounded to whole pixels (11 px at this target's 0.75 scale).
    CHECK(fontAfter == Approx(fontBefore * percent / percentBefore).epsilon(0.06));
    hv.scrollPanelTo("view.textsize");
    const auto after = ui::widgetRect("view.textsize");
    REQUIRE(after);
    CHECK(after->y1 - after->y0 > 1.8f * (before->y1 - before->y0));
    const auto img = hv.frame(true);
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/text_ui_large.png", img, kW, kH);
    CHECK(hv.validationMessages() == 0);
}

TEST_CASE("text: places named in Tibetan and Chinese are drawn on the map with their shaped glyphs", "[text_ui]") {
    HeadlessViewer hv(kW, kH, kLhasa, placesScene());
    hv.viewer->panel().settings.showPanel = false;
    hv.settledFrame();
    const auto img = hv.frame(true);  // any glyphs the first frames lacked are baked by now
    test::writePng(std::string(PLATEAU_TEST_OUTPUT) + "/text_ui_places.png", img, kW, kH);
    CHECK_FALSE(ui::fontsNeedRebuild());
    REQUIRE(ui::tibetanShaper() != nullptr);
    for (const char* name : {"ལྷ་ས", "སྟོད་ལུང"}) {
        INFO(name);
        const ui::ShapedRun run = ui::tibetanShaper()->shape(name, Script::Tibetan);
        CHECK(run.glyphs.size() <= decodeUtf8(name).size());
        for (const ui::ShapedGlyph& g : run.glyphs) {
            const ui::AtlasGlyph* a = ui::tibetanGlyph(g.glyph);
            REQUIRE(a != nullptr);
            if (a->width <= 0.0f) continue;
            // Each glyph of the label is in the frame: nine times at least (the halo and the text).
            CHECK(verticesWithUv(ImVec2(a->u0, a->v0)) >= 9);
        }
    }
    // The Hanzi through ImGui's own glyphs, baked for this scene's names.
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    for (char32_t c : {U'拉', U'萨'}) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(ImWchar(c));
        REQUIRE(g != nullptr);
        CHECK(verticesWithUv(ImVec2(g->U0, g->V0)) >= 9);
    }
    CHECK(hv.validationMessages() == 0);
}
