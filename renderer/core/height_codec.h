#pragma once
// Elevation encodings of RGB tiles. Terrarium (AWS Terrain Tiles): h = R*256 + G + B/256 - 32768.
// Mapbox terrain-RGB: h = -10000 + (R*65536 + G*256 + B) * 0.1.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace plateau {

enum class HeightEncoding { Terrarium, Mapbox };

double decodeHeight(std::uint8_t r, std::uint8_t g, std::uint8_t b, HeightEncoding enc);
// Nearest representable encoding (clamped to the encoding's range).
std::array<std::uint8_t, 3> encodeHeight(double h, HeightEncoding enc);
std::optional<HeightEncoding> parseHeightEncoding(std::string_view name);  // "terrarium" / "mapbox"
const char* heightEncodingName(HeightEncoding enc);

}  // namespace plateau
