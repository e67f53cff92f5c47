// The time bar (ui/panel.h): along the bottom of the screen, readable from the back of a room.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/panel.h"
#include "ui/widget_rects.h"

namespace plateau::ui {

bool drawTimeBar(Timeline& timeline, const Timeline& range, Playback& playback, const std::vector<double>& dataDates) {
    bool changed = false;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Bottom left: the data label takes the bottom right.
    // Under half the width on small screens too, so it never reaches the label's half.
    const float width = std::max(std::min(420.0f, display.x * 0.48f), display.x * 0.45f);
    ImGui::SetNextWindowPos(ImVec2(10.0f, display.y - 10.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.7f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoMove;
    if (ImGui::Begin(kTimeWindow, nullptr, flags)) {
        // The date, twice the text size: a classroom reads it on a projector.
        ImGui::SetWindowFontScale(2.0f);
        ImGui::TextUnformatted(formatDate(timeline.current).c_str());
        noteItem("time.date");
        ImGui::SetWindowFontScale(1.0f);
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeight() * 0.4f);
        if (ImGui::Button(playback.playing ? "Pause" : "Play", ImVec2(64.0f, 0.0f))) {
            // Play from the start when the date stands at the end.
            if (!playback.playing && timeline.current >= range.end) {
                timeline.current = range.start;
                changed = true;
            }
            playback.playing = !playback.playing;
        }
        noteItem("time.play");
        ImGui::SameLine();
        float speed = float(playback.yearsPerSecond);
        ImGui::SetNextItemWidth(130.0f);
        if (ImGui::SliderFloat("##speed", &speed, 0.1f, 20.0f, "%.1f years/s", ImGuiSliderFlags_Logarithmic))
            playback.yearsPerSecond = double(speed);
        noteItem("time.speed");
        ImGui::SameLine();
        ImGui::Checkbox("Loop", &playback.loop);
        noteItem("time.loop");

        float year = float(timeline.current);
        ImGui::SetNextItemWidth(-1.0f);
        if (ImGui::SliderFloat("##date", &year, float(range.start), float(range.end), "")) {
            timeline.current = std::clamp(double(year), range.start, range.end);
            playback.playing = false;  // the user took the date in hand
            changed = true;
        }
        noteItem("time.slider");
        // Ticks where the data changes, under the slider, and the range's ends.
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        const float grab = ImGui::GetStyle().GrabMinSize * 0.5f + ImGui::GetStyle().FramePadding.x * 0.5f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const double span = std::max(1e-9, range.end - range.start);
        for (double d : dataDates) {
            if (d < range.start || d > range.end) continue;
            const float x = a.x + grab + float((d - range.start) / span) * (b.x - a.x - 2.0f * grab);
            dl->AddLine(ImVec2(x, b.y - 5.0f), ImVec2(x, b.y + 3.0f), IM_COL32(255, 205, 90, 255), 2.0f);
        }
        char ends[64];
        std::snprintf(ends, sizeof ends, "%.0f", std::floor(range.start));
        ImGui::TextDisabled("%s", ends);
        std::snprintf(ends, sizeof ends, "%.0f", std::floor(range.end));
        ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - ImGui::CalcTextSize(ends).x -
                        ImGui::GetStyle().ItemSpacing.x);
        ImGui::TextDisabled("%s", ends);
    }
    ImGui::End();
    return changed;
}

}  // namespace plateau::ui
