#include "ui/deposit_overlay.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/text_draw.h"

namespace plateau::ui {

namespace {

ImU32 colourOf(const Colour& c, float alpha = 1.0f) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], c[3] * alpha));
}


}  // namespace

void drawDepositMarkers(const DepositFrame& frame) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    for (const DepositMarker& m : frame.markers) {
        const ImVec2 c(m.x, m.y);
        const float r = std::max(1.5f, m.diameter * 0.5f);
        // Enough segments that large discs stay round, few for small ones.
        const int segments = std::clamp(int(r * 1.5f), 10, 48);
        if (m.producing) {
            dl->AddCircle(c, r + 3.5f, IM_COL32(20, 20, 20, 230), segments, 3.5f);
            dl->AddCircle(c, r + 3.5f, IM_COL32(255, 255, 255, 255), segments, 1.8f);
        }
        // The outline is a dark disc under the coloured one: a third of the triangles of a
        // stroked circle, which counts on a software rasteriser (690 markers).
        dl->AddCircleFilled(c, r + 1.2f, IM_COL32(25, 25, 25, 230), segments);
        dl->AddCircleFilled(c, r, colourOf(m.colour, 1.0f), segments);
    }
    for (const DepositLabel& l : frame.labels) {
        // Names in any script, shaped (ui/text_draw.h), with the dark halo of map labels.
        const TextLayout layout = layoutText(l.text);
        const ImVec2 at(l.x, l.y - layout.height * 0.5f);
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                if (dx || dy) drawLayout(dl, ImVec2(at.x + float(dx), at.y + float(dy)), IM_COL32(0, 0, 0, 200), layout);
        drawLayout(dl, at, IM_COL32(255, 255, 255, 255), layout);
    }
}

void drawDepositLegends(const std::vector<DepositLegend>& legends) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Top right: the status label holds the bottom right and the panel the top left.
    ImGui::SetNextWindowPos(ImVec2(display.x - 10.0f, 10.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    if (ImGui::Begin("##deposit-legend", nullptr, flags)) {
        const float line = ImGui::GetTextLineHeight();
        // A small frame (a thumbnail, a test image) keeps the colours only: the size discs and
        // the source line would cover most of it. The frame's credits still name the source.
        const bool compact = display.y < 24.0f * line;
        for (const DepositLegend& l : legends) {
            textUnformatted(l.title);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            for (const auto& [caption, colour] : l.colours) {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                dl->AddCircleFilled(ImVec2(p.x + line * 0.5f, p.y + line * 0.5f), line * 0.35f, colourOf(colour), 16);
                ImGui::Dummy(ImVec2(line, line));
                ImGui::SameLine();
                ImGui::TextUnformatted(caption.c_str());
            }
            // Sizes side by side, each disc above its caption.
            if (compact) continue;
            float largest = 0;
            for (const auto& s : l.sizes) largest = std::max(largest, s.second);
            for (std::size_t i = 0; i < l.sizes.size(); ++i) {
                const auto& [caption, diameter] = l.sizes[i];
                if (i) ImGui::SameLine();
                ImGui::BeginGroup();
                const float w = std::max(largest, ImGui::CalcTextSize(caption.c_str()).x);
                const ImVec2 p = ImGui::GetCursorScreenPos();
                dl->AddCircle(ImVec2(p.x + w * 0.5f, p.y + largest * 0.5f), diameter * 0.5f, IM_COL32(230, 230, 230, 255), 32, 1.5f);
                ImGui::Dummy(ImVec2(w, largest));
                ImGui::TextUnformatted(caption.c_str());
                ImGui::EndGroup();
            }
            if (!l.note.empty()) ImGui::TextDisabled("%s", l.note.c_str());
        }
    }
    ImGui::End();
}

}  // namespace plateau::ui
