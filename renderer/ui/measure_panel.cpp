#include "ui/measure_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

constexpr std::size_t kMaxProfileSamples = 1024;
const ImU32 kLineColour = IM_COL32(255, 214, 10, 255);  // bright yellow: visible on every relief colour
const ImU32 kHighColour = IM_COL32(213, 94, 0, 255);    // Okabe-Ito vermillion
const ImU32 kLowColour = IM_COL32(86, 180, 233, 255);   // Okabe-Ito sky blue

// A round step for axis ticks: 1, 2 or 5 times a power of ten, about span / 4.
double niceStep(double span) {
    if (!(span > 0)) return 1.0;
    const double raw = span / 4.0;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0})
        if (raw <= m * p) return m * p;
    return 10.0 * p;
}

std::string axisDistance(double metres, bool km) {
    char buf[32];
    if (km) std::snprintf(buf, sizeof buf, "%g km", metres / 1000.0);
    else std::snprintf(buf, sizeof buf, "%g m", metres);
    return buf;
}

// The profile as a filled area with axes: heights in m on the left, distance along the bottom
// (m or km), the highest and lowest points marked and labelled.
void drawProfilePlot(const ElevationProfile& p) {
    if (!p.highest || p.samples.size() < 2 || !(p.length_m > 0)) {
        ImGui::TextDisabled("No heights along the line yet.");
        return;
    }
    const float line = ImGui::GetTextLineHeight();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 200.0f);
    const float height = line * 9.0f;
    const float left = ImGui::CalcTextSize("8888 m").x + 6.0f, bottom = line + 4.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0(origin.x + left, origin.y + 2.0f), p1(origin.x + width - 4.0f, origin.y + height - bottom);
    dl->AddRectFilled(p0, p1, IM_COL32(20, 24, 30, 200));

    double lo = p.lowest->height_m, hi = p.highest->height_m;
    if (hi - lo < 10.0) {  // a flat line still gets a readable axis
        lo -= 5.0;
        hi += 5.0;
    }
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    auto sx = [&](double d) { return p0.x + float(d / p.length_m) * (p1.x - p0.x); };
    auto sy = [&](double h) { return p1.y - float((h - lo) / (hi - lo)) * (p1.y - p0.y); };

    // Height axis: round values in m.
    const double hStep = niceStep(hi - lo);
    for (double h = std::ceil(lo / hStep) * hStep; h <= hi; h += hStep) {
        const float y = sy(h);
        dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), IM_COL32(255, 255, 255, 40));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f m", h);
        dl->AddText(ImVec2(origin.x + left - 4.0f - ImGui::CalcTextSize(buf).x, y - line * 0.5f), IM_COL32(200, 200, 200, 255), buf);
    }
    // Distance axis: km from 2 km on, m below.
    const bool km = p.length_m >= 2000.0;
    const double dStep = niceStep(p.length_m);
    for (double d = 0; d <= p.length_m * 1.0001; d += dStep) {
        const float x = sx(d);
        dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 3.0f), IM_COL32(200, 200, 200, 255));
        const std::string t = axisDistance(d, km);
        const float tw = ImGui::CalcTextSize(t.c_str()).x;
        dl->AddText(ImVec2(std::clamp(x - tw * 0.5f, p0.x, p1.x - tw), p1.y + 3.0f), IM_COL32(200, 200, 200, 255), t.c_str());
    }

    // The ground: filled down to the axis, one quad per pair of samples with heights.
    const ProfileSample* prev = nullptr;
    for (const ProfileSample& s : p.samples) {
        if (!s.height_m) {
            prev = nullptr;  // a gap where no height is known
            continue;
        }
        if (prev) {
            const ImVec2 a(sx(prev->distance_m), sy(*prev->height_m)), b(sx(s.distance_m), sy(*s.height_m));
            dl->AddQuadFilled(a, b, ImVec2(b.x, p1.y), ImVec2(a.x, p1.y), IM_COL32(150, 130, 95, 160));
            dl->AddLine(a, b, kLineColour, 1.5f);
        }
        prev = &s;
    }
    auto mark = [&](const ProfileExtreme& e, ImU32 colour, const char* what, bool above) {
        const ImVec2 c(sx(e.distance_m), sy(e.height_m));
        dl->AddCircleFilled(c, 4.0f, colour);
        dl->AddCircle(c, 4.5f, IM_COL32(0, 0, 0, 255));
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s %.0f m", what, e.height_m);
        const float tw = ImGui::CalcTextSize(buf).x;
        // The highest label above its point, the lowest below, both inside the plot.
        const float ty = above ? c.y - line - 3.0f : c.y + 4.0f;
        dl->AddText(ImVec2(std::clamp(c.x - tw * 0.5f, p0.x, p1.x - tw), std::clamp(ty, p0.y, p1.y - line)), colour, buf);
    };
    mark(*p.lowest, kLowColour, "low", false);
    mark(*p.highest, kHighColour, "high", true);
}

}  // namespace

