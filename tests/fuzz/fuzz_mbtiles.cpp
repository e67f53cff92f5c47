// MBTiles files are SQLite databases from anywhere: any bytes written as a file must open as a
// tile source or give one error, and every tile it lists must load or give one error.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/mbtiles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // SQLite reads files, not buffers: one file per process, rewritten for each input.
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("plateau-fuzz-" + std::to_string(::getpid()) + ".mbtiles");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    }
    for (const auto enc : {plateau::HeightEncoding::Terrarium, plateau::HeightEncoding::Mapbox}) {
        auto src = plateau::openMbtilesSource(file, enc);
        if (!src) continue;
        int loaded = 0;
        for (int z = (*src)->minZoom(); z <= (*src)->maxZoom() && z <= 4 && loaded < 16; ++z)
            for (int x = 0; x < (1 << z) && loaded < 16; ++x)
                for (int y = 0; y < (1 << z) && loaded < 16; ++y)
                    if ((*src)->hasTile({z, x, y})) {
                        (void)(*src)->load({z, x, y});
                        ++loaded;
                    }
    }
    std::error_code ec;
    std::filesystem::remove(file, ec);
    return 0;
}
