// glTF models come from shared folders and downloads: any bytes, as a .glb or as .gltf text,
// must give a model or one error, within the reader's limits, without touching any other file.
#include <cstdint>
#include <cstring>
#include <vector>

#include "io/gltf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Small limits keep each run fast; the checks are the same as with the defaults.
    plateau::GltfLimits limits;
    limits.maxTriangles = 1'000'000;
    limits.maxAccessorCount = 1'000'000;
    limits.maxTextureDimension = 1024;
    // As it is: a GLB when it starts with the magic, .gltf text otherwise.
    (void)plateau::loadGltfFromMemory(data, size, "fuzz.glb", limits);
    if (size >= 4 && std::memcmp(data, "glTF", 4) == 0) return 0;
    // The same bytes as the JSON chunk of a GLB with an empty BIN chunk, so JSON mutations also
    // exercise the binary path.
    std::vector<std::uint8_t> glb;
    const std::size_t json = (size + 3) & ~std::size_t{3};
    const auto total = static_cast<std::uint32_t>(12 + 8 + json + 8);
    auto put = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) glb.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    glb.insert(glb.end(), {'g', 'l', 'T', 'F'});
    put(2);
    put(total);
    put(static_cast<std::uint32_t>(json));
    glb.insert(glb.end(), {'J', 'S', 'O', 'N'});
    glb.insert(glb.end(), data, data + size);
    glb.resize(20 + json, ' ');
    put(0);
    glb.insert(glb.end(), {'B', 'I', 'N', 0});
    (void)plateau::loadGltfFromMemory(glb.data(), glb.size(), "fuzz.glb", limits);
    return 0;
}
