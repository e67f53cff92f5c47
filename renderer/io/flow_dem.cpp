#include "io/flow_dem.h"

#include <array>
#include <cmath>
#include <system_error>

#include <gdal.h>
#include <ogr_srs_api.h>

#include "io/gdal_common.h"

namespace plateau {

namespace {

// 2^28 cells (1 GiB of heights): far beyond what the view uses, and keeps cell ids in int32.
constexpr double kMaxCells = double(1 << 28);

}  // namespace

Result<FlowRaster> readFlowRaster(const std::filesystem::path& file) {
    const std::string name = file.string();
    gdal::QuietErrors quiet;
    auto opened = gdal::openRaster(file);
    if (!opened) return opened.error();
    GDALDatasetH ds = opened->get();

    std::array<double, 6> gt{};
    const char* wkt = GDALGetProjectionRef(ds);
    if (GDALGetGeoTransform(ds, gt.data()) != CE_None || !wkt || !*wkt)
        return makeError(name + ": has no georeference (no CRS or geotransform)");
    OGRSpatialReferenceH srs = OSRNewSpatialReference(wkt);
    const bool geographic = srs && OSRIsGeographic(srs);
    if (srs) OSRDestroySpatialReference(srs);
    if (!geographic) return makeError(name + ": flow routing needs a longitude/latitude raster (the CRS is projected)");
    if (gt[2] != 0.0 || gt[4] != 0.0 || !(gt[1] > 0.0) || !(gt[5] < 0.0))
        return makeError(name + ": flow routing needs a north-up raster (rotated or flipped geotransform)");

    FlowRaster r;
    r.source = name;
    r.width = GDALGetRasterXSize(ds);
    r.height = GDALGetRasterYSize(ds);
    if (r.width < 3 || r.height < 3 || double(r.width) * double(r.height) > kMaxCells)
        return makeError(name + ": " + std::to_string(r.width) + " x " + std::to_string(r.height) +
                         " cells: flow routing takes 3 x 3 up to 2^28 cells");
    r.west = gt[0];
    r.north = gt[3];
    r.cellLon = gt[1];
    r.cellLat = -gt[5];
    r.z.resize(r.size());
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (GDALRasterIO(band, GF_Read, 0, 0, r.width, r.height, r.z.data(), r.width, r.height, GDT_Float32, 0, 0) !=
        CE_None)
        return makeError(name + ": cannot read its heights (" + gdal::lastError("read error") + ")");
    int hasNoData = 0;
    const double noData = GDALGetRasterNoDataValue(band, &hasNoData);
    bool any = false;
    std::vector<std::uint8_t> valid(r.size(), 1);
    for (std::size_t c = 0; c < r.size(); ++c) {
        const float z = r.z[c];
        if (std::isnan(z) || (hasNoData && double(z) == double(float(noData)))) {
            valid[c] = 0;
            any = true;
        }
    }
    if (any) r.valid = std::move(valid);
    return r;
}

}  // namespace plateau
