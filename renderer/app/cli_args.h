#pragma once
// Parsing of command-line values that CLI11 leaves as strings: camera poses and image sizes.
#include <optional>
#include <string>

#include "core/camera.h"
#include "core/underground.h"

namespace plateau::app {

// "LON,LAT,HEIGHT,HEADING,PITCH,FOV" (degrees, metres; HEADING, PITCH and FOV optional: 0, -45 and
// `defaultFov`, the vertical field of view).
std::optional<CameraPose> parseCameraArg(const std::string& text, std::string& error, double defaultFov = 45.0);
// "LON,LAT,HEADING" (degrees): a vertical cut plane through LON,LAT facing HEADING.
std::optional<Cutaway> parseCutawayArg(const std::string& text, std::string& error);
// "WxH", each 1..16384.
bool parseSizeArg(const std::string& text, int& width, int& height, std::string& error);

}  // namespace plateau::app
