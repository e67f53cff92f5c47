#include "io/gdal_common.h"

#include <algorithm>
#include <mutex>

#include <cpl_error.h>
#include <gdal.h>

namespace plateau::gdal {

void registerDrivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QuietErrors::QuietErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

QuietErrors::~QuietErrors() { CPLPopErrorHandler(); }

void DatasetCloser::operator()(void* dataset) const {
    if (dataset) GDALClose(dataset);
}

Result<Dataset> openRaster(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return makeError(name + ": file not found");
    registerDrivers();
    Dataset ds(GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) return makeError(name + ": not a raster GDAL can read (" + lastError("unknown format") + ")");
    if (GDALGetRasterCount(ds.get()) < 1) return makeError(name + ": not a raster GDAL can read (no bands)");
    return ds;
}

std::string lastError(const std::string& fallback) {
    const char* m = CPLGetLastErrorMsg();
    std::string s = (m && *m) ? m : fallback;
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

}  // namespace plateau::gdal
