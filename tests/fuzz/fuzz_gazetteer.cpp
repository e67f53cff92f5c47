// The gazetteer is typed by hand and may be replaced by a user's own: any bytes must give places
// or one error line.
#include <cstdint>
#include <string>

#include "io/gazetteer_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto r = plateau::readGazetteerFromMemory(bytes, "fuzz/gazetteer.csv");
    if (!r.ok() && r.error().message.find('\n') != std::string::npos) __builtin_trap();
    return 0;
}
