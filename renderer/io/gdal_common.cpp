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

std::string lastError(const std::string& fallback) {
    const char* m = CPLGetLastErrorMsg();
    std::string s = (m && *m) ? m : fallback;
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

}  // namespace plateau::gdal
