#include "app/cli_args.h"

#include <sstream>
#include <string_view>
#include <vector>

#include "core/parse_number.h"

namespace plateau::app {

namespace {
// Leading spaces allowed: "--camera '91.5, 29.6, 9000'" reads naturally.
bool toDouble(const std::string& s, double& out) {
    const auto first = s.find_first_not_of(' ');
    const auto v = parseDouble(first == std::string::npos ? std::string_view() : std::string_view(s).substr(first));
    if (v) out = *v;
    return v.has_value();
}
}  // namespace

std::optional<CameraPose> parseCameraArg(const std::string& text, std::string& error, double defaultFov) {
    std::vector<std::string> parts;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) parts.push_back(item);
    if (parts.size() < 3 || parts.size() > 6) {
        error = "--camera '" + text + "': expected LON,LAT,HEIGHT[,HEADING[,PITCH[,FOV]]]";
        return std::nullopt;
    }
    double v[6] = {0, 0, 0, 0, -45, defaultFov};
    const char* names[6] = {"LON", "LAT", "HEIGHT", "HEADING", "PITCH", "FOV"};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (!toDouble(parts[i], v[i])) {
            error = "--camera '" + text + "': " + names[i] + " '" + parts[i] + "' is not a number";
            return std::nullopt;
        }
    }
    if (v[0] < -180 || v[0] > 180) { error = "--camera: LON must be within -180..180"; return std::nullopt; }
    if (v[1] < -85 || v[1] > 85) { error = "--camera: LAT must be within -85..85"; return std::nullopt; }
    if (v[2] < -500 || v[2] > 4.0e7) { error = "--camera: HEIGHT must be within -500..40000000 m"; return std::nullopt; }
    if (v[4] < -90 || v[4] > 90) { error = "--camera: PITCH must be within -90..90"; return std::nullopt; }
    if (!(v[5] >= kMinFovDeg && v[5] <= kMaxFovDeg)) {
        error = "--camera: FOV must be within 1..150 degrees";
        return std::nullopt;
    }
    return CameraPose{v[0], v[1], v[2], v[3], v[4], v[5]};
}

std::optional<Cutaway> parseCutawayArg(const std::string& text, std::string& error) {
    std::vector<std::string> parts;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) parts.push_back(item);
    if (parts.size() != 3) {
        error = "--cutaway '" + text + "': expected LON,LAT,HEADING";
        return std::nullopt;
    }
    double v[3] = {0, 0, 0};
    const char* names[3] = {"LON", "LAT", "HEADING"};
    for (std::size_t i = 0; i < 3; ++i)
        if (!toDouble(parts[i], v[i])) {
            error = "--cutaway '" + text + "': " + names[i] + " '" + parts[i] + "' is not a number";
            return std::nullopt;
        }
    if (v[0] < -180 || v[0] > 180) { error = "--cutaway: LON must be within -180..180"; return std::nullopt; }
    if (v[1] < -90 || v[1] > 90) { error = "--cutaway: LAT must be within -90..90"; return std::nullopt; }
    if (v[2] < -360 || v[2] > 360) { error = "--cutaway: HEADING must be within -360..360"; return std::nullopt; }
    return Cutaway{v[0], v[1], v[2]};
}

bool parseSizeArg(const std::string& text, int& width, int& height, std::string& error) {
    const auto x = text.find_first_of("xX");
    if (x != std::string::npos) {
        const auto w = parseInt(std::string_view(text).substr(0, x));
        const auto h = parseInt(std::string_view(text).substr(x + 1));
        if (w && h && *w >= 1 && *h >= 1 && *w <= 16384 && *h <= 16384) {
            width = *w;
            height = *h;
            return true;
        }
    }
    error = "--size '" + text + "': expected WIDTHxHEIGHT, each 1..16384 (e.g. 1280x720)";
    return false;
}

}  // namespace plateau::app
