// Typed coordinates come straight from the search box: any text must give a position in range
// or one error line.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/coordinate_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto r = plateau::parseCoordinates(text);
    if (r.ok() && !(std::fabs(r->lat) <= 90.0 && std::fabs(r->lon) <= 180.0)) __builtin_trap();
    if (!r.ok() && r.error().message.find('\n') != std::string::npos) __builtin_trap();
    return 0;
}
