#include "core/soak_path.h"

#include <algorithm>
#include <cmath>

namespace plateau {

SoakPath::SoakPath(const SoakRegion& region, std::uint64_t seed) : region_(region), rng_(seed) {
    const CameraPose a = randomPose(), b = randomPose();
    flight_.emplace(a, b);
    std::uniform_real_distribution<double> year(region_.startYear, region_.endYear);
    yearFrom_ = year(rng_);
    yearTo_ = year(rng_);
}

CameraPose SoakPath::randomPose() {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    CameraPose p;
    const LonLatBounds& b = region_.bounds;
    p.lon_deg = b.west + (b.east - b.west) * u(rng_);
    p.lat_deg = b.south + (b.north - b.south) * u(rng_);
    // Heights spread evenly in their logarithm: as much time close to the ground as high above.
    p.height_m = std::exp(std::log(region_.minHeightM) + (std::log(region_.maxHeightM) - std::log(region_.minHeightM)) * u(rng_));
    p.heading_deg = 360.0 * u(rng_);
    p.pitch_deg = -90.0 + 75.0 * u(rng_);  // straight down to 15 degrees below the horizon
    return p;
}

void SoakPath::advanceTo(double seconds) {
    while (seconds > legStart_ + flight_->duration()) {
        legStart_ += flight_->duration();
        const CameraPose from = flight_->to();
        flight_.emplace(from, randomPose());
        yearFrom_ = yearTo_;
        yearTo_ = std::uniform_real_distribution<double>(region_.startYear, region_.endYear)(rng_);
        ++legs_;
    }
}

CameraPose SoakPath::poseAt(double seconds) {
    advanceTo(seconds);
    return flight_->at(seconds - legStart_);
}

double SoakPath::yearAt(double seconds) {
    advanceTo(seconds);
    const double s = std::clamp((seconds - legStart_) / flight_->duration(), 0.0, 1.0);
    return yearFrom_ + (yearTo_ - yearFrom_) * s;
}

}  // namespace plateau
