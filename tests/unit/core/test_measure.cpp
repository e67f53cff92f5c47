// Geodesic lengths of clicked polylines and elevation profiles along them (core/measure.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/measure.h"

using namespace plateau;

namespace {

constexpr double kPi = 3.14159265358979323846;
double rad(double d) { return d * kPi / 180.0; }

// Vincenty (1975) inverse formula on WGS84, written out here from the paper as an independent
// check of GeographicLib (sub-millimetre for points that are not nearly antipodal).
double vincenty(double lon1, double lat1, double lon2, double lat2) {
    const double a = 6378137.0, f = 1 / 298.257223563, b = a * (1 - f);
    const double L = rad(lon2 - lon1);
    const double U1 = std::atan((1 - f) * std::tan(rad(lat1))), U2 = std::atan((1 - f) * std::tan(rad(lat2)));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1), sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L, prev = 0, sinSigma = 0, cosSigma = 0, sigma = 0, cos2Alpha = 0, cos2SigmaM = 0;
    for (int i = 0; i < 200; ++i) {
        const double sinL = std::sin(lambda), cosL = std::cos(lambda);
        sinSigma = std::sqrt(std::pow(cosU2 * sinL, 2) + std::pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
        if (sinSigma == 0) return 0;
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinL / sinSigma;
        cos2Alpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
        const double C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
        prev = lambda;
        lambda = L + (1 - C) * f * sinAlpha *
                         (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - prev) < 1e-13) break;
    }
    const double u2 = cos2Alpha * (a * a - b * b) / (b * b);
    const double A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    const double B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    const double dSigma = B * sinSigma *
                          (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                                                 B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
                                                     (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - dSigma);
}

const MeasurePoint kLhasa{91.1172, 29.6469, 3656};
const MeasurePoint kQulong{91.583, 29.600, 5000};
const MeasurePoint kShigatse{88.8811, 29.2690, 3840};
const MeasurePoint kDibrugarh{94.9120, 27.4728, 108};

}  // namespace

TEST_CASE("Geodesic distances match Vincenty's formula within a millimetre", "[measure]") {
    const std::vector<std::pair<MeasurePoint, MeasurePoint>> pairs{
        {kLhasa, kQulong}, {kLhasa, kShigatse}, {kShigatse, kDibrugarh}, {kQulong, {91.5831, 29.6001, 0}},
        {{-73.8, 40.6, 0}, {-0.5, 51.6, 0}},  // JFK to Heathrow, across the Atlantic
        {{0, 0, 0}, {0, 89.9, 0}}};
    for (const auto& [p, q] : pairs) {
        const double s = geodesicDistance(p.lon_deg, p.lat_deg, q.lon_deg, q.lat_deg);
        INFO(p.lon_deg << "," << p.lat_deg << " -> " << q.lon_deg << "," << q.lat_deg << ": " << s);
        CHECK(std::abs(s - vincenty(p.lon_deg, p.lat_deg, q.lon_deg, q.lat_deg)) < 1e-3);
    }
    // GeographicLib's documented example: JFK to LHR is 5,551.759400 km.
    CHECK(geodesicDistance(-73.8, 40.6, -0.5, 51.6) == Approx(5551759.400).margin(1e-3));
    // A quarter meridian of WGS84: 10,001,965.729 m.
    CHECK(geodesicDistance(10, 0, 10, 90) == Approx(10001965.729).margin(1e-3));
}

TEST_CASE("A polyline's length is the sum of its geodesic segments", "[measure]") {
    const PolylineLength r = measurePolyline({kShigatse, kLhasa, kQulong});
    REQUIRE(r.segments_m.size() == 2);
    CHECK(r.segments_m[0] == Approx(vincenty(kShigatse.lon_deg, kShigatse.lat_deg, kLhasa.lon_deg, kLhasa.lat_deg)).margin(1e-3));
    CHECK(r.segments_m[1] == Approx(vincenty(kLhasa.lon_deg, kLhasa.lat_deg, kQulong.lon_deg, kQulong.lat_deg)).margin(1e-3));
    CHECK(r.total_m == Approx(r.segments_m[0] + r.segments_m[1]).margin(1e-6));
    CHECK(r.segments_m[0] > 215000.0);  // Shigatse-Lhasa is about 220 km as the crow flies
    CHECK(r.segments_m[0] < 225000.0);
    CHECK(measurePolyline({kLhasa}).total_m == 0.0);
    CHECK(measurePolyline({}).segments_m.empty());
}

