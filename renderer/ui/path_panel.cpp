#include "ui/path_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

constexpr Easing kEasings[] = {Easing::EaseInOut, Easing::Linear, Easing::EaseIn, Easing::EaseOut};

void drawKeyframeSettings(Keyframe& k, bool last, PathPanelActions& out) {
    double d = k.duration_s;
    ImGui::SetNextItemWidth(120.0f);
    if (ImGui::InputDouble(last ? "hold at the end (s)" : "to the next (s)", &d, 0.5, 2.0, "%.2f")) {
        k.duration_s = std::clamp(d, 0.1, 3600.0);
        out.changed = true;
    }
    noteItem("path.duration");
    ImGui::SetNextItemWidth(120.0f);
    if (ImGui::BeginCombo("easing", easingLabel(k.easing))) {
        for (Easing e : kEasings)
            if (ImGui::Selectable(easingLabel(e), e == k.easing)) {
                k.easing = e;
                out.changed = true;
            }
        ImGui::EndCombo();
    }
    double fov = k.pose.fov_deg;
    ImGui::SetNextItemWidth(120.0f);
    if (ImGui::InputDouble("field of view", &fov, 1.0, 5.0, "%.1f")) {
        k.pose.fov_deg = std::clamp(fov, kMinFovDeg, kMaxFovDeg);
        out.changed = true;
    }
    if (k.time) {
        ImGui::TextDisabled("date %.2f", *k.time);
        ImGui::SameLine();
        if (ImGui::SmallButton("forget date")) {
            k.time.reset();
            out.changed = true;
        }
    }
    if (!k.layers.empty()) {
        ImGui::TextDisabled("%zu layer states", k.layers.size());
        ImGui::SameLine();
        if (ImGui::SmallButton("forget layers")) {
            k.layers.clear();
            out.changed = true;
        }
    }
    out.changed |= ImGui::InputText("title##key", &k.caption.title);
    out.changed |= ImGui::InputText("subtitle##key", &k.caption.subtitle);
    out.changed |= ImGui::InputText("source##key", &k.caption.source);
}

}  // namespace

const char* easingLabel(Easing e) {
    switch (e) {
        case Easing::Linear: return "linear";
        case Easing::EaseIn: return "ease-in";
        case Easing::EaseOut: return "ease-out";
        case Easing::EaseInOut: return "ease-in-out";
    }
    return "ease-in-out";
}

std::string keyframeLabel(const Keyframe& k) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.2f%c %.2f%c, %.0f m", std::fabs(k.pose.lon_deg), k.pose.lon_deg < 0 ? 'W' : 'E',
                  std::fabs(k.pose.lat_deg), k.pose.lat_deg < 0 ? 'S' : 'N', k.pose.height_m);
    return buf;
}

PathPanelActions drawPathSection(PathPanelState& s, CameraPath& path, const PathPreviewInfo& preview) {
    PathPanelActions out;
    if (s.selected && *s.selected >= path.keys.size()) s.selected.reset();

    out.capture = ImGui::Button("Add view (K)");
    noteItem("path.capture");
    ImGui::SameLine();
    ImGui::Checkbox("with date", &s.captureTime);
    ImGui::SameLine();
    ImGui::Checkbox("with layers", &s.captureLayers);
    ImGui::InputText("title", &s.caption.title);
    noteItem("path.title");
    ImGui::InputText("subtitle", &s.caption.subtitle);
    ImGui::InputText("source", &s.caption.source);

    // The keyframes, each with up, down and delete.
    std::optional<std::size_t> up, down, remove;
    for (std::size_t i = 0; i < path.keys.size(); ++i) {
        ImGui::PushID(int(i));
        const Keyframe& k = path.keys[i];
        const std::string label = std::to_string(i + 1) + ". " + keyframeLabel(k) +
                                  (k.caption.title.empty() ? "" : "  " + k.caption.title);
        if (ImGui::Selectable(label.c_str(), s.selected == i, 0, ImVec2(ImGui::GetContentRegionAvail().x - 90.0f, 0)))
            s.selected = s.selected == i ? std::nullopt : std::optional<std::size_t>(i);
        noteItem("path.key." + std::to_string(i));
        ImGui::SameLine();
        if (ImGui::SmallButton("^") && i > 0) up = i;
        ImGui::SameLine();
        if (ImGui::SmallButton("v") && i + 1 < path.keys.size()) down = i;
        noteItem("path.down." + std::to_string(i));
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) remove = i;
        noteItem("path.delete." + std::to_string(i));
        if (s.selected == i) {
            ImGui::Indent();
            drawKeyframeSettings(path.keys[i], i + 1 == path.keys.size(), out);
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
    if (up) std::swap(path.keys[*up], path.keys[*up - 1]);
    if (down) std::swap(path.keys[*down], path.keys[*down + 1]);
    if (remove) path.keys.erase(path.keys.begin() + std::ptrdiff_t(*remove));
    if (up || down || remove) {
        out.changed = true;
        s.selected.reset();
    }
    if (path.keys.empty()) ImGui::TextDisabled("No keyframes: move the camera and add views.");

    out.changed |= ImGui::Checkbox("constant speed", &path.constantGroundSpeed);
    ImGui::SameLine();
    double clearance = path.clearance_m;
    ImGui::SetNextItemWidth(100.0f);
    if (ImGui::InputDouble("clearance (m)", &clearance, 10.0, 100.0, "%.0f")) {
        path.clearance_m = std::clamp(clearance, 0.0, 100000.0);
        out.changed = true;
    }

    // Preview: play or stop, and a slider that scrubs.
    ImGui::BeginDisabled(path.keys.size() < 2 && !preview.playing);
    if (preview.playing) {
        out.stop = ImGui::Button("Stop (Esc)");
        noteItem("path.stop");
    } else {
        out.play = ImGui::Button("Preview");
        noteItem("path.preview");
    }
    ImGui::SameLine();
    float t = float(preview.position);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::SliderFloat("##path time", &t, 0.0f, float(std::max(preview.duration, 0.001)), "%.1f s"))
        out.scrub = double(t);
    noteItem("path.slider");
    ImGui::EndDisabled();

    // Files.
    const std::filesystem::path folder = s.file.empty() ? std::filesystem::current_path() : s.file.parent_path();
    if (ImGui::Button("Open path...")) openFileBrowser(s.browser, "Open path", folder, {".json"}, FileBrowserMode::Open);
    noteItem("path.open");
    ImGui::SameLine();
    ImGui::BeginDisabled(path.keys.empty());
    if (ImGui::Button("Save path")) {
        if (s.file.empty())
            openFileBrowser(s.browser, "Save path as", folder, {".json"}, FileBrowserMode::Save, "flight.json");
        else
            out.save = s.file;
    }
    noteItem("path.save");
    ImGui::SameLine();
    if (ImGui::Button("Save as..."))
        openFileBrowser(s.browser, "Save path as", folder, {".json"}, FileBrowserMode::Save,
                        s.file.empty() ? "flight.json" : s.file.filename().string());
    ImGui::EndDisabled();
    if (const FileBrowserResult r = fileBrowser(s.browser); r.action == FileBrowserAction::Chosen) {
        if (s.browser.mode == FileBrowserMode::Open) out.open = r.path;
        else out.save = r.path;
    }
    if (!s.file.empty()) ImGui::TextDisabled("%s", s.file.filename().string().c_str());
    if (!s.message.empty()) ImGui::TextWrapped("%s", s.message.c_str());
    return out;
}

}  // namespace plateau::ui
