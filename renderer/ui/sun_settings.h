#pragma once
// The sun in the View section: either an azimuth and elevation typed in, or a date and a time
// of day at the view centre from which the sun's position is computed (core/solar_position.h).
// Writes Shading.sunAzimuthDeg / sunElevationDeg; a sun below the horizon is shown as a dim low
// sun at its azimuth (core: shownSun), and the section says the real sun is down.
#include "core/scene.h"
#include "core/solar_position.h"

namespace plateau::ui {

struct SunSettings {
    enum class Mode { AzimuthElevation, DateTime } mode = Mode::AzimuthElevation;
    int year = 2024, month = 6, day = 21;
    double hours = 11.0;                     // time of day in `clock`
    ClockKind clock = ClockKind::UtcOffset;  // UTC+8 (Beijing time, kept on the plateau)
    bool refraction = true;
    // Where the sun is computed for: the view centre, set by the viewer each frame.
    double centreLon = 91.1, centreLat = 29.65;
    // The last computed position (DateTime mode) and whether the real sun is below the horizon.
    SunPosition computed;
    bool belowHorizon = false;
};

// DateTime mode: the sun at the date and time over (lon, lat), written into `shading`.
// AzimuthElevation mode: leaves `shading` as it is. Returns true when `shading` changed.
bool applySunSettings(SunSettings& sun, double lon_deg, double lat_deg, Shading& shading);

// The section's widgets, for the place (centreLon, centreLat). Returns true when `shading`
// changed (the caller redraws).
bool drawSunSettings(SunSettings& sun, Shading& shading);

}  // namespace plateau::ui
