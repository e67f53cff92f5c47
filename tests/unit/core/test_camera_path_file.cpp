// Path files: what is written reads back the same, and every malformed file is refused with one
// line naming the file and the field.
#include <catch2/catch.hpp>

#include "core/camera_path.h"

using namespace plateau;

namespace {

CameraPath fullPath() {
    CameraPath p;
    p.clearance_m = 250.0;
    p.constantGroundSpeed = true;
    Keyframe a;
    a.pose = CameraPose{91.1, 29.65, 9000.5, 20.25, -35.0, 30.0};
    a.time = 2015.0;
    a.layers = {{"glaciers", false, 0.8}, {"rivers", true, 1.0}};
    a.caption = {"Lhasa ལྷ་ས 拉萨", "Capital of Tibet", "GeoNames"};
    a.duration_s = 6.5;
    a.easing = Easing::Linear;
    Keyframe b;
    b.pose = CameraPose{91.583, 29.6, 5200.0, 350.0, -90.0, 45.0};
    b.time = 2015.5;
    b.caption = {"Qulong", "", ""};
    b.easing = Easing::EaseIn;
    b.underground = UndergroundView{};
    b.underground->enabled = true;
    b.underground->terrainOpacity = 0.35;
    b.underground->cutawayOn = true;
    b.underground->cutaway = {91.58, 29.6, 192.0};
    Keyframe c;
    c.pose = CameraPose{91.75, 29.69, 6000.0, -30.0, -20.0, 60.0};
    c.easing = Easing::EaseOut;
    c.duration_s = 2.0;
    p.keys = {a, b, c};
    return p;
}

std::string withKey(const std::string& keyframe) {
    return R"({"version": 1, "keyframes": [)" + keyframe + "]}";
}
const std::string kCam = R"("camera": {"lon": 91, "lat": 29.5, "height": 5000, "heading": 0, "pitch": -30})";

std::string errorOf(const std::string& text) {
    const Result<CameraPath> r = parseCameraPath(text, "flight.json");
    if (r) return "(accepted)";
    return r.error().message;
}

}  // namespace

TEST_CASE("path files round-trip", "[camera_path_file]") {
    const CameraPath p = fullPath();
    const std::string text = writeCameraPath(p);
    const Result<CameraPath> back = parseCameraPath(text, "flight.json");
    REQUIRE(back.ok());
    CHECK(*back == p);
    CHECK(writeCameraPath(*back) == text);
    // Written as people write them: whole numbers without ".0", years as text, defaults left out.
    CHECK(text.find("\"version\": 1") != std::string::npos);
    CHECK(text.find("\"time\": \"2015\"") != std::string::npos);
    CHECK(text.find("\"time\": 2015.5") != std::string::npos);
    CHECK(text.find("\"easing\": \"ease-out\"") != std::string::npos);
    CHECK(text.find("\"fov\": 45") == std::string::npos);
}

TEST_CASE("path files take defaults for what they leave out", "[camera_path_file]") {
    const Result<CameraPath> r = parseCameraPath(withKey("{" + kCam + R"(, "time": "2010-07"})"), "f.json");
    REQUIRE(r.ok());
    REQUIRE(r->keys.size() == 1);
    const Keyframe& k = r->keys[0];
    CHECK(k.duration_s == 4.0);
    CHECK(k.easing == Easing::EaseInOut);
    CHECK(k.pose.fov_deg == 45.0);
    CHECK(*k.time > 2010.4);
    CHECK(*k.time < 2010.6);
    CHECK(r->clearance_m == 100.0);
    CHECK_FALSE(r->constantGroundSpeed);
}

