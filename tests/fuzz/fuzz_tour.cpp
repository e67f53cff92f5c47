// Tour files come from teachers and shared folders: any bytes must give a tour or one error. A
// tour that reads survives being saved (writing it and reading that back gives the same tour,
// and the same bytes again), and its path and player take it without trouble; anything else
// aborts, so the fuzzer reports it.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/tour.h"
#include "core/tour_player.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const plateau::Result<plateau::Tour> tour = plateau::parseTour(text, "fuzz/tour.json");
    if (!tour) {
        if (tour.error().message.find('\n') != std::string::npos) std::abort();  // one line
        return 0;
    }
    const std::string written = plateau::writeTour(*tour);
    const plateau::Result<plateau::Tour> back = plateau::parseTour(written, "fuzz/tour.json");
    if (!back || !(*back == *tour) || plateau::writeTour(*back) != written) std::abort();
    const plateau::CameraPath path = plateau::tourPath(*tour);
    for (const plateau::Keyframe& k : path.keys)
        if (!std::isfinite(k.pose.lon_deg) || !std::isfinite(k.pose.height_m) || !(k.duration_s >= 0.0)) std::abort();
    plateau::TourPlayer player(*tour, {}, 2000.0, plateau::TourPlayerOptions{true, 1.0});
    player.start(tour->stops.front().view);
    for (int i = 0; i < 50; ++i) {
        const plateau::PathSample s = player.advance(0.5);
        if (!std::isfinite(s.pose.lat_deg) || !std::isfinite(s.captionAlpha)) std::abort();
    }
    player.previous();
    player.last();
    player.advance(1.0);
    return 0;
}
