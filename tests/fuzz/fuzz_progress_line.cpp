// The window reads a recording child's stderr line by line (app/record_job.h): any line must be
// either a progress reading within range or nothing, and a reading must format back to itself.
#include <cstdint>
#include <string>

#include "core/record_progress.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string line(reinterpret_cast<const char*>(data), size);
    const auto p = plateau::parseProgressLine(line);
    if (!p) return 0;
    if (p->done < 0 || p->total <= 0 || p->done > p->total) __builtin_trap();
    const auto again = plateau::parseProgressLine(plateau::formatProgressLine(*p));
    if (!again || again->done != p->done || again->total != p->total) __builtin_trap();
    return 0;
}
