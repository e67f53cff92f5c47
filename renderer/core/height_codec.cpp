#include "core/height_codec.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace plateau {

double decodeHeight(std::uint8_t r, std::uint8_t g, std::uint8_t b, HeightEncoding enc) {
    if (enc == HeightEncoding::Terrarium) return r * 256.0 + g + b / 256.0 - 32768.0;
    return -10000.0 + (r * 65536.0 + g * 256.0 + b) * 0.1;
}

std::array<std::uint8_t, 3> encodeHeight(double h, HeightEncoding enc) {
    if (enc == HeightEncoding::Terrarium) {
        // 1/256 m steps from -32768 to 32767.996.
        const double v = std::clamp(std::round((h + 32768.0) * 256.0), 0.0, 16777215.0);
        const auto iv = static_cast<std::uint32_t>(v);
        return {std::uint8_t(iv >> 16), std::uint8_t((iv >> 8) & 255u), std::uint8_t(iv & 255u)};
    }
    const double v = std::clamp(std::round((h + 10000.0) * 10.0), 0.0, 16777215.0);
    const auto iv = static_cast<std::uint32_t>(v);
    return {std::uint8_t(iv >> 16), std::uint8_t((iv >> 8) & 255u), std::uint8_t(iv & 255u)};
}

std::optional<HeightEncoding> parseHeightEncoding(std::string_view name) {
    std::string s(name);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (s == "terrarium") return HeightEncoding::Terrarium;
    if (s == "mapbox" || s == "terrain-rgb" || s == "mapbox-terrain-rgb") return HeightEncoding::Mapbox;
    return std::nullopt;
}

const char* heightEncodingName(HeightEncoding enc) {
    return enc == HeightEncoding::Terrarium ? "terrarium" : "mapbox";
}

}  // namespace plateau
