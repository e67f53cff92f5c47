#pragma once
// Where the sun is in the sky for a UTC date and time at a longitude and latitude: the NOAA
// solar calculator's algorithm (after Meeus, "Astronomical Algorithms", ch. 25 and 28), good to
// about 0.01 degrees from 1800 to 2100, which is far below what shading can show. Azimuth is
// clockwise from north (as Shading.sunAzimuthDeg), elevation above the horizon, optionally with
// the standard atmospheric refraction the NOAA calculator applies.
//
// Times are UT (the NOAA calculator takes UT for dynamical time: a 70 s difference moves the sun
// by 0.3 arc minutes).

namespace plateau {

struct UtcDateTime {
    int year = 2000, month = 1, day = 1;  // proleptic Gregorian calendar
    double hour = 12.0;                   // of the day, UTC, fraction included (12.5 = 12:30)
};

// The same instant with `hour` in [0, 24) and the date moved by whole days as needed (an hour of
// -2 is 22:00 the day before). Non-finite hours give the date at 00:00.
UtcDateTime normalised(UtcDateTime t);
UtcDateTime addHours(UtcDateTime t, double hours);
// Julian Day (JD 2451545.0 is 2000-01-01 12:00 UT).
double julianDay(const UtcDateTime& t);

struct SunPosition {
    double azimuthDeg = 0;        // clockwise from north, [0, 360)
    double elevationDeg = 0;      // above the horizon; refraction included if asked
    double declinationDeg = 0;    // apparent declination
    double equationOfTimeMin = 0; // apparent minus mean solar time, minutes
    double hourAngleDeg = 0;      // (-180, 180], negative before local solar noon
};

SunPosition solarPosition(const UtcDateTime& t, double lon_deg, double lat_deg, bool refraction = true);

// Local apparent (sundial) solar time at a longitude, hours in [0, 24): 12 at solar noon.
double localSolarTimeHours(const UtcDateTime& t, double lon_deg);
// The UTC instant at which the local apparent solar time at `lon_deg` on the civil date
// (year, month, day) at that longitude is `solarHours`.
UtcDateTime utcFromLocalSolarTime(int year, int month, int day, double solarHours, double lon_deg);

// A time of day as the user states it: local apparent solar time at the longitude, UTC, or a
// fixed offset from UTC (China keeps UTC+8 across the plateau, two hours ahead of Lhasa's sun).
enum class ClockKind { LocalSolar, Utc, UtcOffset };
UtcDateTime toUtc(int year, int month, int day, double hours, ClockKind clock, double lon_deg,
                  double offsetHours = 8.0);

// What the view shows for a computed sun. A sun below the horizon lights nothing (the shader's
// direct light would vanish and the terrain go nearly black), so the view keeps a dim, low sun
// at the same azimuth, at this elevation, and says the real sun is down.
constexpr double kLowestShownSunElevationDeg = 4.0;
struct ShownSun {
    double azimuthDeg = 0, elevationDeg = 0;
    bool belowHorizon = false;
};
ShownSun shownSun(const SunPosition& s);

// Atmospheric refraction in degrees for a geometric elevation (NOAA's piecewise fit, standard
// pressure and temperature).
double atmosphericRefractionDeg(double elevationDeg);

}  // namespace plateau
