// The sun's azimuth and elevation from a UTC instant and a place (core/solar_position.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/solar_position.h"

using namespace plateau;

TEST_CASE("Julian Day and calendar arithmetic", "[solar]") {
    CHECK(julianDay({2000, 1, 1, 12.0}) == 2451545.0);
    // Meeus, Astronomical Algorithms, example 7.a: 1957 October 4.81 is JD 2436116.31.
    CHECK(julianDay({1957, 10, 4, 0.81 * 24}) == Approx(2436116.31).margin(1e-9));
    const UtcDateTime back = addHours({2024, 3, 1, 1.0}, -2.0);  // across a leap day
    CHECK(back.year == 2024);
    CHECK(back.month == 2);
    CHECK(back.day == 29);
    CHECK(back.hour == Approx(23.0));
    const UtcDateTime fwd = addHours({2023, 12, 31, 20.0}, 8.0);  // UTC+8 across New Year
    CHECK(fwd.year == 2024);
    CHECK(fwd.month == 1);
    CHECK(fwd.day == 1);
    CHECK(fwd.hour == Approx(4.0));
    CHECK(normalised({2024, 5, 5, std::nan("")}).hour == 0.0);
}

TEST_CASE("Solar position matches the published NREL SPA example within 0.02 degrees", "[solar]") {
    // Reda & Andreas (2004), "Solar position algorithm for solar radiation applications", NREL
    // TP-560-34302, table A5.1: Golden, Colorado, 2003-10-17 12:30:30 local time (UTC-7):
    // topocentric zenith 50.11162 (with refraction at 820 mbar, 11 C), azimuth 194.34024.
    const SunPosition s = solarPosition({2003, 10, 17, 19.0 + 30.5 / 60.0}, -105.1786, 39.742476);
    CHECK(s.azimuthDeg == Approx(194.34024).margin(0.02));
    CHECK(s.elevationDeg == Approx(90.0 - 50.11162).margin(0.02));
}

TEST_CASE("Declination and equation of time match Meeus' worked examples", "[solar]") {
    // Meeus, examples 25.a and 28.b: 1992 October 13.0 TD, apparent declination -7.78507 deg,
    // equation of time +13 min 42.7 s.
    const SunPosition s = solarPosition({1992, 10, 13, 0.0}, 0.0, 0.0);
    CHECK(s.declinationDeg == Approx(-7.78507).margin(0.01));
    CHECK(s.equationOfTimeMin == Approx(13.0 + 42.7 / 60.0).margin(0.05));
}

TEST_CASE("The sun at solar noon is due south at 90 - |lat - declination|", "[solar]") {
    const double lhasaLon = 91.1172, lhasaLat = 29.6469;
    for (const auto& [m, d] : {std::pair{3, 20}, std::pair{6, 21}, std::pair{9, 22}, std::pair{12, 21}}) {
        const UtcDateTime noon = utcFromLocalSolarTime(2024, m, d, 12.0, lhasaLon);
        CHECK(localSolarTimeHours(noon, lhasaLon) == Approx(12.0).margin(1e-6));
        const SunPosition s = solarPosition(noon, lhasaLon, lhasaLat, false);
        INFO("2024-" << m << "-" << d);
        CHECK(std::abs(s.hourAngleDeg) < 1e-4);
        CHECK(s.azimuthDeg == Approx(180.0).margin(0.01));
        CHECK(s.elevationDeg == Approx(90.0 - std::abs(lhasaLat - s.declinationDeg)).margin(1e-6));
    }
    // On the March equinox the sun is over the equator: noon elevation is 90 - latitude.
    const SunPosition eq = solarPosition(utcFromLocalSolarTime(2024, 3, 20, 12.0, lhasaLon), lhasaLon, lhasaLat, false);
    CHECK(std::abs(eq.declinationDeg) < 0.2);
    CHECK(eq.elevationDeg == Approx(90.0 - lhasaLat).margin(0.2));
    // June solstice: declination 23.44 degrees; the sun is north of the zenith at 10 N.
    const SunPosition jun = solarPosition(utcFromLocalSolarTime(2024, 6, 20, 12.0, 0.0), 0.0, 10.0, false);
    CHECK(jun.declinationDeg == Approx(23.44).margin(0.02));
    CHECK(jun.azimuthDeg == Approx(0.0).margin(0.01));
    // Southern hemisphere: the noon sun is due north.
    CHECK(solarPosition(utcFromLocalSolarTime(2024, 1, 10, 12.0, 151.2), 151.2, -33.9).azimuthDeg ==
          Approx(0.0).margin(0.01));
}