TEST_CASE("A linear ramp has a constant slope along the profile", "[measure]") {
    // Heights rise 10 m per 100 m of ground distance from Lhasa: 10 %, 5.71 degrees.
    const HeightFunction ramp = [](double lon, double lat) -> std::optional<double> {
        return 3656.0 + 0.1 * geodesicDistance(kLhasa.lon_deg, kLhasa.lat_deg, lon, lat);
    };
    const MeasurePoint east{91.30, 29.6469, 0};
    const ElevationProfile p = elevationProfile({kLhasa, east}, ramp, 100.0);
    const double length = geodesicDistance(kLhasa.lon_deg, kLhasa.lat_deg, east.lon_deg, east.lat_deg);
    CHECK(p.length_m == Approx(length).margin(1e-6));
    REQUIRE(p.samples.size() == std::size_t(std::ceil(length / 100.0)) + 1);
    CHECK(p.samples.front().distance_m == 0.0);
    CHECK(p.samples.back().distance_m == Approx(length));
    CHECK(p.samples.back().lon_deg == east.lon_deg);
    for (std::size_t i = 1; i < p.samples.size(); ++i) {
        const double step = p.samples[i].distance_m - p.samples[i - 1].distance_m;
        CHECK(step <= 100.0);
        CHECK(step > 99.0);
        // The samples lie on the geodesic: their distance from the start is their position.
        CHECK(geodesicDistance(kLhasa.lon_deg, kLhasa.lat_deg, p.samples[i].lon_deg, p.samples[i].lat_deg) ==
              Approx(p.samples[i].distance_m).margin(1e-3));
    }
    CHECK(p.climb_m == Approx(0.1 * length).margin(1e-3));
    CHECK(p.descent_m == Approx(0).margin(1e-6));
    CHECK(p.steepestSlopePct == Approx(10.0).margin(1e-6));
    CHECK(p.steepestSlopeDeg == Approx(5.710593).margin(1e-5));
    CHECK(p.meanSlopePct == Approx(10.0).margin(1e-6));
    CHECK(p.meanSlopeDeg == Approx(5.710593).margin(1e-5));
    REQUIRE(p.highest);
    REQUIRE(p.lowest);
    CHECK(p.highest->distance_m == Approx(length));
    CHECK(p.highest->height_m == Approx(3656.0 + 0.1 * length));
    CHECK(p.lowest->distance_m == 0.0);
    CHECK(p.lowest->height_m == Approx(3656.0));
}

TEST_CASE("The profile over a cone finds its peak and its flanks' slope", "[measure]") {
    // A cone 2,000 m high with 50 % flanks (26.57 degrees) on a 4,000 m plain, centred on Qulong.
    const HeightFunction cone = [](double lon, double lat) -> std::optional<double> {
        const double r = geodesicDistance(kQulong.lon_deg, kQulong.lat_deg, lon, lat);
        return 4000.0 + std::max(0.0, 2000.0 - 0.5 * r);
    };
    // A line across it, west to east through the peak, then a leg north onto the plain.
    const MeasurePoint west{91.50, 29.600, 0}, east{91.66, 29.600, 0}, north{91.66, 29.65, 0};
    const ElevationProfile p = elevationProfile({west, east, north}, cone, 50.0);
    REQUIRE(p.highest);
    CHECK(std::abs(p.highest->lon_deg - kQulong.lon_deg) < 0.0006);  // within a spacing (50 m)
    CHECK(std::abs(p.highest->lat_deg - kQulong.lat_deg) < 0.0001);  // the geodesic bows a little north
    CHECK(p.highest->height_m > 5975.0);
    CHECK(p.lowest->height_m == Approx(4000.0));
    CHECK(p.climb_m == Approx(p.highest->height_m - 4000.0).margin(1e-6));
    CHECK(p.descent_m == Approx(p.highest->height_m - 4000.0).margin(1e-6));
    CHECK(p.steepestSlopePct == Approx(50.0).margin(0.5));
    CHECK(p.steepestSlopeDeg == Approx(26.565).margin(0.3));
    CHECK(std::abs(p.steepestAt_m - p.highest->distance_m) < 4000.0);  // on the cone's flanks
    // The cone spans 8 km of the 15.5 + 5.5 km line, the rest is level.
    CHECK(p.meanSlopePct == Approx(100.0 * (p.climb_m + p.descent_m) / p.length_m).epsilon(1e-9));
    CHECK(p.meanSlopePct < 25.0);
    CHECK(p.meanSlopePct > 15.0);
    // The clicked corner is a sample.
    bool corner = false;
    for (const ProfileSample& s : p.samples) corner |= s.lon_deg == east.lon_deg && s.lat_deg == east.lat_deg;
    CHECK(corner);
}

