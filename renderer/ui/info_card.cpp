#include "ui/info_card.h"

#include <imgui.h>

#include "ui/text_draw.h"
#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {
// Title, kind, the rows and the source: the same in the window and the hover tooltip.
void cardContents(const InfoCard& card) {
    ImGui::SetWindowFontScale(1.15f);
    textUnformatted(card.title);  // names in any script, shaped
    ImGui::SetWindowFontScale(1.0f);
    ImGui::TextDisabled("%s", card.kind.c_str());
    ImGui::Separator();
    if (ImGui::BeginTable("rows", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        for (const auto& [label, value] : card.rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextDisabled("%s", label.c_str());
            ImGui::TableSetColumnIndex(1);
            if (needsShaping(value)) {
                textUnformatted(value);  // a name in Tibetan: shaped, one line
            } else {
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 320.0f);
                ImGui::TextUnformatted(value.c_str());
                ImGui::PopTextWrapPos();
            }
        }
        ImGui::EndTable();
    }
    if (!card.source.empty()) {
        ImGui::Separator();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 380.0f);
        ImGui::TextDisabled("Source: %s", card.source.c_str());
        ImGui::PopTextWrapPos();
    }
}
}  // namespace

bool drawInfoCard(const InfoCard& card) {
    bool open = true;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x - 10.0f, display.y * 0.35f), ImGuiCond_Appearing, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.9f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(220.0f, 0.0f), ImVec2(display.x * 0.45f, display.y * 0.6f));
    if (ImGui::Begin(kInfoWindow, &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        noteWindow("info.window");
        cardContents(card);
    }
    ImGui::End();
    return open;
}

void drawInfoTooltip(const InfoCard& card) {
    ImGui::BeginTooltip();
    cardContents(card);
    ImGui::EndTooltip();
}

}  // namespace plateau::ui
