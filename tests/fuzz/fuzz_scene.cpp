// Scene files come from users and from shared folders: any bytes must give a scene or one error.
#include <cstdint>
#include <string>

#include "core/scene.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)plateau::parseScene(text, "fuzz/scene.json");
    return 0;
}
