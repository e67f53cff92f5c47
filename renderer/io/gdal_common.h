#pragma once
// What every GDAL/OGR reader here needs: registering the drivers once, and keeping GDAL's
// messages off stderr while it works so its last one becomes our one-line error instead.
#include <string>

namespace plateau::gdal {

void registerDrivers();

// GDAL reports through a per-thread handler stack: while one of these lives, messages are
// collected instead of printed.
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
};

// GDAL's last message on this thread as one line, or `fallback` when there is none.
std::string lastError(const std::string& fallback);

}  // namespace plateau::gdal
