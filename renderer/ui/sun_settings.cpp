#include "ui/sun_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "ui/widget_rects.h"

namespace plateau::ui {

namespace {

int daysInMonth(int year, int month) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[std::clamp(month, 1, 12) - 1];
}

}  // namespace

bool applySunSettings(SunSettings& sun, double lon_deg, double lat_deg, Shading& shading) {
    if (sun.mode != SunSettings::Mode::DateTime) return false;
    const UtcDateTime t = toUtc(sun.year, sun.month, sun.day, sun.hours, sun.clock, lon_deg);
    sun.computed = solarPosition(t, lon_deg, lat_deg, sun.refraction);
    const ShownSun shown = shownSun(sun.computed);
    sun.belowHorizon = shown.belowHorizon;
    // Changes below a hundredth of a degree are not worth a redraw (the view centre moves a
    // little every frame while the camera glides).
    const bool changed = std::abs(shading.sunAzimuthDeg - shown.azimuthDeg) > 0.01 ||
                         std::abs(shading.sunElevationDeg - shown.elevationDeg) > 0.01;
    shading.sunAzimuthDeg = shown.azimuthDeg;
    shading.sunElevationDeg = shown.elevationDeg;
    return changed;
}

bool drawSunSettings(SunSettings& sun, Shading& shading) {
    const double lon_deg = sun.centreLon, lat_deg = sun.centreLat;
    bool changed = false;
    ImGui::PushID("sun");
    int mode = sun.mode == SunSettings::Mode::DateTime ? 1 : 0;
    ImGui::TextUnformatted("Sun");
    ImGui::SameLine();
    bool modeChanged = ImGui::RadioButton("azimuth and elevation", &mode, 0);
    noteItem("sun.mode.angles");
    ImGui::SameLine();
    modeChanged |= ImGui::RadioButton("date and time", &mode, 1);
    noteItem("sun.mode.datetime");
    sun.mode = mode == 1 ? SunSettings::Mode::DateTime : SunSettings::Mode::AzimuthElevation;

    if (sun.mode == SunSettings::Mode::AzimuthElevation) {
        float az = float(shading.sunAzimuthDeg), el = float(shading.sunElevationDeg);
        if (ImGui::SliderFloat("Sun azimuth", &az, 0.0f, 360.0f, "%.0f deg")) {
            shading.sunAzimuthDeg = az;
            changed = true;
        }
        if (ImGui::SliderFloat("Sun elevation", &el, float(kLowestShownSunElevationDeg), 90.0f, "%.0f deg")) {
            shading.sunElevationDeg = el;
            changed = true;
        }
        ImGui::PopID();
        return changed;
    }

    bool edited = modeChanged;
    int date[3] = {sun.year, sun.month, sun.day};
    if (ImGui::InputInt3("Date (Y M D)", date)) {
        sun.year = std::clamp(date[0], 1800, 2200);
        sun.month = std::clamp(date[1], 1, 12);
        sun.day = std::clamp(date[2], 1, daysInMonth(sun.year, sun.month));
        edited = true;
    }
    float hours = float(sun.hours);
    const int minutes = int(std::round(sun.hours * 60.0)) % (24 * 60);
    char timeText[16];
    std::snprintf(timeText, sizeof timeText, "%02d:%02d", minutes / 60, minutes % 60);
    if (ImGui::SliderFloat("Time of day", &hours, 0.0f, 24.0f, timeText)) {
        sun.hours = std::clamp(double(hours), 0.0, 23.999);
        edited = true;
    }
    noteItem("sun.time");
    int clock = sun.clock == ClockKind::LocalSolar ? 0 : sun.clock == ClockKind::UtcOffset ? 1 : 2;
    edited |= ImGui::RadioButton("local solar", &clock, 0);
    ImGui::SameLine();
    edited |= ImGui::RadioButton("UTC+8", &clock, 1);
    ImGui::SameLine();
    edited |= ImGui::RadioButton("UTC", &clock, 2);
    sun.clock = clock == 0 ? ClockKind::LocalSolar : clock == 1 ? ClockKind::UtcOffset : ClockKind::Utc;
    edited |= ImGui::Checkbox("Refraction", &sun.refraction);

    changed |= applySunSettings(sun, lon_deg, lat_deg, shading) || edited;
    ImGui::TextDisabled("at %.2f %s %.2f %s: azimuth %.1f, elevation %.1f deg", std::abs(lat_deg), lat_deg >= 0 ? "N" : "S",
                        std::abs(lon_deg), lon_deg >= 0 ? "E" : "W", sun.computed.azimuthDeg, sun.computed.elevationDeg);
    if (sun.belowHorizon)
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "The sun is below the horizon: shown as a low sun.");
    ImGui::PopID();
    return changed;
}

}  // namespace plateau::ui
