#include "core/frame_scale.h"

#include <algorithm>
#include <cmath>

#include "core/camera_control.h"
#include "core/geodesy.h"

namespace plateau {

std::optional<glm::dvec3> groundUnderPixel(const Camera& cam, double px, double py, const GroundHeightFn& ground) {
    const glm::dvec3 dir = pixelRay(cam, px, py);
    double height = 0.0;
    std::optional<glm::dvec3> hit = intersectEllipsoid(cam.position, dir, height);
    if (!ground) return hit;
    // The ground's height under the hit moves the hit along the ray; three rounds settle it to
    // well under a metre except on cliffs seen edge-on, where any single pixel is ambiguous.
    for (int i = 0; i < 3 && hit; ++i) {
        const Geodetic g = ecefToGeodetic(*hit);
        const std::optional<double> h = ground(g.lon_deg, g.lat_deg);
        if (!h || std::fabs(*h - height) < 0.5) break;
        height = *h;
        if (const auto raised = intersectEllipsoid(cam.position, dir, height)) hit = raised;
        else break;  // the ray grazes below the raised surface: keep the last hit
    }
    return hit;
}

std::optional<double> groundMetresPerPixel(const Camera& cam, double px, double py, const GroundHeightFn& ground) {
    // Over +-4 pixels: long enough that the ground's rounding does not dominate, short enough to
    // stay a local measure.
    constexpr double kHalf = 4.0;
    const auto a = groundUnderPixel(cam, px - kHalf, py, ground);
    const auto b = groundUnderPixel(cam, px + kHalf, py, ground);
    if (!a || !b) return std::nullopt;
    const double mpp = glm::length(*b - *a) / (2.0 * kHalf);
    if (!std::isfinite(mpp) || mpp <= 0.0) return std::nullopt;
    return mpp;
}

std::string formatScaleLength(double metres) {
    const bool km = metres >= 1000.0;
    const std::string digits = std::to_string(std::llround(km ? metres / 1000.0 : metres));
    // Thousands separated by commas, as the captions write numbers ("1,517 Mt").
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
        out += digits[i];
    }
    return out + (km ? " km" : " m");
}

std::optional<ScaleBar> scaleBarFor(double metresPerPixel, double minPixels, double maxPixels) {
    if (!std::isfinite(metresPerPixel) || metresPerPixel <= 0.0 || !(minPixels > 0.0) || !(maxPixels >= minPixels))
        return std::nullopt;
    // 5, 2 and 1 times powers of ten, from above the longest bar down, until one fits.
    const double longest = maxPixels * metresPerPixel;
    double decade = std::pow(10.0, std::ceil(std::log10(longest)) + 1.0);
    // Below 1 m a bar means nothing on a globe viewer; the smallest is 1 m.
    for (int guard = 0; guard < 64; ++guard) {
        for (const double step : {5.0, 2.0, 1.0}) {
            const double metres = step * decade / 10.0;
            const double pixels = metres / metresPerPixel;
            if (pixels <= maxPixels && pixels >= minPixels && metres >= 1.0)
                return ScaleBar{metres, pixels, formatScaleLength(metres)};
            if (pixels < minPixels) return std::nullopt;  // every shorter length is shorter still
        }
        decade /= 10.0;
    }
    return std::nullopt;
}

glm::dvec2 northOnScreen(const Camera& cam, double px, double py, const GroundHeightFn& ground) {
    // From the heading alone: north is up at heading 0 and turns the other way as the camera
    // turns (looking east, north is to the left).
    const double heading = glm::radians(cameraPose(cam).heading_deg);
    const glm::dvec2 fromHeading(-std::sin(heading), -std::cos(heading));
    const auto centre = groundUnderPixel(cam, px, py, ground);
    if (!centre) return fromHeading;
    const Geodetic g = ecefToGeodetic(*centre);
    const glm::dvec3 north = enuBasis(g.lon_deg, g.lat_deg)[1];
    const double step = std::max(1.0, glm::length(*centre - cam.position) * 0.01);
    const auto a = projectToScreen(cam, *centre);
    const auto b = projectToScreen(cam, *centre + north * step);
    if (!a || !b) return fromHeading;
    const glm::dvec2 d = *b - *a;
    const double len = glm::length(d);
    // Looking straight down at a pole, north is every direction: less than a hundredth of a
    // pixel says nothing.
    if (!(len > 1e-2)) return fromHeading;
    return d / len;
}

}  // namespace plateau
