// Path files come from users and shared folders: any bytes must give a path or one error. A path
// that reads survives being saved (writing it and reading that back gives the same path, and
// writing again the same bytes), and sampling it gives finite poses everywhere; anything else
// aborts, so the fuzzer reports it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/camera_path.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const plateau::Result<plateau::CameraPath> path = plateau::parseCameraPath(text, "fuzz/flight.json");
    if (!path) {
        if (path.error().message.empty() || path.error().message.find('\n') != std::string::npos) std::abort();
        return 0;
    }
    const std::string written = plateau::writeCameraPath(*path);
    const plateau::Result<plateau::CameraPath> back = plateau::parseCameraPath(written, "fuzz/flight.json");
    if (!back || !(*back == *path) || plateau::writeCameraPath(*back) != written) std::abort();
    if (path->keys.size() > 64) return 0;  // sampling long paths only costs time
    // A bumpy ground, so the clearance lift runs too.
    const plateau::PathSampler s(*path, [](double lon, double lat) -> std::optional<double> {
        return 3000.0 + 2000.0 * std::sin(lon * 7.0) * std::cos(lat * 5.0);
    });
    for (int i = 0; i <= 40; ++i) {
        const plateau::PathSample p = s.at(s.duration() * double(i) / 40.0);
        if (!std::isfinite(p.pose.lon_deg) || !std::isfinite(p.pose.lat_deg) || !std::isfinite(p.pose.height_m) ||
            !std::isfinite(p.pose.heading_deg) || !std::isfinite(p.pose.pitch_deg) || !std::isfinite(p.pose.fov_deg) ||
            !std::isfinite(p.captionAlpha) || (p.time && !std::isfinite(*p.time)))
            std::abort();
    }
    return 0;
}
