// Elevation tiles come from disks and servers we do not control: any bytes, decoded as a
// Terrarium or a Mapbox tile (the fast libdeflate path, falling back to libpng), must give a
// height grid or one error, within the decoder's size limit.
#include <cstdint>

#include "io/png_heights.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)plateau::decodeHeightPng(data, size, plateau::HeightEncoding::Terrarium, "fuzz.png");
    (void)plateau::decodeHeightPng(data, size, plateau::HeightEncoding::Mapbox, "fuzz.png");
    return 0;
}
