// TileJSON documents come from servers: any bytes must give a document or one error.
#include <cstdint>
#include <string>

#include "core/tilejson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)plateau::parseTileJson(text, "fuzz/tiles.json");
    return 0;
}
