// Files the user picks with "Add layer from file" can be anything: any bytes must give a layer
// description or one error line naming the file. The first byte picks the file's extension (g
// .geojson, c .csv, j .json, f .gltf, b .glb, k .kml, anything else .dat); the rest is the file.
// GDAL's drivers are fuzzed by OSS-Fuzz; this covers our probing and messages around them.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/layer_probe.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("plateau-fuzz-probe-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    const char* ext = ".dat";
    switch (data[0]) {
        case 'g': ext = ".geojson"; break;
        case 'c': ext = ".csv"; break;
        case 'j': ext = ".json"; break;
        case 'f': ext = ".gltf"; break;
        case 'b': ext = ".glb"; break;
        case 'k': ext = ".kml"; break;
        default: break;
    }
    const fs::path file = dir / (std::string("Picked file") + ext);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), std::streamsize(size - 1));
    }
    const std::vector<plateau::LayerDesc> existing(1);
    const auto layer = plateau::layerFromFile(file, {91.0, 29.6}, existing);
    if (!layer && (layer.error().message.find('\n') != std::string::npos ||
                   layer.error().message.rfind(file.string(), 0) != 0))
        std::abort();
    std::error_code ec;
    fs::remove(file, ec);
    return 0;
}
