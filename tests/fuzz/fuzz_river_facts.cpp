// River facts tables are typed by hand and shared: any bytes must give facts or one error line.
#include <cstdint>
#include <string>

#include "core/river_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto r = plateau::parseRiverFacts(text, "fuzz/reaches.csv");
    if (!r.ok() && r.error().message.find('\n') != std::string::npos) __builtin_trap();
    return 0;
}
