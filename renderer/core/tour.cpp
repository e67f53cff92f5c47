// Tour files and the tour as a camera path. Files are read and written with the pieces path files
// use (core/path_json.h: the document checks, captions, layer states, cameras, dates), so a
// tour's errors read like a path's and a scene's.
#include "core/tour.h"

#include <algorithm>
#include <cmath>

#include "core/path_json.h"
#include "core/scene_writer_detail.h"

namespace plateau {

namespace {

using path_json::json;
using path_json::ojson;
using path_json::Reader;
// Longer than any lesson: a typo of 6000 for 60 is refused rather than sitting there for hours.
constexpr double kMaxSeconds = 3600.0;

TourStop parseStop(const Reader& rd, const json& s, const std::string& p) {
    rd.expectObject(s, p);
    rd.onlyKeys(s, p,
                {"name", "view", "time", "time_end", "layers", "underground", "caption", "narration", "dwell", "flight"});
    TourStop stop;
    rd.string(s, p, "name", stop.name);
    const json* view = Reader::member(s, "view");
    if (!view) rd.fail(Reader::join(p, "view"), "missing (lon, lat, height, heading, pitch)");
    stop.view = path_json::readCamera(rd, *view, Reader::join(p, "view"));
    if (const json* t = Reader::member(s, "time")) stop.time = path_json::readTime(rd, *t, Reader::join(p, "time"));
    if (const json* t = Reader::member(s, "time_end")) {
        stop.timeEnd = path_json::readTime(rd, *t, Reader::join(p, "time_end"));
        if (!stop.time) rd.fail(Reader::join(p, "time_end"), "needs \"time\", the date the dwell starts from");
    }
    if (const json* l = Reader::member(s, "layers")) stop.layers = path_json::readLayerStates(rd, *l, Reader::join(p, "layers"));
    if (const json* u = Reader::member(s, "underground")) {
        stop.underground.emplace();
        scene_detail::parseUnderground(rd, *u, *stop.underground, Reader::join(p, "underground"));
    }
    if (const json* c = Reader::member(s, "caption")) stop.caption = path_json::readCaption(rd, *c, Reader::join(p, "caption"));
    rd.string(s, p, "narration", stop.narration);
    if (const json* d = Reader::member(s, "dwell")) {
        const std::string field = Reader::join(p, "dwell");
        if (!d->is_number()) rd.fail(field, "must be a positive number of seconds");
        const double x = d->get<double>();
        if (!(x > 0.0)) rd.fail(field, "must be a positive number of seconds (got " + Reader::fmt(x) + ")");
        if (x > kMaxSeconds) rd.fail(field, "must be at most " + Reader::fmt(kMaxSeconds) + " seconds (got " + Reader::fmt(x) + ")");
        stop.dwell_s = x;
    }
    rd.number(s, p, "flight", stop.flight_s, 0.0, kMaxSeconds);
    return stop;
}

ojson stopJson(const TourStop& s) {
    ojson j;
    if (!s.name.empty()) j["name"] = s.name;
    j["view"] = path_json::cameraJson(s.view);
    if (s.time) j["time"] = path_json::timeJson(*s.time);
    if (s.timeEnd) j["time_end"] = path_json::timeJson(*s.timeEnd);
    if (!s.layers.empty()) j["layers"] = path_json::layerStatesJson(s.layers);
    if (s.underground) {
        j["underground"] = writer_detail::undergroundJson(*s.underground);
    }
    if (!s.caption.empty()) j["caption"] = path_json::captionJson(s.caption);
    if (!s.narration.empty()) j["narration"] = s.narration;
    j["dwell"] = s.dwell_s;
    if (s.flight_s != 0.0) j["flight"] = s.flight_s;
    return j;
}

}  // namespace

Result<Tour> parseTour(const std::string& text, const std::string& name) {
    return path_json::parseJsonFile(text, name, "tour", kTourSchemaVersion, [](const Reader& rd, const json& root) {
        rd.onlyKeys(root, "", {"version", "title", "scene", "stops"});
        Tour tour;
        rd.string(root, "", "title", tour.title);
        rd.string(root, "", "scene", tour.scene);
        const json* stops = Reader::member(root, "stops");
        if (!stops) rd.fail("stops", "missing (the tour's stops)");
        if (!stops->is_array()) rd.fail("stops", "expected an array of stops");
        if (stops->empty()) rd.fail("stops", "a tour needs at least one stop");
        for (std::size_t i = 0; i < stops->size(); ++i)
            tour.stops.push_back(parseStop(rd, (*stops)[i], "stops[" + std::to_string(i) + "]"));
        return tour;
    });
}

std::string writeTour(const Tour& tour) {
    ojson root;
    root["version"] = kTourSchemaVersion;
    if (!tour.title.empty()) root["title"] = tour.title;
    if (!tour.scene.empty()) root["scene"] = tour.scene;
    ojson stops = ojson::array();
    for (const TourStop& s : tour.stops) stops.push_back(stopJson(s));
    root["stops"] = stops;
    path_json::wholeNumbersAsIntegers(root);
    return root.dump(2) + "\n";
}

std::vector<std::vector<LayerState>> tourLayerStates(const Tour& tour, const std::vector<LayerState>& base) {
    // Every layer named anywhere, in the order first named (base first).
    std::vector<LayerState> current = base;
    const auto find = [&](const std::string& id) {
        return std::find_if(current.begin(), current.end(), [&](const LayerState& l) { return l.id == id; });
    };
    // A layer the base lacks starts as the first stop that names it has it, so a stop before that
    // does not change it.
    for (const TourStop& s : tour.stops)
        for (const LayerState& l : s.layers)
            if (find(l.id) == current.end()) current.push_back(l);
    std::vector<std::vector<LayerState>> out;
    out.reserve(tour.stops.size());
    for (const TourStop& s : tour.stops) {
        for (const LayerState& l : s.layers) *find(l.id) = l;
        out.push_back(current);
    }
    return out;
}

std::vector<LayerState> blendLayerStates(const std::vector<LayerState>& a, const std::vector<LayerState>& b, double u) {
    u = std::clamp(u, 0.0, 1.0);
    std::vector<LayerState> out = b;
    for (LayerState& l : out) {
        const auto from = std::find_if(a.begin(), a.end(), [&](const LayerState& x) { return x.id == l.id; });
        if (from == a.end()) continue;
        const double shownA = from->visible ? from->opacity : 0.0;
        const double shownB = l.visible ? l.opacity : 0.0;
        const double shown = shownA + (shownB - shownA) * u;
        if (u >= 1.0) continue;  // exactly b at the end, opacity of hidden layers included
        if (u <= 0.0) {
            l = *from;
            continue;
        }
        l.visible = shown > 0.0;
        // A hidden layer keeps the opacity it will be shown with (what a save would write).
        l.opacity = l.visible ? shown : l.opacity;
    }
    return out;
}

FlyToOptions tourFlightOptions(const TourStop& to) {
    FlyToOptions o;
    if (to.flight_s > 0.0) o.minDurationS = o.maxDurationS = to.flight_s;
    return o;
}

std::vector<double> tourArrivalTimes(const Tour& tour) {
    std::vector<double> out;
    double t = 0.0;
    for (std::size_t i = 0; i < tour.stops.size(); ++i) {
        if (i > 0) t += FlyTo(tour.stops[i - 1].view, tour.stops[i].view, tourFlightOptions(tour.stops[i])).duration();
        out.push_back(t);
        t += tour.stops[i].dwell_s;
    }
    return out;
}

CameraPath tourPath(const Tour& tour, const std::vector<LayerState>& base) {
    CameraPath path;
    const auto layers = tourLayerStates(tour, base);
    std::optional<double> date;  // the date in force (none until a stop sets one)
    for (std::size_t i = 0; i < tour.stops.size(); ++i) {
        const TourStop& stop = tour.stops[i];
        if (i > 0) {
            // The flight: FlyTo sampled at inner points; its own smootherstep timing is in the
            // positions, so the segments between them are linear in time.
            const TourStop& prev = tour.stops[i - 1];
            const FlyTo fly(prev.view, stop.view, tourFlightOptions(stop));
            const double step = fly.duration() / double(kTourFlightKeys + 1);
            // The departure keyframe's segment is the first part of the flight. The stop's
            // underground view starts with the flight, as in the presenter (TourPlayer).
            path.keys.back().duration_s = step;
            if (stop.underground) path.keys.back().underground = stop.underground;
            for (int k = 1; k <= kTourFlightKeys; ++k) {
                const double u = double(k) / double(kTourFlightKeys + 1);
                Keyframe key;
                key.pose = fly.at(step * double(k));
                if (date && stop.time) key.time = *date + (*stop.time - *date) * u;
                else key.time = date;
                key.layers = blendLayerStates(layers[i - 1], layers[i], u);
                key.duration_s = step;
                key.easing = Easing::Linear;
                path.keys.push_back(std::move(key));
            }
        }
        if (stop.time) date = stop.time;
        Keyframe arrive;
        arrive.pose = stop.view;
        arrive.time = date;
        arrive.layers = layers[i];
        arrive.caption = stop.caption;
        if (i == 0) arrive.underground = stop.underground;
        arrive.duration_s = stop.dwell_s;
        arrive.easing = Easing::Linear;  // the date plays at an even pace through the dwell
        path.keys.push_back(arrive);
        if (stop.timeEnd) date = stop.timeEnd;
        Keyframe depart = arrive;
        depart.time = date;
        depart.caption = {};
        depart.duration_s = kTourEndHoldS;  // the flight on sets it; after the last stop the path ends
        path.keys.push_back(std::move(depart));
    }
    return path;
}

}  // namespace plateau
