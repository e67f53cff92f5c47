// Scene files come from users and from shared folders: any bytes must give a scene or one error.
// A scene that reads also survives being saved: writing it and reading that back gives the same
// scene, and writing again the same bytes (core/scene_writer.h); anything else aborts, so the
// fuzzer reports it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/scene.h"
#include "core/scene_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::filesystem::path file = "fuzz/scene.json";
    const plateau::Result<plateau::Scene> scene = plateau::parseScene(text, file);
    if (!scene) return 0;
    const std::string written = plateau::writeScene(*scene, file);
    const plateau::Result<plateau::Scene> back = plateau::parseScene(written, file);
    if (!back || !(*back == *scene) || plateau::writeScene(*back, file) != written) std::abort();
    return 0;
}
