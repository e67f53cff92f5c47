#pragma once
// What every GDAL/OGR reader here needs: registering the drivers once, and keeping GDAL's
// messages off stderr while it works so its last one becomes our one-line error instead.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

class OGRFeature;
class OGRLayer;

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

// Reads a layer's features from the start, in order: `visit(feature, row)` (rows counted from 1)
// returns an error text to stop with, or "" to go on. A read error of GDAL's stops with
// "row N: <GDAL's message>". Returns the number of rows read, or the first error (the caller
// names the file). Call it inside QuietErrors.
Result<std::size_t> forEachFeature(OGRLayer& layer, const std::function<std::string(OGRFeature&, std::size_t)>& visit);

// A virtual file (/vsimem) over a caller's bytes, for reading a buffer with GDAL as if it were a
// file; GDAL reads the bytes in place, so they must outlive this. Unlinked when it goes away.
// Each has a folder of its own: threads may read several at once.
class MemoryFile {
public:
    MemoryFile(const std::string& bytes, const std::string& kind, const std::string& name);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    bool ok() const { return ok_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    bool ok_ = false;
};

}  // namespace plateau::gdal