TEST_CASE("Morning sun is in the east, evening sun in the west, midnight sun below", "[solar]") {
    const double lon = 91.1172, lat = 29.6469;
    // Beijing time (UTC+8), which Lhasa keeps, is two hours ahead of its solar time.
    const UtcDateTime morning = addHours({2024, 6, 21, 9.0}, -8.0);
    const SunPosition am = solarPosition(morning, lon, lat);
    CHECK(am.azimuthDeg > 60.0);
    CHECK(am.azimuthDeg < 100.0);
    CHECK(am.elevationDeg > 0.0);
    CHECK(am.elevationDeg < 30.0);
    CHECK(am.hourAngleDeg < 0.0);
    const SunPosition pm = solarPosition(utcFromLocalSolarTime(2024, 6, 21, 16.0, lon), lon, lat);
    CHECK(pm.azimuthDeg > 260.0);
    CHECK(pm.azimuthDeg < 300.0);
    CHECK(pm.hourAngleDeg == Approx(60.0).margin(1e-3));
    const SunPosition night = solarPosition(utcFromLocalSolarTime(2024, 6, 21, 0.0, lon), lon, lat);
    CHECK(night.elevationDeg == Approx(-(90.0 - lat - night.declinationDeg)).margin(0.01));
    // Sunrise: refraction lifts the sun by about 0.57 degrees at the horizon.
    CHECK(atmosphericRefractionDeg(0.0) == Approx(0.482).margin(0.01));
    CHECK(atmosphericRefractionDeg(45.0) == Approx(0.0161).margin(0.001));
    CHECK(atmosphericRefractionDeg(89.0) == 0.0);
    const SunPosition withR = solarPosition(morning, lon, lat, true), without = solarPosition(morning, lon, lat, false);
    CHECK(withR.elevationDeg - without.elevationDeg == Approx(atmosphericRefractionDeg(without.elevationDeg)));
    CHECK(withR.azimuthDeg == without.azimuthDeg);
}

TEST_CASE("Solar position is finite at the poles and for odd input", "[solar]") {
    const SunPosition pole = solarPosition({2024, 6, 21, 6.0}, 0.0, 90.0);
    CHECK(std::isfinite(pole.azimuthDeg));
    CHECK(pole.elevationDeg == Approx(pole.declinationDeg).margin(0.05));
    const SunPosition odd = solarPosition({2024, 13, 40, 100.0}, 720.0, 45.0);
    CHECK(std::isfinite(odd.azimuthDeg));
    CHECK(std::isfinite(odd.elevationDeg));
}

TEST_CASE("Clock times convert to UTC; a sun below the horizon is shown low and dim", "[solar]") {
    const UtcDateTime bj = toUtc(2024, 1, 1, 6.0, ClockKind::UtcOffset, 91.1);  // 06:00 Beijing time
    CHECK(bj.year == 2023);
    CHECK(bj.day == 31);
    CHECK(bj.hour == Approx(22.0));
    CHECK(toUtc(2024, 1, 1, 6.0, ClockKind::Utc, 91.1).hour == Approx(6.0));
    const UtcDateTime solar = toUtc(2024, 1, 1, 12.0, ClockKind::LocalSolar, 91.1);
    CHECK(localSolarTimeHours(solar, 91.1) == Approx(12.0).margin(1e-6));
    CHECK(solar.hour == Approx(12.0 - 91.1 / 15.0 + 3.3 / 60.0).margin(0.02));  // EoT -3.3 min on 1 January

    SunPosition night;
    night.azimuthDeg = 300.0;
    night.elevationDeg = -12.0;
    const ShownSun shown = shownSun(night);
    CHECK(shown.belowHorizon);
    CHECK(shown.elevationDeg == kLowestShownSunElevationDeg);
    CHECK(shown.azimuthDeg == 300.0);
    SunPosition day;
    day.azimuthDeg = 150.0;
    day.elevationDeg = 40.0;
    CHECK_FALSE(shownSun(day).belowHorizon);
    CHECK(shownSun(day).elevationDeg == 40.0);
}
