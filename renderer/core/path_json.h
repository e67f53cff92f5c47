#pragma once
// The JSON pieces path files (core/camera_path.h) and tour files (core/tour.h) share: captions,
// layer states, cameras, the schema version and the document checks, read with the scene
// reader's Reader so every error names the file and the field the same way:
// "flight.json: keyframes[2].camera.height: must be a finite number (got inf)".
// Internal to the file parsers: the read functions throw scene_detail::SceneError, which
// parseJsonFile turns into an Error.
#include <utility>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/camera_path.h"
#include "core/input_limits.h"
#include "core/result.h"
#include "core/scene_reader.h"

namespace plateau::path_json {

using scene_detail::Reader;
using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// Parses `text` and runs `read(const Reader&, const json& root) -> T` on the root, returning its
// value or one error line naming `name`. Refuses, in this order and before `read` sees anything:
// empty text ("empty file"), invalid JSON (with the byte), any number beyond a double's range
// anywhere in the document (JSON has no NaN or infinity, but 1e999 overflows: named by its field
// path), a root that is not an object and a missing or newer "version" (see checkVersion). `what` names the kind of file
// ("path", "tour") in the messages.
template <class F>
auto parseJsonFile(const std::string& text, const std::string& name, const char* what, int newestVersion, F&& read)
    -> Result<decltype(read(std::declval<const Reader&>(), std::declval<const json&>()))>;

// The "version" member: required, a whole number from 1; newer than `newest` is refused first
// (a newer file may hold fields this version does not know, and "unknown field" would hide why).
void checkVersion(const Reader& rd, const json& root, int newest, const char* what);

// {"title", "subtitle", "source"}: strings, all optional.
Caption readCaption(const Reader& rd, const json& j, const std::string& path);
// [{"id", "visible", "opacity"}]: id a non-empty string named once, opacity 0..1.
std::vector<LayerState> readLayerStates(const Reader& rd, const json& j, const std::string& path);
// A camera as in scene files: {lon, lat, height, heading, pitch, fov}, all required but fov.
CameraPose readCamera(const Reader& rd, const json& j, const std::string& path);
// The date of a timeline: "2015", "2015-06" or a decimal year.
double readTime(const Reader& rd, const json& j, const std::string& path);

// The same values written the way the readers take them back exactly. Captions leave out empty
// fields; cameras leave out a 45-degree field of view.
ojson captionJson(const Caption& c);
ojson layerStatesJson(const std::vector<LayerState>& layers);
ojson cameraJson(const CameraPose& c);
ojson timeJson(double year);
// Whole numbers as integers ("16000", not "16000.0"), as scene files are written.
void wholeNumbersAsIntegers(ojson& j);

}  // namespace plateau::path_json

#include "core/path_json_impl.h"
