// The presenter's state: stepping through a tour's stops, flights, dwells, autoplay, the date
// during the dwell and the caption's fade.
#include <catch2/catch.hpp>

#include "core/tour_player.h"

using namespace plateau;

namespace {

Tour threeStops() {
    Tour t;
    for (int i = 0; i < 3; ++i) {
        TourStop s;
        s.name = "stop " + std::to_string(i);
        s.view = {90.0 + i, 29.5, 10000.0 + 1000.0 * i, 0, -40, 45};
        s.dwell_s = 4.0;
        s.flight_s = 2.0;
        s.caption.title = s.name;
        t.stops.push_back(s);
    }
    t.stops[1].time = 2021;
    t.stops[1].timeEnd = 2029;
    t.stops[1].layers = {{"pit", true, 1.0}};
    t.stops[2].layers = {{"pit", false, 1.0}};
    t.stops[2].underground = UndergroundView{};
    t.stops[2].underground->enabled = true;
    return t;
}

const CameraPose kHome{80.0, 30.0, 500000, 0, -60, 45};

// Runs the player until it dwells, in frames of 1/30 s.
PathSample arrive(TourPlayer& p) {
    PathSample s = p.sample();
    for (int i = 0; i < 10000 && p.phase() != TourPlayer::Phase::Dwelling; ++i) s = p.advance(1.0 / 30.0);
    return s;
}

}  // namespace

TEST_CASE("before start nothing moves and steps do nothing", "[tour]") {
    TourPlayer p(threeStops());
    CHECK(p.phase() == TourPlayer::Phase::Idle);
    p.next();
    CHECK(p.phase() == TourPlayer::Phase::Idle);
    CHECK(p.advance(5.0).pose == threeStops().stops[0].view);
}

TEST_CASE("start flies from the camera to the first stop and dwells there", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t);
    p.start(kHome);
    CHECK(p.phase() == TourPlayer::Phase::Flying);
    CHECK(p.stopIndex() == 0);
    CHECK(p.advance(0.0).pose == kHome);
    const PathSample half = p.advance(1.0);  // half of the 2 s flight
    CHECK(half.pose.lon_deg > kHome.lon_deg);
    CHECK(half.pose.lon_deg < t.stops[0].view.lon_deg);
    const PathSample there = p.advance(1.0);
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    CHECK(there.pose == t.stops[0].view);
    // Without autoplay it stays however long the dwell.
    p.advance(100.0);
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    CHECK(p.stopIndex() == 0);
}

TEST_CASE("next and previous step forward and back, and stop at the ends", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t);
    p.start(kHome);
    arrive(p);
    p.previous();  // at the first stop: nothing
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    p.next();
    CHECK(p.stopIndex() == 1);
    CHECK(arrive(p).pose == t.stops[1].view);
    p.next();
    CHECK(arrive(p).pose == t.stops[2].view);
    CHECK(p.atLastStop());
    p.next();  // at the last stop: nothing
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    CHECK(p.stopIndex() == 2);
    p.previous();
    CHECK(p.stopIndex() == 1);
    CHECK(arrive(p).pose == t.stops[1].view);
    p.first();
    CHECK(arrive(p).pose == t.stops[0].view);
    p.last();
    CHECK(arrive(p).pose == t.stops[2].view);
    p.goTo(1);
    CHECK(p.stopIndex() == 1);
    CHECK(arrive(p).pose == t.stops[1].view);
    p.goTo(99);  // clamped
    CHECK(p.stopIndex() == 2);
}

TEST_CASE("a step during a flight turns it from where the camera is", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t);
    p.start(t.stops[0].view);
    arrive(p);
    p.next();
    const PathSample mid = p.advance(1.0);
    p.next();  // toward stop 2 from the middle of the flight to stop 1
    CHECK(p.stopIndex() == 2);
    REQUIRE(p.flight());
    CHECK(p.flight()->from() == mid.pose);
    CHECK(arrive(p).pose == t.stops[2].view);
}

TEST_CASE("autoplay moves on when the dwell is over and stays at the last stop", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t, {}, {}, TourPlayerOptions{true, 1.0});
    p.start(t.stops[0].view);
    p.advance(2.0);  // the flight (2 s)
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    p.advance(3.9);
    CHECK(p.stopIndex() == 0);
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    p.advance(0.2);  // 4.1 s: the dwell of 4 s is over
    CHECK(p.stopIndex() == 1);
    CHECK(p.phase() == TourPlayer::Phase::Flying);
    for (int i = 0; i < 600; ++i) p.advance(0.1);
    CHECK(p.stopIndex() == 2);
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    p.setAutoplay(false);
    CHECK_FALSE(p.autoplay());
}

TEST_CASE("the date plays from time to time_end during the dwell, then holds", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t, {}, 2000.0);
    p.start(t.stops[0].view);
    CHECK(arrive(p).time == 2000.0);  // the first stop sets no date: the scene's stays
    p.next();
    const PathSample flying = p.advance(1.0);  // half way there: half way to 2021
    REQUIRE(flying.time);
    CHECK(*flying.time == Approx(2010.5));
    p.advance(1.0);
    CHECK(p.phase() == TourPlayer::Phase::Dwelling);
    CHECK(*p.sample().time == Approx(2021.0));
    CHECK(*p.advance(2.0).time == Approx(2025.0));  // half the 4 s dwell: half way to 2029
    CHECK(*p.advance(2.0).time == Approx(2029.0));
    CHECK(*p.advance(10.0).time == Approx(2029.0));
    // Stop 2 sets no date: it keeps the one it left with.
    p.next();
    CHECK(*arrive(p).time == Approx(2029.0));
}

TEST_CASE("the caption fades in on arrival and out as the flight leaves", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t, {}, {}, TourPlayerOptions{false, 1.0});
    p.start(t.stops[0].view);
    p.advance(2.0);
    PathSample s = p.advance(0.5);
    CHECK(s.caption.title == "stop 0");
    CHECK(s.captionAlpha == Approx(0.5));
    CHECK(p.advance(1.0).captionAlpha == 1.0);
    p.next();
    s = p.advance(0.25);
    CHECK(s.caption.title == "stop 0");
    CHECK(s.captionAlpha == Approx(0.75));
    CHECK(p.advance(1.0).captionAlpha == 0.0);
}

TEST_CASE("layers and the underground view follow the stops both ways", "[tour]") {
    const Tour t = threeStops();
    TourPlayer p(t, {{"pit", false, 0.7}});
    p.start(t.stops[0].view);
    PathSample s = arrive(p);
    REQUIRE(s.layers.size() == 1);
    CHECK(s.layers[0] == LayerState{"pit", false, 0.7});  // the scene's until a stop names it
    CHECK_FALSE(p.underground());
    p.next();
    s = p.advance(1.0);
    CHECK(s.layers[0].visible);
    CHECK(s.layers[0].opacity == Approx(0.5));  // fading in
    s = arrive(p);
    CHECK(p.sample().layers[0] == LayerState{"pit", true, 1.0});
    p.next();
    arrive(p);
    CHECK_FALSE(p.sample().layers[0].visible);
    REQUIRE(p.underground());
    CHECK(p.underground()->enabled);
    p.previous();
    arrive(p);
    CHECK(p.sample().layers[0] == LayerState{"pit", true, 1.0});
    CHECK_FALSE(p.underground());  // back where no stop set one: the scene's again
}
