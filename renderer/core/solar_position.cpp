#include "core/solar_position.h"

#include <algorithm>
#include <cmath>

namespace plateau {

namespace {

constexpr double kPi = 3.14159265358979323846;
double rad(double d) { return d * kPi / 180.0; }
double deg(double r) { return r * 180.0 / kPi; }
double wrap360(double d) {
    d = std::fmod(d, 360.0);
    return d < 0 ? d + 360.0 : d;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms:
// exact for any year, no tables, no time zone library).
long long daysFromCivil(long long y, long long m, long long d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(long long z, int& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yoe + era * 400 + (m <= 2));
}

// The sun's apparent place and the equation of time for a Julian Day (NOAA's spreadsheet).
struct SunPlace {
    double declinationDeg, equationOfTimeMin;
};

SunPlace sunPlace(double jd) {
    const double T = (jd - 2451545.0) / 36525.0;  // Julian centuries since J2000.0
    const double L0 = wrap360(280.46646 + T * (36000.76983 + T * 0.0003032));  // mean longitude
    const double M = 357.52911 + T * (35999.05029 - 0.0001537 * T);            // mean anomaly
    const double e = 0.016708634 - T * (0.000042037 + 0.0000001267 * T);      // orbit eccentricity
    const double C = std::sin(rad(M)) * (1.914602 - T * (0.004817 + 0.000014 * T)) +
                     std::sin(rad(2 * M)) * (0.019993 - 0.000101 * T) + std::sin(rad(3 * M)) * 0.000289;
    const double omega = 125.04 - 1934.136 * T;  // longitude of the Moon's ascending node
    const double lambda = L0 + C - 0.00569 - 0.00478 * std::sin(rad(omega));  // apparent longitude
    const double eps0 = 23.0 + (26.0 + (21.448 - T * (46.815 + T * (0.00059 - T * 0.001813))) / 60.0) / 60.0;
    const double eps = eps0 + 0.00256 * std::cos(rad(omega));  // obliquity, corrected for nutation
    const double decl = deg(std::asin(std::sin(rad(eps)) * std::sin(rad(lambda))));
    const double y = std::pow(std::tan(rad(eps / 2)), 2);
    const double eot = 4.0 * deg(y * std::sin(2 * rad(L0)) - 2 * e * std::sin(rad(M)) +
                                 4 * e * y * std::sin(rad(M)) * std::cos(2 * rad(L0)) -
                                 0.5 * y * y * std::sin(4 * rad(L0)) - 1.25 * e * e * std::sin(2 * rad(M)));
    return {decl, eot};
}

}  // namespace

UtcDateTime normalised(UtcDateTime t) {
    if (!std::isfinite(t.hour)) t.hour = 0;
    // Beyond a million years the date no longer matters; keep the arithmetic in range.
    const double dayShift = std::floor(std::clamp(t.hour, -24.0 * 4e8, 24.0 * 4e8) / 24.0);
    const long long days = daysFromCivil(t.year, t.month, t.day) + static_cast<long long>(dayShift);
    t.hour -= dayShift * 24.0;
    if (t.hour >= 24.0) t.hour = 0.0;  // rounding of a value just below a whole day
    civilFromDays(days, t.year, t.month, t.day);
    return t;
}

UtcDateTime addHours(UtcDateTime t, double hours) {
    t.hour += hours;
    return normalised(t);
}

double julianDay(const UtcDateTime& t) {
    return 2440587.5 + double(daysFromCivil(t.year, t.month, t.day)) + t.hour / 24.0;
}

double atmosphericRefractionDeg(double e) {
    if (e > 85.0) return 0.0;
    const double te = std::tan(rad(e));
    double arcsec = 0;
    if (e > 5.0)
        arcsec = 58.1 / te - 0.07 / std::pow(te, 3) + 0.000086 / std::pow(te, 5);
    else if (e > -0.575)
        arcsec = 1735.0 + e * (-518.2 + e * (103.4 + e * (-12.79 + e * 0.711)));
    else
        arcsec = -20.772 / te;
    return arcsec / 3600.0;
}

SunPosition solarPosition(const UtcDateTime& t, double lon_deg, double lat_deg, bool refraction) {
    const UtcDateTime n = normalised(t);
    const SunPlace sp = sunPlace(julianDay(n));
    SunPosition r;
    r.declinationDeg = sp.declinationDeg;
    r.equationOfTimeMin = sp.equationOfTimeMin;
    // True solar time in minutes, then the hour angle: 0 at local solar noon.
    const double tst = std::fmod(n.hour * 60.0 + sp.equationOfTimeMin + 4.0 * lon_deg, 1440.0);
    double ha = tst / 4.0 - 180.0;
    ha = std::fmod(ha + 540.0, 360.0) - 180.0;
    if (ha <= -180.0) ha += 360.0;
    r.hourAngleDeg = ha;
    const double phi = rad(lat_deg), delta = rad(sp.declinationDeg), h = rad(ha);
    const double sinElev = std::sin(phi) * std::sin(delta) + std::cos(phi) * std::cos(delta) * std::cos(h);
    r.elevationDeg = deg(std::asin(std::fmax(-1.0, std::fmin(1.0, sinElev))));
    // Meeus (13.5): azimuth from south, westward positive; atan2 stays defined at the poles and
    // at the zenith, where the NOAA spreadsheet's arccos divides by zero.
    const double azSouth = std::atan2(std::sin(h), std::cos(h) * std::sin(phi) - std::tan(delta) * std::cos(phi));
    r.azimuthDeg = wrap360(deg(azSouth) + 180.0);
    if (refraction) r.elevationDeg += atmosphericRefractionDeg(r.elevationDeg);
    return r;
}

double localSolarTimeHours(const UtcDateTime& t, double lon_deg) {
    const UtcDateTime n = normalised(t);
    const SunPlace sp = sunPlace(julianDay(n));
    const double h = std::fmod(n.hour + (sp.equationOfTimeMin + 4.0 * lon_deg) / 60.0, 24.0);
    return h < 0 ? h + 24.0 : h;
}

UtcDateTime utcFromLocalSolarTime(int year, int month, int day, double solarHours, double lon_deg) {
    // Mean solar time differs from UTC by the longitude (4 minutes a degree), apparent from mean
    // by the equation of time, which depends on the instant: two refinements reach 1e-6 s.
    UtcDateTime t{year, month, day, solarHours - lon_deg / 15.0};
    for (int i = 0; i < 3; ++i) {
        const double eot = sunPlace(julianDay(normalised(t))).equationOfTimeMin;
        t.hour = solarHours - lon_deg / 15.0 - eot / 60.0;
    }
    return normalised(t);
}

UtcDateTime toUtc(int year, int month, int day, double hours, ClockKind clock, double lon_deg, double offsetHours) {
    switch (clock) {
        case ClockKind::LocalSolar: return utcFromLocalSolarTime(year, month, day, hours, lon_deg);
        case ClockKind::Utc: return normalised({year, month, day, hours});
        case ClockKind::UtcOffset: return normalised({year, month, day, hours - offsetHours});
    }
    return normalised({year, month, day, hours});
}

ShownSun shownSun(const SunPosition& s) {
    ShownSun r{s.azimuthDeg, s.elevationDeg, s.elevationDeg < 0.0};
    r.elevationDeg = std::max(r.elevationDeg, kLowestShownSunElevationDeg);
    return r;
}

}  // namespace plateau