TEST_CASE("Samples without a height are kept but do not count", "[measure]") {
    // No data west of 91.2 E (no tile resident there).
    const HeightFunction partial = [](double lon, double) -> std::optional<double> {
        if (lon < 91.2) return std::nullopt;
        return 4000.0;
    };
    const ElevationProfile p = elevationProfile({kLhasa, {91.3, 29.6469, 0}}, partial, 200.0);
    std::size_t missing = 0;
    for (const ProfileSample& s : p.samples) missing += !s.height_m;
    CHECK(missing > 10);
    CHECK(missing < p.samples.size());
    CHECK(p.climb_m == 0.0);
    CHECK(p.meanSlopePct == 0.0);
    REQUIRE(p.highest);
    CHECK(p.highest->lon_deg >= 91.2);

    const ElevationProfile none = elevationProfile({kLhasa, kQulong}, [](double, double) { return std::nullopt; }, 100.0);
    CHECK_FALSE(none.highest);
    CHECK(none.samples.size() > 2);
    // NaN heights are treated as missing, not as numbers.
    const ElevationProfile nan = elevationProfile({kLhasa, kQulong}, [](double, double) -> std::optional<double> { return std::nan(""); }, 100.0);
    CHECK_FALSE(nan.highest);
}

TEST_CASE("Long lines get a wider spacing; degenerate input gives an empty or tiny profile", "[measure]") {
    const HeightFunction flat = [](double, double) -> std::optional<double> { return 100.0; };
    const ElevationProfile far = elevationProfile({kShigatse, kDibrugarh}, flat, 10.0, 1000);
    CHECK(far.samples.size() <= 1001);
    CHECK(far.samples.size() >= 999);
    CHECK(far.spacing_m == Approx(far.length_m / 999.0));
    CHECK(elevationProfile({kLhasa}, flat, 10.0).samples.empty());
    CHECK(elevationProfile({}, flat, 10.0).samples.empty());
    const ElevationProfile same = elevationProfile({kLhasa, kLhasa}, flat, 10.0);
    CHECK(same.samples.size() == 2);
    CHECK(same.length_m == 0.0);
    CHECK(same.meanSlopePct == 0.0);
    // A spacing of zero, negative or NaN does not loop forever.
    for (const double bad : {0.0, -5.0, std::nan("")})
        CHECK(elevationProfile({kLhasa, kQulong}, flat, bad).samples.size() <= 2049);
}

TEST_CASE("Distances are written in m below a kilometre, then km", "[measure]") {
    CHECK(formatDistance(0.0) == "0 m");
    CHECK(formatDistance(849.6) == "850 m");
    CHECK(formatDistance(999.4) == "999 m");
    CHECK(formatDistance(999.6) == "1.00 km");
    CHECK(formatDistance(1234.0) == "1.23 km");
    CHECK(formatDistance(12345.0) == "12.3 km");
    CHECK(formatDistance(219876.0) == "220 km");
    CHECK(formatDistance(2091000.0) == "2,091 km");
    CHECK(formatDistance(-1500.0) == "-1.50 km");
    CHECK(formatDistance(std::nan("")) == "-");
}
