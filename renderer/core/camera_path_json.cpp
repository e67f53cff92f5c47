// Path files: the keyframes of a flythrough as JSON.
//
//   {"version": 1, "clearance": 100, "constant_speed": false,
//    "keyframes": [{"camera": {"lon": 91.1, "lat": 29.6, "height": 9000, "heading": 30,
//                              "pitch": -35, "fov": 45},
//                   "time": "2015" (or 2015.5),
//                   "layers": [{"id": "glaciers", "visible": true, "opacity": 0.8}],
//                   "caption": {"title": "...", "subtitle": "...", "source": "..."},
//                   "underground": {"enabled": true, "terrain_opacity": 0.35, ...} (as in scene files),
//                   "duration": 4, "easing": "ease-in-out" | "linear" | "ease-in" | "ease-out"}]}
//
// version is required and read first; camera needs lon, lat, height, heading and pitch (fov is
// optional, 45 degrees); every other member is optional with the defaults of core/camera_path.h.
// Durations are seconds, more than 0 and at most an hour; clearance is 0 to 100 km.
#include <cmath>
#include <limits>

#include "core/camera_path.h"
#include "core/path_json.h"
#include "core/scene_reader.h"
#include "core/scene_writer_detail.h"

namespace plateau {

namespace {

using path_json::json;
using path_json::ojson;
using path_json::Reader;

constexpr double kMaxDurationS = 3600.0;
constexpr double kMaxClearanceM = 100000.0;

struct EasingName {
    Easing easing;
    const char* name;
};
constexpr EasingName kEasings[] = {{Easing::EaseInOut, "ease-in-out"},
                                   {Easing::Linear, "linear"},
                                   {Easing::EaseIn, "ease-in"},
                                   {Easing::EaseOut, "ease-out"}};

Easing readEasing(const Reader& rd, const json& k, const std::string& p) {
    std::string name = "ease-in-out";
    rd.string(k, p, "easing", name);
    for (const EasingName& e : kEasings)
        if (name == e.name) return e.easing;
    rd.fail(Reader::join(p, "easing"), "unknown easing '" + name + "' (ease-in-out, linear, ease-in or ease-out)");
}

Keyframe readKeyframe(const Reader& rd, const json& k, const std::string& p) {
    rd.expectObject(k, p);
    rd.onlyKeys(k, p, {"camera", "time", "layers", "caption", "underground", "duration", "easing"});
    Keyframe key;
    const json* cam = Reader::member(k, "camera");
    if (!cam) rd.fail(Reader::join(p, "camera"), "missing (lon, lat, height, heading, pitch)");
    key.pose = path_json::readCamera(rd, *cam, Reader::join(p, "camera"));
    if (const json* t = Reader::member(k, "time")) key.time = path_json::readTime(rd, *t, Reader::join(p, "time"));
    if (const json* l = Reader::member(k, "layers")) key.layers = path_json::readLayerStates(rd, *l, Reader::join(p, "layers"));
    if (const json* c = Reader::member(k, "caption")) key.caption = path_json::readCaption(rd, *c, Reader::join(p, "caption"));
    if (const json* u = Reader::member(k, "underground")) {
        key.underground.emplace();
        scene_detail::parseUnderground(rd, *u, *key.underground, Reader::join(p, "underground"));
    }
    rd.number(k, p, "duration", key.duration_s, 0.0, kMaxDurationS, true);
    key.easing = readEasing(rd, k, p);
    return key;
}

CameraPath readPath(const Reader& rd, const json& root) {
    rd.onlyKeys(root, "", {"version", "clearance", "constant_speed", "keyframes"});
    CameraPath path;
    rd.number(root, "", "clearance", path.clearance_m, 0.0, kMaxClearanceM);
    rd.boolean(root, "", "constant_speed", path.constantGroundSpeed);
    const json* keys = Reader::member(root, "keyframes");
    if (!keys) rd.fail("keyframes", "missing (the path's keyframes)");
    if (!keys->is_array()) rd.fail("keyframes", "expected an array of keyframes");
    if (keys->empty()) rd.fail("keyframes", "empty (a path needs at least one keyframe)");
    for (std::size_t i = 0; i < keys->size(); ++i)
        path.keys.push_back(readKeyframe(rd, (*keys)[i], "keyframes[" + std::to_string(i) + "]"));
    return path;
}

const char* easingName(Easing e) {
    for (const EasingName& n : kEasings)
        if (n.easing == e) return n.name;
    return "ease-in-out";
}

}  // namespace

Result<CameraPath> parseCameraPath(const std::string& text, const std::string& name) {
    return path_json::parseJsonFile(text, name, "path", kCameraPathSchemaVersion, readPath);
}

std::string writeCameraPath(const CameraPath& path) {
    ojson root;
    root["version"] = kCameraPathSchemaVersion;
    root["clearance"] = path.clearance_m;
    root["constant_speed"] = path.constantGroundSpeed;
    ojson keys = ojson::array();
    for (const Keyframe& k : path.keys) {
        ojson j;
        j["camera"] = path_json::cameraJson(k.pose);
        if (k.time) j["time"] = path_json::timeJson(*k.time);
        if (!k.layers.empty()) j["layers"] = path_json::layerStatesJson(k.layers);
        if (!k.caption.empty()) j["caption"] = path_json::captionJson(k.caption);
        if (k.underground) j["underground"] = writer_detail::undergroundJson(*k.underground);
        j["duration"] = k.duration_s;
        j["easing"] = easingName(k.easing);
        keys.push_back(std::move(j));
    }
    root["keyframes"] = std::move(keys);
    path_json::wholeNumbersAsIntegers(root);
    return root.dump(2) + "\n";
}

}  // namespace plateau
