// Tour files (parse, write, errors) and the tour as a camera path.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/tour.h"

using namespace plateau;

namespace {

Tour twoStops() {
    Tour t;
    t.title = "Test";
    t.scene = "../default.json";
    TourStop a;
    a.name = "Lhasa";
    a.view = {91.13, 29.4, 20000, 10, -35, 45};
    a.time = 2000;
    a.layers = {{"glaciers", false, 0.8}, {"rivers", true, 1.0}};
    a.caption = {"Lhasa", "capital", "GeoNames"};
    a.narration = "Start here.";
    a.dwell_s = 5;
    TourStop b;
    b.name = "Qulong";
    b.view = {91.58, 29.45, 9000, 0, -40, 50};
    b.time = 2021;
    b.timeEnd = 2030;
    b.layers = {{"glaciers", true, 0.5}};
    b.underground = UndergroundView{};
    b.underground->enabled = true;
    b.underground->terrainOpacity = 0.4;
    b.caption = {"Qulong", "1,517 Mt at 0.52 % Cu", "USGS"};
    b.dwell_s = 10;
    b.flight_s = 6;
    t.stops = {a, b};
    return t;
}

std::string errorOf(const std::string& text) {
    const Result<Tour> r = parseTour(text, "gangdese.json");
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

const char* kOneStop = R"({"version": 1, "stops": [{"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}}]})";

}  // namespace

TEST_CASE("a tour written and read back is the same tour", "[tour]") {
    const Tour t = twoStops();
    const std::string text = writeTour(t);
    const Result<Tour> back = parseTour(text, "t.json");
    REQUIRE(back.ok());
    CHECK(*back == t);
    CHECK(writeTour(*back) == text);
    CHECK(text.find("\"time\": \"2021\"") != std::string::npos);  // whole years as people write them
}

TEST_CASE("a minimal tour has the defaults", "[tour]") {
    const Result<Tour> r = parseTour(kOneStop, "t.json");
    REQUIRE(r.ok());
    REQUIRE(r->stops.size() == 1);
    CHECK(r->stops[0].dwell_s == 8.0);
    CHECK(r->stops[0].view.fov_deg == 45.0);
    CHECK_FALSE(r->stops[0].time);
    CHECK_FALSE(r->stops[0].underground);
}

TEST_CASE("bad tour files are refused with one line naming the file and field", "[tour]") {
    CHECK(errorOf("") == "gangdese.json: empty file (expected a tour file: a JSON object)");
    CHECK(errorOf("  \n") == "gangdese.json: empty file (expected a tour file: a JSON object)");
    CHECK(errorOf("{\"version\": 1, \"stops\": [").rfind("gangdese.json: invalid JSON at byte", 0) == 0);
    CHECK(errorOf("{\"version\": 1, \"stops\": [{\"view\": {\"lon\": NaN}}]}").rfind("gangdese.json: invalid JSON at byte", 0) == 0);
    CHECK(errorOf(R"({"version": 1, "stops": []})") == "gangdese.json: stops: a tour needs at least one stop");
    CHECK(errorOf(R"({"version": 1})") == "gangdese.json: stops: missing (the tour's stops)");
    CHECK(errorOf(R"({"stops": []})").rfind("gangdese.json: version: missing", 0) == 0);
    // A newer version first, even with fields this one does not know.
    CHECK(errorOf(R"({"version": 2, "stops": [], "chapters": 3})") ==
          "gangdese.json: written by a newer plateau (tour file schema version 2; this one reads up to 1)");
    CHECK(errorOf(R"({"version": 1, "stops": [], "chapters": 3})") == "gangdese.json: chapters: unknown field");
    const std::string stop = R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}})";
    const auto withStop4 = [&](const std::string& s) {
        return "{\"version\": 1, \"stops\": [" + stop + "," + stop + "," + stop + "," + s + "]}";
    };
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "dwell": -1})")) ==
          "gangdese.json: stops[3].dwell: must be a positive number of seconds (got -1)");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "dwell": 0})")) ==
          "gangdese.json: stops[3].dwell: must be a positive number of seconds (got 0)");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 1e999}})")) ==
          "gangdese.json: stops[3].view.height: must be a finite number (got 1e999)");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "dwell": 7200})")) ==
          "gangdese.json: stops[3].dwell: must be at most 3600 seconds (got 7200)");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "dwel": 3})")) ==
          "gangdese.json: stops[3].dwel: unknown field");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29}})")) == "gangdese.json: stops[3].view.height: missing");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000}})")) == "gangdese.json: stops[3].view.heading: missing");
    CHECK(errorOf(withStop4(R"({"name": "x"})")).rfind("gangdese.json: stops[3].view: missing", 0) == 0);
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "time_end": 2030})")) ==
          "gangdese.json: stops[3].time_end: needs \"time\", the date the dwell starts from");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "layers": [{"id": "a"}, {"id": "a"}]})")) ==
          "gangdese.json: stops[3].layers[1].id: layer 'a' is listed twice");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "layers": [{"id": "a", "opacity": 2}]})")) ==
          "gangdese.json: stops[3].layers[0].opacity: must be between 0 and 1 (got 2)");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "caption": {"text": "x"}})")) ==
          "gangdese.json: stops[3].caption.text: unknown field");
    CHECK(errorOf(withStop4(R"({"view": {"lon": 91, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}, "time": "2021-13"})"))
              .rfind("gangdese.json: stops[3].time: ", 0) == 0);
    CHECK(errorOf("[1, 2]") == "gangdese.json: expected a JSON object (a tour file)");
}

