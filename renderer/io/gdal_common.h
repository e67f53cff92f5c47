#pragma once
// What every GDAL/OGR reader here needs: registering the drivers once, and keeping GDAL's
// messages off stderr while it works so its last one becomes our one-line error instead.
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"

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

// A GDAL dataset handle (GDALDatasetH) that closes itself.
struct DatasetCloser {
    void operator()(void* dataset) const;
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

// Opens a raster read-only, with at least one band. Errors are one line naming the file: not
// found, not a raster GDAL can read (with GDAL's reason), no bands. Call it inside QuietErrors.
Result<Dataset> openRaster(const std::filesystem::path& file);

}  // namespace plateau::gdal
