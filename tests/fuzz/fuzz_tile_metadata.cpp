// metadata.json of a tile folder comes with the folder, from anywhere: any bytes must give
// metadata or one error line. Metadata that reads survives being written and read again, and
// answers which tiles it covers without trouble.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/tile_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto meta = plateau::parseTileMetadata(text, "fuzz/metadata.json");
    if (!meta) {
        if (meta.error().message.empty() || meta.error().message.find('\n') != std::string::npos) std::abort();
        return 0;
    }
    const auto back = plateau::parseTileMetadata(plateau::tileMetadataToJson(*meta), "fuzz/metadata.json");
    if (!back || back->minZoom != meta->minZoom || back->maxZoom != meta->maxZoom ||
        back->encoding != meta->encoding || back->extents.size() != meta->extents.size())
        std::abort();
    for (int z = 0; z <= 6; ++z)
        for (int x = 0; x < (1 << z); x += 1 + z)
            for (int y = 0; y < (1 << z); y += 1 + z) (void)meta->covers({z, x, y});
    if (meta->maxZoom <= 5) (void)plateau::tilesCoveredBy(*meta);
    return 0;
}