// The length needs no heights, so it is current at once; the profile waits for updateMeasure.
void addMeasurePoint(MeasureTool& tool, const MeasurePoint& p) {
    tool.points.push_back(p);
    tool.length = measurePolyline(tool.points);
    tool.stale = true;
}

void undoMeasurePoint(MeasureTool& tool) {
    if (tool.points.empty()) return;
    tool.points.pop_back();
    tool.length = measurePolyline(tool.points);
    tool.stale = true;
}

void clearMeasure(MeasureTool& tool) {
    tool.points.clear();
    tool.length = measurePolyline(tool.points);
    tool.stale = true;
}

void updateMeasure(MeasureTool& tool, const HeightFunction& height, double spacing_m) {
    tool.length = measurePolyline(tool.points);
    tool.profile = elevationProfile(tool.points, height, spacing_m, kMaxProfileSamples);
    tool.stale = false;
}

MeasureActions drawMeasureSection(MeasureTool& tool) {
    MeasureActions a;
    ImGui::PushID("measure");
    a.toggled = ImGui::Checkbox("Measure (click the ground)", &tool.active);
    noteItem("measure.active");
    ImGui::SameLine();
    ImGui::BeginDisabled(tool.points.empty());
    if (ImGui::SmallButton("Undo")) {
        undoMeasurePoint(tool);
        a.undo = true;
    }
    noteItem("measure.undo");
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear")) {
        clearMeasure(tool);
        a.clear = true;
    }
    noteItem("measure.clear");
    ImGui::EndDisabled();

    if (tool.points.size() < 2) {
        if (tool.active) ImGui::TextDisabled("Click two or more points on the terrain (%zu so far).", tool.points.size());
        else ImGui::TextDisabled("Turn measuring on, then click points on the terrain.");
        ImGui::PopID();
        return a;
    }
    ImGui::Text("Distance: %s", formatDistance(tool.length.total_m).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(geodesic, WGS84)");
    if (tool.length.segments_m.size() > 1 && ImGui::TreeNode("segments", "%zu segments", tool.length.segments_m.size())) {
        for (std::size_t i = 0; i < tool.length.segments_m.size(); ++i)
            ImGui::Text("%zu-%zu: %s", i + 1, i + 2, formatDistance(tool.length.segments_m[i]).c_str());
        ImGui::TreePop();
    }
    const ElevationProfile& p = tool.profile;
    if (p.highest && p.lowest) {
        ImGui::Text("High %.0f m at %s, low %.0f m at %s", p.highest->height_m, formatDistance(p.highest->distance_m).c_str(),
                    p.lowest->height_m, formatDistance(p.lowest->distance_m).c_str());
        ImGui::Text("Climb %.0f m, descent %.0f m", p.climb_m, p.descent_m);
        ImGui::Text("Slope: mean %.1f%% (%.1f deg), steepest %.0f%% (%.1f deg)", p.meanSlopePct, p.meanSlopeDeg,
                    p.steepestSlopePct, p.steepestSlopeDeg);
    }
    drawProfilePlot(p);
    noteItem("measure.profile");
    ImGui::PopID();
    return a;
}

void drawMeasureLine(const MeasureTool& tool, const ScreenProjection& project) {
    if (tool.points.empty() || !project) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    std::vector<ImVec2> path;
    auto flush = [&] {
        if (path.size() >= 2) {
            dl->AddPolyline(path.data(), int(path.size()), IM_COL32(0, 0, 0, 200), 0, 4.0f);  // dark edge
            dl->AddPolyline(path.data(), int(path.size()), kLineColour, 0, 2.0f);
        }
        path.clear();
    };
    if (!tool.stale && tool.profile.samples.size() >= 2) {
        for (const ProfileSample& s : tool.profile.samples) {
            const auto q = s.height_m ? project(s.lon_deg, s.lat_deg, *s.height_m) : std::nullopt;
            if (!q) {
                flush();
                continue;
            }
            path.emplace_back((*q)[0], (*q)[1]);
        }
        flush();
    }
    for (std::size_t i = 0; i < tool.points.size(); ++i) {
        const MeasurePoint& m = tool.points[i];
        const auto q = project(m.lon_deg, m.lat_deg, m.height_m);
        if (!q) continue;
        const ImVec2 c((*q)[0], (*q)[1]);
        dl->AddCircleFilled(c, 5.0f, IM_COL32(0, 0, 0, 220));
        dl->AddCircleFilled(c, 3.5f, kLineColour);
        const std::string number = std::to_string(i + 1);
        dl->AddText(ImVec2(c.x + 6.0f, c.y - 16.0f), IM_COL32(255, 255, 255, 255), number.c_str());
    }
}

}  // namespace plateau::ui
