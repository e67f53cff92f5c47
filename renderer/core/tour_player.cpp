#include "core/tour_player.h"

#include <algorithm>
#include <utility>

namespace plateau {

TourPlayer::TourPlayer(Tour tour, std::vector<LayerState> base, std::optional<double> date, TourPlayerOptions options)
    : tour_(std::move(tour)), options_(options), date_(date) {
    if (tour_.stops.empty()) tour_.stops.emplace_back();  // parseTour refuses these; a default stop keeps indices valid
    states_ = tourLayerStates(tour_, base);
    // Before the first stop: the scene's states where it has them, else the first stop's.
    layers_ = states_.front();
    for (LayerState& l : layers_)
        for (const LayerState& b : base)
            if (b.id == l.id) l = b;
    pose_ = tour_.stops.front().view;
}

void TourPlayer::start(const CameraPose& from, std::size_t index) {
    pose_ = from;
    phase_ = Phase::Idle;
    goTo(index);
}

void TourPlayer::next() {
    if (phase_ != Phase::Idle && !atLastStop()) goTo(stop_ + 1);
}

void TourPlayer::previous() {
    if (phase_ != Phase::Idle && stop_ > 0) goTo(stop_ - 1);
}

void TourPlayer::first() {
    if (phase_ != Phase::Idle) goTo(0);
}

void TourPlayer::last() {
    if (phase_ != Phase::Idle) goTo(tour_.stops.size() - 1);
}

void TourPlayer::goTo(std::size_t index) {
    index = std::min(index, tour_.stops.size() - 1);
    // What is shown now fades out during the new flight, from where it is.
    const PathSample now = sample();
    leaving_ = now.caption;
    leavingAlpha_ = now.captionAlpha;
    departDate_ = date_;
    departLayers_ = layers_;
    stop_ = index;
    flight_.emplace(pose_, tour_.stops[index].view, tourFlightOptions(tour_.stops[index]));
    phase_ = Phase::Flying;
    elapsed_ = 0.0;
}

std::optional<double> TourPlayer::dwellDate() const {
    const TourStop& s = stop();
    if (!s.time) return departDate_;
    if (!s.timeEnd) return s.time;
    const double u = std::clamp(elapsed_ / s.dwell_s, 0.0, 1.0);
    return *s.time + (*s.timeEnd - *s.time) * u;
}

PathSample TourPlayer::advance(double dt) {
    if (phase_ == Phase::Idle) return sample();
    elapsed_ += std::max(dt, 0.0);
    if (phase_ == Phase::Flying) {
        const double duration = flight_->duration();
        if (elapsed_ < duration) {
            const double u = elapsed_ / duration;
            pose_ = flight_->at(elapsed_);
            const std::optional<double> to = stop().time;
            date_ = departDate_ && to ? *departDate_ + (*to - *departDate_) * u : departDate_;
            layers_ = blendLayerStates(departLayers_, states_[stop_], u);
            return sample();
        }
        // Arrived: the rest of this frame's time counts toward the dwell.
        elapsed_ -= duration;
        phase_ = Phase::Dwelling;
        flight_.reset();
        pose_ = stop().view;
        layers_ = states_[stop_];
    }
    date_ = dwellDate();
    if (options_.autoplay && elapsed_ >= stop().dwell_s && !atLastStop()) {
        goTo(stop_ + 1);
        return advance(0.0);
    }
    return sample();
}

PathSample TourPlayer::sample() const {
    PathSample s;
    s.pose = pose_;
    s.time = date_;
    s.layers = layers_;
    s.segment = stop_;
    const double fade = options_.captionFadeS;
    if (phase_ == Phase::Dwelling) {
        s.caption = stop().caption;
        s.captionAlpha = fade > 0.0 ? std::min(1.0, elapsed_ / fade) : 1.0;
    } else if (phase_ == Phase::Flying) {
        s.caption = leaving_;
        s.captionAlpha = fade > 0.0 ? leavingAlpha_ * std::max(0.0, 1.0 - elapsed_ / fade) : 0.0;
    }
    if (s.caption.empty()) s.captionAlpha = 0.0;
    return s;
}

std::optional<UndergroundView> TourPlayer::underground() const {
    for (std::size_t i = stop_ + 1; i-- > 0;)
        if (tour_.stops[i].underground) return tour_.stops[i].underground;
    return std::nullopt;
}

}  // namespace plateau
