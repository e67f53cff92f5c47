#include "ui/overlay.h"

#include <filesystem>

#include <imgui.h>

namespace plateau::ui {

void setupImGui(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini written into the user's folder
    const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    // Latin-1 plus general punctuation: catalogue names use typographic apostrophes and dashes
    // (U+2019 in "Lakang'e"), which ImGui's default range would draw as '?'.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0};
    if (std::filesystem::exists(font)) io.Fonts->AddFontFromFileTTF(font, 15.0f * scale, nullptr, ranges);
    else io.Fonts->AddFontDefault();
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.ScaleAllSizes(scale);
}

void drawLabel(const StatusInfo& status) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(size.x - 10.0f, size.y - 10.0f), ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.55f);
    // At most half the width: the time bar takes the bottom left.
    ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(size.x * 0.5f - 20.0f, size.y));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    if (ImGui::Begin("##label", nullptr, flags)) {
        ImGui::PushTextWrapPos(size.x * 0.5f - 30.0f);
        if (!status.title.empty()) ImGui::TextUnformatted(status.title.c_str());
        if (!status.label.empty()) ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "%s", status.label.c_str());
        if (!status.date.empty()) ImGui::Text("%s", status.date.c_str());
        for (const std::string& a : status.attributions)
            ImGui::TextColored(ImVec4(0.85f, 0.85f, 0.85f, 1.0f), "%s", a.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
}

void drawMapLabels(const std::vector<ScreenLabel>& labels) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    for (const ScreenLabel& l : labels) {
        const ImVec2 size = ImGui::CalcTextSize(l.text.c_str());
        const ImVec2 at(l.x + 6.0f, l.y - size.y * 0.5f);
        dl->AddCircleFilled(ImVec2(l.x, l.y), 2.5f, IM_COL32(20, 20, 20, 230));
        // A dark halo keeps the text readable on snow and on dark rock alike.
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                if (dx || dy) dl->AddText(ImVec2(at.x + float(dx), at.y + float(dy)), IM_COL32(0, 0, 0, 200), l.text.c_str());
        dl->AddText(at, IM_COL32(255, 255, 255, 255), l.text.c_str());
    }
}

std::pair<float, float> measureText(const std::string& text) {
    // Also outside a frame (before NewFrame there is no current font): the atlas's first font.
    ImFont* font = ImGui::GetFont();
    if (!font) font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    if (!font) return {8.0f * float(text.size()), 14.0f};
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImVec2 s = font->CalcTextSizeA(size, 1.0e9f, 0.0f, text.c_str());
    return {s.x, s.y};
}

// The underground view: bodies under translucent or cut-away terrain, the camera below it.
bool drawUndergroundSettings(UndergroundView& u) {
    bool changed = false;
    ImGui::Separator();
    changed |= ImGui::Checkbox("Underground view", &u.enabled);
    if (!u.enabled) return changed;
    float opacity = float(u.terrainOpacity) * 100.0f;
    if (ImGui::SliderFloat("Terrain opacity", &opacity, 0.0f, 100.0f, "%.0f %%")) {
        u.terrainOpacity = opacity / 100.0f;
        changed = true;
    }
    float depth = float(u.maxDepthBelowSurface);
    if (ImGui::SliderFloat("Camera depth limit", &depth, 0.0f, 20000.0f, "%.0f m")) {
        u.maxDepthBelowSurface = depth;
        changed = true;
    }
    changed |= ImGui::Checkbox("Cutaway", &u.cutawayOn);
    if (u.cutawayOn) {
        float lon = float(u.cutaway.lon_deg), lat = float(u.cutaway.lat_deg), heading = float(u.cutaway.heading_deg);
        if (ImGui::DragFloat("Cut longitude", &lon, 0.001f, -180.0f, 180.0f, "%.3f")) { u.cutaway.lon_deg = lon; changed = true; }
        if (ImGui::DragFloat("Cut latitude", &lat, 0.001f, -90.0f, 90.0f, "%.3f")) { u.cutaway.lat_deg = lat; changed = true; }
        if (ImGui::SliderFloat("Cut faces", &heading, 0.0f, 360.0f, "%.0f deg")) { u.cutaway.heading_deg = heading; changed = true; }
    }
    return changed;
}

}  // namespace plateau::ui
