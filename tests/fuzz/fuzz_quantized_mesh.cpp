// Quantized-mesh tiles (Cesium's terrain format) from any server: any bytes, plain or gzip, must
// give a mesh or one error, never a read past the data or a huge allocation.
#include <cstdint>

#include "io/quantized_mesh.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto mesh = plateau::decodeQuantizedMesh(data, size, "fuzz.terrain");
    if (mesh)
        for (std::size_t i = 0; i < mesh->vertexCount() && i < 64; ++i) (void)mesh->normal(i);
    return 0;
}
