#include "ui/record_panel.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <imgui.h>

#include "ui/widget_rects.h"

namespace plateau::ui {

RecordPanelActions drawRecordPanel(RecordPanelState& state, const RecordPanelModel& model) {
    RecordPanelActions actions;
    if (model.running) {
        const RecordProgress p = model.progress.value_or(RecordProgress{});
        const float f = p.total > 0 ? float(p.done) / float(p.total) : 0.0f;
        const std::string text = model.progress ? formatProgressLine(p).substr(std::strlen("record: ")) : "starting…";
        ImGui::ProgressBar(f, ImVec2(-1.0f, 0.0f), text.c_str());
        noteItem("record.progress");
        if (ImGui::Button("Cancel recording")) actions.cancel = true;
        noteItem("record.cancel");
    } else {
        if (!model.havePath) ImGui::BeginDisabled();
        if (ImGui::Button(state.open ? "Record… (hide)" : "Record…")) state.open = !state.open;
        noteItem("record.open");
        if (!model.havePath) {
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::TextDisabled("needs two keyframes");
        }
        if (state.open && model.havePath) {
            ImGui::PushItemWidth(ImGui::GetFontSize() * 5.0f);
            ImGui::InputInt("width", &state.width, 0);
            ImGui::SameLine();
            ImGui::InputInt("height", &state.height, 0);
            ImGui::InputInt("fps", &state.fps, 0);
            ImGui::PopItemWidth();
            // H.264 in yuv420p needs even sizes; keep them so rather than fail later.
            state.width = std::clamp(state.width + state.width % 2, 16, 7680);
            state.height = std::clamp(state.height + state.height % 2, 16, 4320);
            state.fps = std::clamp(state.fps, 1, 120);
            char buf[512];
            std::snprintf(buf, sizeof buf, "%s", state.out.c_str());
            if (ImGui::InputText("output", buf, sizeof buf)) state.out = buf;
            noteItem("record.out");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("a .mp4 file, or a folder ending in '/' for PNG frames");
            if (ImGui::Button("Start recording")) actions.start = true;
            noteItem("record.start");
        }
    }
    if (!model.message.empty()) ImGui::TextWrapped("%s", model.message.c_str());
    return actions;
}

}  // namespace plateau::ui
