// Imagery tiles come from tile servers and GDAL-free folders we do not control: any bytes, PNG or
// JPEG whatever their name says, must give an overlay tile of the requested size or one error.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/imagery_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A small size limit keeps each run fast; the header checks are the same as with the default.
    const auto tile = plateau::decodeImageryTile(data, size, {3, 5, 2}, "fuzz/3/5/2.png", 1024);
    if (!tile) {
        if (tile.error().message.empty() || tile.error().message.find('\n') != std::string::npos) std::abort();
        return 0;
    }
    if (tile->size <= 0 || tile->rgba.size() != std::size_t(tile->size) * std::size_t(tile->size) * 4) std::abort();
    return 0;
}