TEST_CASE("layer states accumulate from stop to stop over the scene's", "[tour]") {
    const Tour t = twoStops();
    const auto states = tourLayerStates(t, {{"rivers", false, 0.3}, {"lakes", true, 1.0}});
    REQUIRE(states.size() == 2);
    // Base first, then layers in the order first named.
    REQUIRE(states[0].size() == 3);
    CHECK(states[0][0] == LayerState{"rivers", true, 1.0});
    CHECK(states[0][1] == LayerState{"lakes", true, 1.0});
    CHECK(states[0][2] == LayerState{"glaciers", false, 0.8});
    // Stop 1 names only the glaciers: the rivers keep stop 0's state.
    CHECK(states[1][0] == LayerState{"rivers", true, 1.0});
    CHECK(states[1][2] == LayerState{"glaciers", true, 0.5});
}

TEST_CASE("blending layer states fades what is shown", "[tour]") {
    const std::vector<LayerState> a{{"g", false, 0.8}, {"r", true, 1.0}};
    const std::vector<LayerState> b{{"g", true, 0.5}, {"r", false, 1.0}};
    CHECK(blendLayerStates(a, b, 0.0) == a);
    CHECK(blendLayerStates(a, b, 1.0) == b);
    const auto mid = blendLayerStates(a, b, 0.5);
    CHECK(mid[0].visible);
    CHECK(mid[0].opacity == Approx(0.25));
    CHECK(mid[1].visible);
    CHECK(mid[1].opacity == Approx(0.5));
}

TEST_CASE("the tour's path stops at each stop for its dwell and flies between them", "[tour]") {
    const Tour t = twoStops();
    const CameraPath path = tourPath(t);
    // Two keyframes per stop and the flight's inner ones.
    REQUIRE(path.keys.size() == 2 * t.stops.size() + kTourFlightKeys);
    const auto arrivals = tourArrivalTimes(t);
    REQUIRE(arrivals.size() == 2);
    CHECK(arrivals[0] == 0.0);
    CHECK(arrivals[1] == Approx(t.stops[0].dwell_s + t.stops[1].flight_s));
    double at = 0;
    std::size_t stop = 0;
    for (std::size_t k = 0; k < path.keys.size(); ++k) {
        const Keyframe& key = path.keys[k];
        // Keys after the last arrival (its departure, the end hold) have no stop left to match.
        if (stop < t.stops.size() && key.pose == t.stops[stop].view && !key.caption.empty()) {
            // The arrival: the stop's view, date, layers and caption, held for the dwell.
            CHECK(at == Approx(arrivals[stop]));
            CHECK(key.duration_s == t.stops[stop].dwell_s);
            CHECK(key.time == t.stops[stop].time);
            CHECK(key.caption == t.stops[stop].caption);
            REQUIRE(k + 1 < path.keys.size());
            CHECK(path.keys[k + 1].pose == t.stops[stop].view);  // the departure
            ++stop;
        }
        at += key.duration_s;
    }
    CHECK(stop == t.stops.size());
    // The departure from Qulong plays the dwell's date to time_end; the path ends there.
    CHECK(path.keys.back().time == 2030.0);
    CHECK(path.keys.back().duration_s == kTourEndHoldS);
    // The flight's date goes from Lhasa's to Qulong's and the glaciers fade in.
    const Keyframe& mid = path.keys[2 + kTourFlightKeys / 2];
    REQUIRE(mid.time);
    CHECK(*mid.time > 2000.0);
    CHECK(*mid.time < 2021.0);
    CHECK(mid.layers[0].id == "glaciers");
    CHECK(mid.layers[0].visible);
    CHECK(mid.layers[0].opacity < 0.5);
}

