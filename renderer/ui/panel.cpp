#include "ui/panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/layers_panel.h"
#include "ui/overlay.h"
#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

std::string mib(std::size_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f MiB", double(bytes) / 1048576.0);
    return buf;
}

bool viewSection(ViewSettings& s, SunSettings& sun) {
    bool changed = false;
    float exag = float(s.shading.exaggeration);
    if (ImGui::SliderFloat("Exaggeration", &exag, 1.0f, 5.0f, "%.1fx")) {
        s.shading.exaggeration = exag;
        changed = true;
    }
    noteItem("view.exaggeration");
    changed |= drawSunSettings(sun, s.shading);
    float contour = float(s.shading.contourIntervalM);
    if (ImGui::SliderFloat("Contours", &contour, 0.0f, 1000.0f, contour > 0.0f ? "every %.0f m" : "off")) {
        s.shading.contourIntervalM = contour;
        changed = true;
    }
    changed |= ImGui::Checkbox("Haze", &s.shading.haze);
    float sse = float(s.maxScreenSpaceError);
    if (ImGui::SliderFloat("Terrain detail", &sse, 0.5f, 16.0f, "%.1f px error")) {
        s.maxScreenSpaceError = sse;
        changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Screen-space error: smaller draws finer tiles");
    changed |= ImGui::Checkbox("Tile bounds", &s.tileBounds);
    noteItem("view.tilebounds");
    ImGui::SameLine();
    changed |= ImGui::Checkbox("Wireframe", &s.wireframe);
    noteItem("view.wireframe");
    changed |= drawTextSizeSetting(s.textSizePercent);
    noteItem("view.textsize");
    changed |= ImGui::Checkbox("Scale bar", &s.scaleBar);
    noteItem("view.scalebar");
    ImGui::SameLine();
    changed |= ImGui::Checkbox("North arrow", &s.northArrow);
    noteItem("view.northarrow");
    changed |= drawUndergroundSettings(s.underground);
    return changed;
}

void statisticsSection(const PanelStats& st) {
    ImGui::TextUnformatted(st.camera.c_str());
    ImGui::Text("frame %.1f ms (%.0f fps)", st.frameMs, st.frameMs > 0.0 ? 1000.0 / st.frameMs : 0.0);
    ImGui::Text("tiles: %d drawn, %d loading, %d layer tiles loading", st.tilesDrawn, st.tilesLoading,
                st.overlayLoading);
    auto bar = [](const char* what, std::size_t used, std::size_t budget, const std::string& text) {
        const float f = budget ? float(double(used) / double(budget)) : 0.0f;
        ImGui::ProgressBar(f, ImVec2(160.0f, 0.0f), text.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(what);
    };
    bar("GPU terrain tiles", st.gpuTiles, st.gpuTileCapacity,
        std::to_string(st.gpuTiles) + " / " + std::to_string(st.gpuTileCapacity));
    bar("GPU layer tiles", st.overlaySlots, st.overlayCapacity,
        std::to_string(st.overlaySlots) + " / " + std::to_string(st.overlayCapacity));
    bar("decoded tiles (CPU)", st.cpuTileBytes, st.cpuBudgetBytes, mib(st.cpuTileBytes) + " / " + mib(st.cpuBudgetBytes));
}

bool screenshotSection(ScreenshotSettings& s) {
    ImGui::SetNextItemWidth(120.0f);
    ImGui::SliderInt("Size", &s.scale, 1, 4, "%dx the window");
    ImGui::Checkbox("With the panel", &s.withPanel);
    char folder[512];
    std::snprintf(folder, sizeof folder, "%s", s.folder.c_str());
    ImGui::SetNextItemWidth(220.0f);
    if (ImGui::InputText("Folder", folder, sizeof folder)) s.folder = folder;
    const bool take = ImGui::Button("Save screenshot (F12)");
    noteItem("screenshot.save");
    return take;
}

}  // namespace

PanelActions drawPanel(PanelState& state, std::vector<LayerDesc>& layers, Timeline& timeline, const Timeline& range,
                       const PanelModel& model) {
    PanelActions actions;
    ImGui::SetNextWindowPos(ImVec2(10.0f, 10.0f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(420.0f, 0.0f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.85f);
    // Never down over the time bar: the panel scrolls instead.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSizeConstraints(ImVec2(200.0f, 100.0f),
                                        ImVec2(display.x - 20.0f, std::max(100.0f, display.y - 10.0f - kTimeBarReserve)));
    if (ImGui::Begin(kPanelWindow, &state.settings.showPanel)) {
        noteWindow("panel.window");
        if (!state.message.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "%s", state.message.c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::SmallButton("dismiss")) state.message.clear();
        }
        const bool files = ImGui::CollapsingHeader("Scene file");
        noteItem("panel.files");
        if (files) actions.file = drawSceneFilesSection(state.files, model.sceneFile);
        if (ImGui::CollapsingHeader("Layers", ImGuiTreeNodeFlags_DefaultOpen)) drawLayersSection(layers, model, range, actions);
        if (ImGui::CollapsingHeader("Legend")) drawLegendSection(layers, model);
        if (timeline.present && ImGui::CollapsingHeader("Time")) {
            ImGui::Checkbox("Show the time bar", &state.showTimeBar);
            float year = float(timeline.current);
            if (ImGui::SliderFloat("Date", &year, float(range.start), float(range.end), "%.2f")) {
                timeline.current = double(year);
                actions.layersChanged = true;
            }
        }
        if (ImGui::CollapsingHeader("Navigation")) drawNavigationSection(state.navigation);
        const bool viewOpen = ImGui::CollapsingHeader("View");
        noteItem("section.view");
        if (viewOpen) actions.settingsChanged |= viewSection(state.settings, state.sun);
        const bool measureOpen = ImGui::CollapsingHeader("Measure");
        noteItem("panel.measure");
        if (measureOpen) drawMeasureSection(state.measure);
        if (ImGui::CollapsingHeader("Statistics")) statisticsSection(model.stats);
        if (ImGui::CollapsingHeader("Screenshot")) actions.screenshot |= screenshotSection(state.screenshot);
    }
    ImGui::End();
    return actions;
}

}  // namespace plateau::ui
