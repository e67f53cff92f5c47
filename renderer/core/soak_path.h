#pragma once
// The soak run's flight: an endless, seeded sequence of random views over a region (heights from
// close over the ground to the whole plateau, any heading, oblique to straight down) and a date
// for each, flown between with the window's fly-to arcs. The same seed gives the same flight, so
// two soak runs can be compared.
#include <cstdint>
#include <optional>
#include <random>

#include "core/camera.h"
#include "core/fly_to.h"
#include "core/tile_id.h"

namespace plateau {

struct SoakRegion {
    LonLatBounds bounds;
    double minHeightM = 3'000.0;     // above the ellipsoid; the navigation keeps the camera above ground
    double maxHeightM = 400'000.0;
    double startYear = 1970.0, endYear = 2030.0;
};

class SoakPath {
public:
    SoakPath(const SoakRegion& region, std::uint64_t seed);
    // The pose and date at `seconds` into the flight (seconds never decreasing between calls).
    CameraPose poseAt(double seconds);
    double yearAt(double seconds);
    int legs() const { return legs_; }

private:
    CameraPose randomPose();
    void advanceTo(double seconds);

    SoakRegion region_;
    std::mt19937_64 rng_;
    std::optional<FlyTo> flight_;
    double legStart_ = 0;
    double yearFrom_ = 2000, yearTo_ = 2000;
    int legs_ = 1;
};

}  // namespace plateau
