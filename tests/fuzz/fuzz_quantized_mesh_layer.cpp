// A Cesium terrain folder's layer.json comes with the folder, from anywhere: any bytes as
// layer.json, beside one real tile saved flat and in the {z}/{x}/{y} layout, must open as a tile
// source or give one error, and then answer for every Mercator tile it is asked about (availability
// ranges of any size, any scheme and template) and load it or give one error.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "io/quantized_mesh_source.h"

namespace fs = std::filesystem;

namespace {
void write(const fs::path& file, const std::string& bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

// One folder per process: the tile written once, layer.json rewritten for each input.
fs::path folder() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("plateau-fuzz-qm-" + std::to_string(::getpid()));
        std::ifstream in(fs::path(PLATEAU_SOURCE_DIR) / "tests/fuzz/corpus/quantized_mesh/plane.terrain", std::ios::binary);
        const std::string tile((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (tile.empty()) std::abort();  // the seed tile must be there
        write(d / "0_0_0.terrain", tile);
        write(d / "1" / "1" / "0.terrain", tile);
        return d;
    }();
    return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fs::path dir = folder();
    write(dir / "layer.json", std::string(reinterpret_cast<const char*>(data), size));
    auto src = plateau::openQuantizedMeshSource(dir);
    if (!src) {
        if (src.error().message.empty() || src.error().message.find('\n') != std::string::npos) std::abort();
        return 0;
    }
    int loads = 0;
    for (int z = 0; z <= 3; ++z)
        for (int x = 0; x < (1 << z); ++x)
            for (int y = 0; y < (1 << z); ++y) {
                const plateau::TileId id{z, x, y};
                (void)(*src)->hasDataBelow(id);
                if ((*src)->hasTile(id) && loads < 4) {
                    ++loads;
                    const auto grid = (*src)->load(id);
                    if (!grid && grid.error().message.find('\n') != std::string::npos) std::abort();
                }
            }
    (void)(*src)->hasTile({(*src)->maxZoom(), 0, 0});
    return 0;
}
