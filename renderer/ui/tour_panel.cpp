#include "ui/tour_panel.h"

#include <imgui.h>

#include "ui/widget_rects.h"

namespace plateau::ui {

TourPanelRequest drawTourSection(TourPanelState& s, const TourPanelModel& m) {
    TourPanelRequest r;
    if (ImGui::Button("Open tour...")) {
        const std::filesystem::path start = m.file.empty() ? std::filesystem::current_path() : m.file.parent_path();
        openFileBrowser(s.browser, "Open tour", start, {".json"}, FileBrowserMode::Open, m.file.filename().string());
    }
    noteItem("tour.open");
    if (s.browser.open) {
        const FileBrowserResult b = fileBrowser(s.browser);
        if (b.action == FileBrowserAction::Chosen) r.open = b.path;
    }
    if (!m.error.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "%s", m.error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (m.stops.empty()) {
        ImGui::TextDisabled("No tour loaded (plateau --tour FILE, or Open tour)");
        return r;
    }
    const std::string title = m.title.empty() ? m.file.filename().string() : m.title;
    ImGui::TextUnformatted(title.c_str());
    for (std::size_t i = 0; i < m.stops.size(); ++i) {
        ImGui::PushID(int(i));
        const std::string label = std::to_string(i + 1) + ". " + (m.stops[i].empty() ? "(unnamed)" : m.stops[i]);
        if (ImGui::Selectable(label.c_str(), m.current == i)) r.goTo = i;
        noteItem("tour.stop." + std::to_string(i));
        ImGui::PopID();
    }
    if (ImGui::Button("Start presenting")) r.present = m.current.value_or(0);
    noteItem("tour.present");
    ImGui::SameLine();
    ImGui::Checkbox("Autoplay", &s.autoplay);
    noteItem("tour.autoplay");
    ImGui::TextDisabled("Presenter: PgDn/Space/Right/Down next, PgUp/Left/Up back, Home/End,");
    ImGui::TextDisabled("P autoplay, T notes, Esc leaves");
    return r;
}

void drawPresenterNotes(const PresenterNotes& n) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 10.0f, vp->Pos.y + vp->Size.y - 10.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(200.0f, 0.0f), ImVec2(vp->Size.x * 0.45f, vp->Size.y * 0.6f));
    ImGui::SetNextWindowBgAlpha(0.8f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    if (ImGui::Begin(kPresenterNotesWindow, nullptr, flags)) {
        noteWindow("tour.notes");
        ImGui::Text("%s: stop %zu of %zu%s", n.tourTitle.c_str(), n.index + 1, n.count, n.flying ? " (flying)" : "");
        ImGui::TextUnformatted(n.stopName.c_str());
        ImGui::Separator();
        ImGui::PushTextWrapPos(vp->Size.x * 0.43f);
        ImGui::TextUnformatted(n.narration.empty() ? "(no narration)" : n.narration.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Separator();
        ImGui::TextDisabled("Next: PgDn, Space, Right, Down   Back: PgUp, Left, Up   Home/End");
        ImGui::TextDisabled("P: autoplay %s   T: hide these notes   Esc: leave", n.autoplay ? "on" : "off");
    }
    ImGui::End();
}

}  // namespace plateau::ui
