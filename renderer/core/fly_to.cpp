#include "core/fly_to.h"

#include <algorithm>
#include <cmath>

namespace plateau {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kRad = kPi / 180.0;
constexpr double kEarthRadius = 6371008.8;  // mean radius: distances for timing and arc height

glm::dvec3 unitVector(double lonDeg, double latDeg) {
    const double lon = lonDeg * kRad, lat = latDeg * kRad;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double smootherstep(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return x * x * x * (x * (x * 6.0 - 15.0) + 10.0);
}

// Shortest signed turn from a to b, degrees in [-180, 180).
double turn(double a, double b) {
    double d = std::fmod(b - a, 360.0);
    if (d < -180.0) d += 360.0;
    if (d >= 180.0) d -= 360.0;
    return d;
}

double wrapLon(double lon) {
    lon = std::fmod(lon + 180.0, 360.0);
    if (lon < 0) lon += 360.0;
    return lon - 180.0;
}

}  // namespace

FlyTo::FlyTo(const CameraPose& from, const CameraPose& to, const FlyToOptions& options) : from_(from), to_(to) {
    const glm::dvec3 a = unitVector(from.lon_deg, from.lat_deg), b = unitVector(to.lon_deg, to.lat_deg);
    angle_ = std::atan2(glm::length(glm::cross(a, b)), glm::dot(a, b));
    distance_ = angle_ * kEarthRadius;
    const double h0 = std::max(from.height_m, 1.0), h1 = std::max(to.height_m, 1.0);
    const double arc = std::min(options.peakFraction * distance_, options.maxPeakHeightM);
    long_ = arc > std::max(h0, h1);
    peak_ = long_ ? arc : std::max(h0, h1);
    // Log of the distance flown, ground plus the height change (a zoom on one spot takes time too).
    const double flown = distance_ + std::fabs(h1 - h0);
    duration_ = std::clamp(options.minDurationS + 0.5 * std::log1p(flown / 2000.0), options.minDurationS, options.maxDurationS);
}

CameraPose FlyTo::at(double t) const {
    if (!(t > 0.0)) return from_;
    if (t >= duration_) return to_;
    const double s = smootherstep(t / duration_);

    CameraPose p;
    // Along the great circle. Nearly antipodal ends have no unique great circle: go by way of
    // the meridian plane then (any path is as short).
    if (angle_ < 1e-12) {
        p.lon_deg = from_.lon_deg;
        p.lat_deg = from_.lat_deg;
    } else {
        const glm::dvec3 a = unitVector(from_.lon_deg, from_.lat_deg), b = unitVector(to_.lon_deg, to_.lat_deg);
        glm::dvec3 axis = glm::cross(a, b);
        if (glm::length(axis) < 1e-9) axis = glm::cross(a, std::fabs(a.z) < 0.9 ? glm::dvec3(0, 0, 1) : glm::dvec3(1, 0, 0));
        axis = glm::normalize(axis);
        const glm::dvec3 perp = glm::cross(axis, a);  // unit, in the plane, 90 degrees on from a
        const double w = angle_ * s;
        const glm::dvec3 v = std::cos(w) * a + std::sin(w) * perp;
        p.lat_deg = std::asin(std::clamp(v.z, -1.0, 1.0)) / kRad;
        p.lon_deg = wrapLon(std::atan2(v.y, v.x) / kRad);
    }

    const double h0 = std::max(from_.height_m, 1.0), h1 = std::max(to_.height_m, 1.0);
    if (long_) p.height_m = h0 + (h1 - h0) * s + 4.0 * s * (1.0 - s) * (peak_ - 0.5 * (h0 + h1));
    else p.height_m = std::exp(std::log(h0) + (std::log(h1) - std::log(h0)) * s);

    double heading = from_.heading_deg + turn(from_.heading_deg, to_.heading_deg) * s;
    heading = std::fmod(heading, 360.0);
    p.heading_deg = heading < 0 ? heading + 360.0 : heading;
    p.pitch_deg = from_.pitch_deg + (to_.pitch_deg - from_.pitch_deg) * s;
    p.fov_deg = from_.fov_deg + (to_.fov_deg - from_.fov_deg) * s;
    return p;
}

void CameraFlight::start(const CameraPose& from, const CameraPose& to, const FlyToOptions& options) {
    flight_.emplace(from, to, options);
    elapsed_ = 0;
}

std::optional<CameraPose> CameraFlight::advance(double dtSeconds) {
    if (!flight_) return std::nullopt;
    elapsed_ += std::max(dtSeconds, 0.0);
    const CameraPose pose = flight_->at(elapsed_);
    if (elapsed_ >= flight_->duration()) flight_.reset();
    return pose;
}

CameraPose viewOf(double lonDeg, double latDeg, double featureHeightM, std::string_view kind, double viewHeightM) {
    const double pitch = kind == "peak" ? -30.0 : -40.0;
    double distance = 12'000.0;
    if (kind == "mine" || kind == "deposit") distance = 6'000.0;
    else if (kind == "city" || kind == "town") distance = 15'000.0;
    else if (kind == "peak") distance = 20'000.0;
    else if (kind == "lake") distance = 50'000.0;
    const double down = std::sin(-pitch * kRad);
    if (viewHeightM > 0) distance = viewHeightM / down;
    // Looking north at `pitch`, the line of sight meets the place `distance` away: the camera is
    // distance * cos(pitch) south of it and distance * sin(-pitch) above it.
    const double south = distance * std::cos(pitch * kRad);
    CameraPose p;
    p.lon_deg = lonDeg;
    p.lat_deg = std::clamp(latDeg - south / kEarthRadius / kRad, -89.9, 89.9);
    p.height_m = featureHeightM + distance * down;
    p.heading_deg = 0;
    p.pitch_deg = pitch;
    return p;
}

}  // namespace plateau