TEST_CASE("malformed path files are refused with the file and the field", "[camera_path_file]") {
    CHECK(errorOf("") == "flight.json: empty file (expected a path file: a JSON object)");
    CHECK(errorOf(" \n") == "flight.json: empty file (expected a path file: a JSON object)");
    CHECK(errorOf("[1, 2]") == "flight.json: expected a JSON object (a path file)");
    CHECK(errorOf(R"({"version": 1, "keyframes": [)").rfind("flight.json: invalid JSON at byte", 0) == 0);
    CHECK(errorOf(withKey("{" + kCam + R"(, "duration": NaN})")).rfind("flight.json: invalid JSON", 0) == 0);
    CHECK(errorOf(R"({"keyframes": []})") ==
          "flight.json: version: missing (a whole number from 1 (the path file schema version))");
    CHECK(errorOf(R"({"version": 1.5, "keyframes": []})") ==
          "flight.json: version: expected a whole number from 1 (the path file schema version) (got 1.5)");
    // A newer version is said first, before its unknown fields or values this one refuses.
    CHECK(errorOf(R"({"version": 2, "roll": 1e99, "keyframes": []})") ==
          "flight.json: written by a newer plateau (path file schema version 2; this one reads up to 1)");
    CHECK(errorOf(R"({"version": 1})") == "flight.json: keyframes: missing (the path's keyframes)");
    CHECK(errorOf(R"({"version": 1, "keyframes": []})") ==
          "flight.json: keyframes: empty (a path needs at least one keyframe)");
    CHECK(errorOf(R"({"version": 1, "keyframes": {}})") == "flight.json: keyframes: expected an array of keyframes");
    CHECK(errorOf(R"({"version": 1, "speed": 3, "keyframes": []})") == "flight.json: speed: unknown field");
    // Infinite numbers (1e999 parses to infinity) are refused wherever they are.
    CHECK(errorOf(withKey(R"({"camera": {"lon": 91, "lat": 29.5, "height": 1e999, "heading": 0, "pitch": -30}})")) ==
          "flight.json: keyframes[0].camera.height: must be a finite number (got 1e999)");
    CHECK(errorOf(withKey("{" + kCam + R"(}, {"camera": {"lon": 91, "lat": 29.5, "height": 1, "heading": -1e999, "pitch": -30}})")) ==
          "flight.json: keyframes[1].camera.heading: must be a finite number (got -1e999)");
    CHECK(errorOf(R"({"version": 1, "keyframes": [{"layers": [{"id": "a", "opacity": 1e400}]}]})") ==
          "flight.json: keyframes[0].layers[0].opacity: must be a finite number (got 1e400)");
    CHECK(errorOf(R"([1e999])") == "flight.json: [0]: must be a finite number (got 1e999)");
    CHECK(errorOf(R"({"a": [1, {"b": [2, 3e999]}]})") == "flight.json: a[1].b[1]: must be a finite number (got 3e999)");
    CHECK(errorOf(withKey(R"({"camera": {"lon": 91, "lat": 29.5, "height": 1e300, "heading": 0, "pitch": -30}})")) ==
          "flight.json: keyframes[0].camera.height: must be between -500 and 1e+08 (got 1e+300)");
    CHECK(errorOf(withKey(R"({"camera": {"lon": 91, "lat": 29.5, "height": "high", "heading": 0, "pitch": -30}})")) ==
          "flight.json: keyframes[0].camera.height: expected a number");
    CHECK(errorOf(withKey(R"({"camera": {"lon": 91, "lat": 29.5, "height": 5000, "pitch": -30}})")) ==
          "flight.json: keyframes[0].camera.heading: missing");
    CHECK(errorOf(withKey(R"({"camera": {"lon": 91, "lat": 29.5, "height": 5000, "heading": 0, "pitch": -30, "roll": 0}})")) ==
          "flight.json: keyframes[0].camera.roll: unknown field");
    CHECK(errorOf(withKey(R"({"camera": {"lon": 91, "lat": 29.5, "height": 5000, "heading": 0, "pitch": -30, "fov": 170}})")) ==
          "flight.json: keyframes[0].camera.fov: must be between 1 and 150 (got 170)");
    CHECK(errorOf(withKey(R"({"duration": 3})")) ==
          "flight.json: keyframes[0].camera: missing (lon, lat, height, heading, pitch)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "zoom": 3})")) == "flight.json: keyframes[0].zoom: unknown field");
    CHECK(errorOf(withKey("{" + kCam + R"(, "underground": {"enabled": true, "terrain_opacity": 2}})")) ==
          "flight.json: keyframes[0].underground.terrain_opacity: must be between 0 and 1 (got 2)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "underground": {"enabled": true, "depth": 2}})")) ==
          "flight.json: keyframes[0].underground.depth: unknown field");
    CHECK(errorOf(withKey("{" + kCam + R"(, "duration": 0})")) ==
          "flight.json: keyframes[0].duration: must be between 0 and 3600 (got 0)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "duration": -2})")) ==
          "flight.json: keyframes[0].duration: must be between 0 and 3600 (got -2)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "duration": 1e7})")) ==
          "flight.json: keyframes[0].duration: must be between 0 and 3600 (got 1e+07)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "easing": "bounce"})")) ==
          "flight.json: keyframes[0].easing: unknown easing 'bounce' (ease-in-out, linear, ease-in or ease-out)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "time": "2015-13"})")).rfind("flight.json: keyframes[0].time: ", 0) == 0);
    CHECK(errorOf(withKey("{" + kCam + R"(, "layers": [{"id": "a", "opacity": 1.5}]})")) ==
          "flight.json: keyframes[0].layers[0].opacity: must be between 0 and 1 (got 1.5)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "layers": [{"id": "a"}, {"id": "a"}]})")) ==
          "flight.json: keyframes[0].layers[1].id: layer 'a' is listed twice");
    CHECK(errorOf(withKey("{" + kCam + R"(, "layers": [{"visible": true}]})")) ==
          "flight.json: keyframes[0].layers[0].id: missing (the scene layer's id)");
    CHECK(errorOf(withKey("{" + kCam + R"(, "caption": {"title": "A", "colour": "red"}})")) ==
          "flight.json: keyframes[0].caption.colour: unknown field");
    CHECK(errorOf(withKey("{" + kCam + R"(, "caption": {"title": 5}})")) ==
          "flight.json: keyframes[0].caption.title: expected a string");
    CHECK(errorOf(R"({"version": 1, "clearance": -5, "keyframes": [)" + std::string("{") + kCam + "}]}") ==
          "flight.json: clearance: must be between 0 and 100000 (got -5)");
}