TEST_CASE("a long flight between stops rises above both ends, as the window's fly-to", "[tour]") {
    Tour t;
    TourStop a, b;
    a.view = {91.1, 29.6, 8000, 0, -40, 45};
    b.view = {87.5, 29.4, 8000, 0, -40, 45};  // 350 km west
    t.stops = {a, b};
    const CameraPath path = tourPath(t);
    double highest = 0;
    for (const Keyframe& k : path.keys) highest = std::max(highest, k.pose.height_m);
    CHECK(highest > 50000.0);
    // Flown in FlyTo's own time for the distance when the stop gives none.
    const FlyTo fly(a.view, b.view);
    CHECK(tourArrivalTimes(t)[1] == Approx(a.dwell_s + fly.duration()));
}

TEST_CASE("sampled, the tour's path holds each stop's view through its dwell", "[tour]") {
    const Tour t = twoStops();
    const PathSampler sampler(tourPath(t));
    const auto arrivals = tourArrivalTimes(t);
    CHECK(sampler.duration() == Approx(arrivals.back() + t.stops.back().dwell_s + kTourEndHoldS));
    const auto turn = [](double a, double b) { return std::remainder(a - b, 360.0); };
    for (std::size_t i = 0; i < t.stops.size(); ++i) {
        INFO("stop " << i);
        const CameraPose& v = t.stops[i].view;
        for (const double u : {0.0, 0.5, 1.0}) {
            const PathSample s = sampler.at(arrivals[i] + u * t.stops[i].dwell_s);
            CHECK(s.pose.lon_deg == Approx(v.lon_deg).margin(1e-6));
            CHECK(s.pose.lat_deg == Approx(v.lat_deg).margin(1e-6));
            CHECK(s.pose.height_m == Approx(v.height_m).margin(0.5));
            // Orientations go through squad: within a few hundredths of a degree during the dwell.
            CHECK(std::fabs(turn(s.pose.heading_deg, v.heading_deg)) < 0.05);
            CHECK(s.pose.pitch_deg == Approx(v.pitch_deg).margin(0.05));
        }
        const PathSample mid = sampler.at(arrivals[i] + 0.5 * t.stops[i].dwell_s);
        CHECK(mid.caption == t.stops[i].caption);
        CHECK(mid.captionAlpha > 0.5);
    }
    // Qulong's dwell plays the date from 2021 to 2030.
    const PathSample qulong = sampler.at(arrivals[1] + 0.5 * t.stops[1].dwell_s);
    REQUIRE(qulong.time);
    CHECK(*qulong.time > 2021.0);
    CHECK(*qulong.time < 2030.0);
    CHECK(*sampler.at(sampler.duration()).time == Approx(2030.0));
    // Half way through the flight the camera is between the stops.
    const PathSample flying = sampler.at(arrivals[0] + t.stops[0].dwell_s + 0.5 * t.stops[1].flight_s);
    CHECK(flying.pose.lon_deg > t.stops[0].view.lon_deg + 0.1);
    CHECK(flying.pose.lon_deg < t.stops[1].view.lon_deg - 0.1);
}

TEST_CASE("a recorded tour switches the underground view when the flight to its stop starts, as the presenter does",
          "[tour]") {
    Tour t = twoStops();
    TourStop c = t.stops[0];  // back to Lhasa, above ground again
    c.underground = UndergroundView{};
    c.flight_s = 5;
    t.stops.push_back(c);
    const PathSampler sampler(tourPath(t));
    const auto arrivals = tourArrivalTimes(t);
    // Lhasa sets none: the scene's view stays.
    CHECK_FALSE(sampler.at(0.5 * t.stops[0].dwell_s).underground);
    // From the start of the flight to Qulong (the presenter's next() starts it) through its dwell.
    const double leaveLhasa = arrivals[0] + t.stops[0].dwell_s;
    CHECK_FALSE(sampler.at(leaveLhasa - 0.01).underground);
    for (const double at : {leaveLhasa + 0.01, arrivals[1] - 0.01, arrivals[1] + 0.5 * t.stops[1].dwell_s}) {
        INFO("at " << at << " s");
        const PathSample s = sampler.at(at);
        REQUIRE(s.underground);
        CHECK(*s.underground == *t.stops[1].underground);
    }
    // Leaving Qulong for Lhasa, the surface view again, to the end.
    const double leaveQulong = arrivals[1] + t.stops[1].dwell_s;
    CHECK(sampler.at(leaveQulong - 0.01).underground->enabled);
    for (const double at : {leaveQulong + 0.01, sampler.duration()}) {
        REQUIRE(sampler.at(at).underground);
        CHECK_FALSE(sampler.at(at).underground->enabled);
    }
}

TEST_CASE("Tour: a field name with a newline in it still gives a one-line error", "[tour]") {
    const auto r = parseTour(R"({"version": 1, "title": "t", "stops": [{"name": "a", "view": {"lon": 91, "lat": 29, "height": 1000, "heading": 0, "pitch": -30, "x\ny": 1}}]})",
                             "t.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK(r.error().message.find("x\\x0ay") != std::string::npos);
}
