#include "core/measure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

namespace plateau {

namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

const GeographicLib::Geodesic& wgs84Geodesic() { return GeographicLib::Geodesic::WGS84(); }

}  // namespace

double geodesicDistance(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg) {
    double s12 = 0;
    wgs84Geodesic().Inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg, s12);
    return s12;
}

PolylineLength measurePolyline(const std::vector<MeasurePoint>& points) {
    PolylineLength r;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const MeasurePoint& a = points[i - 1];
        const MeasurePoint& b = points[i];
        r.segments_m.push_back(geodesicDistance(a.lon_deg, a.lat_deg, b.lon_deg, b.lat_deg));
        r.total_m += r.segments_m.back();
    }
    return r;
}

ElevationProfile elevationProfile(const std::vector<MeasurePoint>& points, const HeightFunction& height,
                                  double spacing_m, std::size_t maxSamples) {
    ElevationProfile p;
    if (points.size() < 2) return p;
    const PolylineLength len = measurePolyline(points);
    p.length_m = len.total_m;
    maxSamples = std::max<std::size_t>(maxSamples, 2);
    // A non-positive or non-finite spacing falls back to the finest the sample budget allows.
    double spacing = std::isfinite(spacing_m) && spacing_m > 0 ? spacing_m : 0.0;
    spacing = std::max(spacing, len.total_m / double(maxSamples - 1));
    if (!(spacing > 0)) spacing = 1.0;  // all points in one place
    p.spacing_m = spacing;

    auto add = [&](double distance, double lon, double lat) {
        ProfileSample s{distance, lon, lat, height ? height(lon, lat) : std::nullopt};
        if (s.height_m && !std::isfinite(*s.height_m)) s.height_m.reset();
        p.samples.push_back(s);
    };
    double start = 0;
    add(0.0, points[0].lon_deg, points[0].lat_deg);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const MeasurePoint& a = points[i - 1];
        const MeasurePoint& b = points[i];
        const double seg = len.segments_m[i - 1];
        const GeographicLib::GeodesicLine line = wgs84Geodesic().InverseLine(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
        // Interior samples at whole multiples of the spacing within the segment; the segment's
        // end point is always a sample, so the clicked points are in the profile exactly.
        const auto n = static_cast<std::size_t>(std::ceil(seg / spacing));
        for (std::size_t k = 1; k < n; ++k) {
            const double s = seg * double(k) / double(n);
            double lat = 0, lon = 0;
            line.Position(s, lat, lon);
            add(start + s, lon, lat);
        }
        start += seg;
        add(start, b.lon_deg, b.lat_deg);
    }

    double run = 0;
    const ProfileSample* prev = nullptr;
    for (const ProfileSample& s : p.samples) {
        if (!s.height_m) continue;
        const ProfileExtreme e{s.distance_m, s.lon_deg, s.lat_deg, *s.height_m};
        if (!p.highest || e.height_m > p.highest->height_m) p.highest = e;
        if (!p.lowest || e.height_m < p.lowest->height_m) p.lowest = e;
        if (prev) {
            const double dh = *s.height_m - *prev->height_m;
            const double dd = s.distance_m - prev->distance_m;
            (dh > 0 ? p.climb_m : p.descent_m) += std::abs(dh);
            if (dd > 0) {
                run += dd;
                const double grade = std::abs(dh) / dd;
                if (grade > p.steepestSlopePct / 100.0) {
                    p.steepestSlopePct = 100.0 * grade;
                    p.steepestSlopeDeg = std::atan(grade) * kRadToDeg;
                    p.steepestAt_m = 0.5 * (s.distance_m + prev->distance_m);
                }
            }
        }
        prev = &s;
    }
    if (run > 0) {
        const double mean = (p.climb_m + p.descent_m) / run;
        p.meanSlopePct = 100.0 * mean;
        p.meanSlopeDeg = std::atan(mean) * kRadToDeg;
    }
    return p;
}

std::string formatDistance(double metres) {
    if (!std::isfinite(metres)) return "-";
    char buf[64];
    const double m = std::abs(metres);
    if (m < 999.5) {
        std::snprintf(buf, sizeof buf, "%.0f m", metres);
        return buf;
    }
    const double km = metres / 1000.0;
    const int decimals = m < 9999.5 ? 2 : m < 99999.5 ? 1 : 0;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(km));
    // Thousands separators in the whole part (copied digit by digit: GCC 12 warns falsely
    // about std::string::insert here).
    const std::string digits = buf;
    const std::size_t dot = digits.find('.');
    const std::size_t whole = dot == std::string::npos ? digits.size() : dot;
    std::string s;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i < whole && (whole - i) % 3 == 0) s += ',';
        s += digits[i];
    }
    return (metres < 0 ? "-" : "") + s + " km";
}

}  // namespace plateau
