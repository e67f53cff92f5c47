#include "io/gdal_common.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include <cpl_error.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

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

Result<std::size_t> forEachFeature(OGRLayer& layer, const std::function<std::string(OGRFeature&, std::size_t)>& visit) {
    std::size_t row = 0;
    layer.ResetReading();
    for (;;) {
        CPLErrorReset();
        OGRFeatureUniquePtr f(layer.GetNextFeature());
        if (!f) {
            if (CPLGetLastErrorType() >= CE_Failure)
                return makeError("row " + std::to_string(row + 1) + ": " + lastError("read error"));
            return row;
        }
        ++row;
        if (std::string error = visit(*f, row); !error.empty()) return makeError(error);
    }
}

MemoryFile::MemoryFile(const std::string& bytes, const std::string& kind, const std::string& name) {
    static std::atomic<unsigned> counter{0};
    path_ = "/vsimem/plateau_" + kind + "_" + std::to_string(counter++) + "/" +
            std::filesystem::path(name).filename().string();
    VSILFILE* f = VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                       vsi_l_offset(bytes.size()), FALSE);
    ok_ = f != nullptr;
    if (f) VSIFCloseL(f);
}

MemoryFile::~MemoryFile() {
    if (ok_) VSIUnlink(path_.c_str());
}

}  // namespace plateau::gdal
