#include "ui/overlay.h"

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/frame_overlay.h"
#include "ui/text_draw.h"

namespace plateau::ui {

namespace {
FontOptions optionsFor(float scale) {
    FontOptions o = builtFontOptions();
    // The whole scale is carried as the content scale; the text-size percentage is the caller's.
    o.contentScale = scale;
    o.textSizePercent = 100.0f;
    return o;
}

void applyStyle(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.ScaleAllSizes(scale);
}
}  // namespace

std::vector<std::string> setupImGui(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini written into the user's folder
    applyStyle(scale);
    return buildFonts(optionsFor(scale));
}

std::vector<std::string> setupImGui(const FontOptions& fonts) {
    ImGui::GetIO().IniFilename = nullptr;
    applyStyle(fonts.pixelScale());
    return buildFonts(fonts);
}

std::vector<std::string> applyUiScale(float scale) {
    applyStyle(scale);
    return buildFonts(optionsFor(scale));
}

bool refreshFonts(float contentScale, float textSizePercent) {
    FontOptions o = builtFontOptions();
    const bool rescale = o.contentScale != contentScale || o.textSizePercent != textSizePercent;
    if (!rescale && !fontsNeedRebuild()) return false;
    o.contentScale = contentScale;
    o.textSizePercent = textSizePercent;
    if (rescale) applyStyle(o.pixelScale());
    buildFonts(o);
    return true;
}

void drawLabel(const StatusInfo& status) {
    // The status box of the frame overlay, alone: one place draws the title, data label, date
    // and credits, whether a frame comes from the viewer or from a bare offscreen session.
    FrameOverlayContent c;
    c.title = status.title;
    c.label = status.label;
    c.date = status.date;
    c.attributions = status.attributions;
    c.picked = status.picked;
    FrameOverlayOptions o;
    o.caption = o.scaleBar = o.northArrow = false;
    drawFrameOverlay(c, o);
}

void drawMapLabels(const std::vector<ScreenLabel>& labels) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    for (const ScreenLabel& l : labels) {
        const TextLayout layout = layoutText(l.text);
        const ImVec2 at(l.x + 6.0f, l.y - layout.height * 0.5f);
        dl->AddCircleFilled(ImVec2(l.x, l.y), 2.5f, IM_COL32(20, 20, 20, 230));
        // A dark halo keeps the text readable on snow and on dark rock alike.
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                if (dx || dy) drawLayout(dl, ImVec2(at.x + float(dx), at.y + float(dy)), IM_COL32(0, 0, 0, 200), layout);
        drawLayout(dl, at, IM_COL32(255, 255, 255, 255), layout);
    }
}

std::pair<float, float> measureText(const std::string& text) {
    if (!ImGui::GetCurrentContext() || ImGui::GetIO().Fonts->Fonts.empty()) return {8.0f * float(text.size()), 14.0f};
    const ImVec2 s = textSize(text);
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
