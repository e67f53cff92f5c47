#include "io/gdal_source.h"
#include "io/gdal_common.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <system_error>

namespace plateau {
namespace fs = std::filesystem;
namespace {

constexpr double kOriginShift = 20037508.342789244;  // half the Web Mercator world, metres
constexpr double kEquatorMetres = kWebMercatorWorldMetres;
constexpr double kMetresPerDegree = kEquatorMetres / 360.0;
// Marks warped pixels without data; far below any elevation and exact in float.
constexpr float kWarpNoData = -99999.0f;
constexpr int kMaxZoomLimit = 24;

struct Srs {
    OGRSpatialReferenceH h = nullptr;
    Srs() = default;
    explicit Srs(OGRSpatialReferenceH s) : h(s) {
        // Longitude first, whatever the authority says, so transforms take (x = lon, y = lat).
        if (h) OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER);
    }
    ~Srs() {
        if (h) OSRDestroySpatialReference(h);
    }
    Srs(const Srs&) = delete;
    Srs& operator=(const Srs&) = delete;
};

Srs epsg(int code) {
    Srs s(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(s.h, code);
    OSRSetAxisMappingStrategy(s.h, OAMS_TRADITIONAL_GIS_ORDER);
    return Srs(s.h ? OSRClone(s.h) : nullptr);
}

void applyGeoTransform(const std::array<double, 6>& gt, double px, double py, double& x, double& y) {
    x = gt[0] + px * gt[1] + py * gt[2];
    y = gt[3] + px * gt[4] + py * gt[5];
}

Result<GdalRasterInfo> inspectRaster(const fs::path& file) {
    const std::string name = file.string();
    gdal::QuietErrors quiet;
    auto opened = gdal::openRaster(file);
    if (!opened) return opened.error();
    GDALDatasetH ds = opened->get();

    GdalRasterInfo info;
    info.file = file;
    info.width = GDALGetRasterXSize(ds);
    info.height = GDALGetRasterYSize(ds);
    const char* wkt = GDALGetProjectionRef(ds);
    if (GDALGetGeoTransform(ds, info.geoTransform.data()) != CE_None || !wkt || !*wkt)
        return makeError(name + ": has no georeference (no CRS or geotransform)");
    info.crsWkt = wkt;

    Srs src(OSRNewSpatialReference(wkt));
    Srs wgs84 = epsg(4326);
    OGRCoordinateTransformationH toLonLat = src.h && wgs84.h ? OCTNewCoordinateTransformation(src.h, wgs84.h) : nullptr;
    if (!toLonLat) return makeError(name + ": unsupported CRS (" + gdal::lastError("no transformation to WGS84") + ")");
    struct TransformCloser {
        OGRCoordinateTransformationH t;
        ~TransformCloser() { OCTDestroyCoordinateTransformation(t); }
    } tcloser{toLonLat};

    // The footprint's bounds from points along its edges (projected edges curve in lon/lat).
    constexpr int kSteps = 32;
    std::vector<double> xs, ys;
    for (int k = 0; k <= kSteps; ++k) {
        const double f = double(k) / kSteps;
        const double px[4] = {f * info.width, f * info.width, 0.0, double(info.width)};
        const double py[4] = {0.0, double(info.height), f * info.height, f * info.height};
        for (int e = 0; e < 4; ++e) {
            double x, y;
            applyGeoTransform(info.geoTransform, px[e], py[e], x, y);
            xs.push_back(x);
            ys.push_back(y);
        }
    }
    // Plus the centre pixel and its neighbours, for the resolution.
    const double cx = info.width / 2.0, cy = info.height / 2.0;
    for (const auto& [px, py] : {std::pair{cx, cy}, std::pair{cx + 1, cy}, std::pair{cx, cy + 1}}) {
        double x, y;
        applyGeoTransform(info.geoTransform, px, py, x, y);
        xs.push_back(x);
        ys.push_back(y);
    }
    std::vector<int> okFlags(xs.size());
    OCTTransformEx(toLonLat, int(xs.size()), xs.data(), ys.data(), nullptr, okFlags.data());
    const std::size_t edgeCount = xs.size() - 3;
    LonLatBounds b{1e9, 1e9, -1e9, -1e9};
    for (std::size_t k = 0; k < edgeCount; ++k) {
        if (!okFlags[k]) continue;
        b.west = std::min(b.west, xs[k]);
        b.east = std::max(b.east, xs[k]);
        b.south = std::min(b.south, ys[k]);
        b.north = std::max(b.north, ys[k]);
    }
    const std::size_t c = edgeCount;
    if (b.west > b.east || !okFlags[c] || !okFlags[c + 1] || !okFlags[c + 2] || b.west < -180.5 || b.east > 180.5)
        return makeError(name + ": unsupported CRS (its extent does not map to WGS84 longitudes and latitudes)");
    b.south = std::max(b.south, -kMaxMercatorLatDeg);
    b.north = std::min(b.north, kMaxMercatorLatDeg);
    if (b.south >= b.north) return makeError(name + ": lies outside the Web Mercator latitude range");
    info.bounds = b;

    const double lat = ys[c] * std::numbers::pi / 180.0;
    auto ground = [&](std::size_t k) {
        const double dx = (xs[k] - xs[c]) * kMetresPerDegree * std::cos(lat);
        const double dy = (ys[k] - ys[c]) * kMetresPerDegree;
        return std::hypot(dx, dy);
    };
    info.pixelMetres = std::min(ground(c + 1), ground(c + 2));
    if (!(info.pixelMetres > 0)) return makeError(name + ": unsupported CRS (zero pixel size)");
    info.maxZoom = kMaxZoomLimit;
    for (int z = 0; z <= kMaxZoomLimit; ++z)
        if (webMercatorPixelMetres(z, ys[c]) < info.pixelMetres) {
            info.maxZoom = z;
            break;
        }
    return info;
}

}  // namespace

// One thread's handles: datasets are not thread-safe, nor are coordinate transformations.
struct GdalSource::ThreadState {
    std::vector<GDALDatasetH> datasets;
    std::vector<OGRCoordinateTransformationH> fromMercator;  // EPSG:3857 -> each raster's CRS
    ~ThreadState() {
        for (GDALDatasetH d : datasets)
            if (d) GDALClose(d);
        for (OGRCoordinateTransformationH t : fromMercator)
            if (t) OCTDestroyCoordinateTransformation(t);
    }
};

GdalSource::~GdalSource() = default;

std::string GdalSource::describe() const {
    std::string s = "GDAL ";
    for (std::size_t i = 0; i < rasters_.size(); ++i) s += (i ? ", " : "") + rasters_[i].file.string();
    return s;
}

bool GdalSource::intersects(const TileId& id) const {
    if (!id.valid()) return false;
    const LonLatBounds tb = tileBounds(id);
    return std::any_of(rasters_.begin(), rasters_.end(), [&](const GdalRasterInfo& r) { return r.bounds.intersects(tb); });
}

bool GdalSource::hasTile(const TileId& id) const { return id.z <= maxZoom_ && intersects(id); }

Result<GdalSource::ThreadState*> GdalSource::threadState() {
    std::lock_guard lock(mutex_);
    auto& slot = states_[std::this_thread::get_id()];
    if (slot) return slot.get();
    gdal::QuietErrors quiet;
    auto st = std::make_unique<ThreadState>();
    Srs mercator = epsg(3857);
    for (const GdalRasterInfo& r : rasters_) {
        const std::string name = r.file.string();
        GDALDatasetH ds = GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        st->datasets.push_back(ds);
        Srs srs(OSRNewSpatialReference(r.crsWkt.c_str()));
        st->fromMercator.push_back(srs.h && mercator.h ? OCTNewCoordinateTransformation(mercator.h, srs.h) : nullptr);
        if (!ds) return makeError(name + ": cannot reopen (" + gdal::lastError("unknown error") + ")");
        if (!st->fromMercator.back()) return makeError(name + ": unsupported CRS (no transformation from Web Mercator)");
    }
    slot = std::move(st);
    return slot.get();
}

Result<HeightGrid> GdalSource::load(const TileId& id) {
    bool empty = false;
    auto grid = loadOrFlat(id, empty);
    if (grid && empty) return makeError("tile " + id.str() + " from " + describe() + ": no data");
    return grid;
}

Result<HeightGrid> GdalSource::loadOrFlat(const TileId& id, bool& empty) {
    empty = true;
    HeightGrid flat{kGdalTileSize, kGdalTileSize,
                    std::vector<float>(std::size_t(kGdalTileSize) * kGdalTileSize, kGdalOutsideHeight)};
    if (!id.valid()) return makeError("tile " + id.str() + ": not a valid tile id");
    constexpr int M = kGdalFillPixels, N = kGdalTileSize + 2 * M;
    const double tileMetres = kEquatorMetres / std::ldexp(1.0, id.z), pix = tileMetres / kGdalTileSize;
    const double xmin = -kOriginShift + id.x * tileMetres - M * pix, xmax = xmin + N * pix;
    const double ymax = kOriginShift - id.y * tileMetres + M * pix, ymin = ymax - N * pix;

    // Only rasters under the tile (with its margin) take part.
    const LonLatBounds tb = tileBounds(id);
    const double padLon = (tb.east - tb.west) * M / kGdalTileSize, padLat = (tb.north - tb.south) * M / kGdalTileSize;
    const LonLatBounds padded{tb.west - padLon, tb.south - padLat, tb.east + padLon, tb.north + padLat};
    auto stateOr = threadState();
    if (!stateOr) return stateOr.error();
    ThreadState& st = **stateOr;
    std::vector<GDALDatasetH> used;
    std::vector<std::size_t> usedIndex;
    double finest = 1e30;
    for (std::size_t k = 0; k < rasters_.size(); ++k)
        if (rasters_[k].bounds.intersects(padded)) {
            used.push_back(st.datasets[k]);
            usedIndex.push_back(k);
            finest = std::min(finest, rasters_[k].pixelMetres);
        }
    if (used.empty()) return flat;

    const double centreLat = (tb.north + tb.south) / 2;
    const bool finer = webMercatorPixelMetres(id.z, centreLat) <= finest;
    char num[4][32];
    std::snprintf(num[0], sizeof num[0], "%.17g", xmin);
    std::snprintf(num[1], sizeof num[1], "%.17g", ymin);
    std::snprintf(num[2], sizeof num[2], "%.17g", xmax);
    std::snprintf(num[3], sizeof num[3], "%.17g", ymax);
    const std::string size = std::to_string(N);
    const char* argv[] = {"-of", "MEM", "-t_srs", "EPSG:3857", "-te", num[0], num[1], num[2], num[3], "-ts",
                          size.c_str(), size.c_str(), "-r", finer ? "bilinear" : "average", "-ot", "Float32",
                          "-dstnodata", "-99999", "-wo", "INIT_DEST=NO_DATA", nullptr};
    gdal::QuietErrors quiet;
    GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(const_cast<char**>(argv), nullptr);
    if (!opts) return makeError("tile " + id.str() + ": " + gdal::lastError("bad warp options"));
    int usageError = 0;
    GDALDatasetH out = GDALWarp("", nullptr, int(used.size()), used.data(), opts, &usageError);
    GDALWarpAppOptionsFree(opts);
    if (!out) return makeError("tile " + id.str() + " from " + describe() + ": " + gdal::lastError("warp failed"));
    struct Closer {
        GDALDatasetH d;
        ~Closer() { GDALClose(d); }
    } closer{out};
    GDALRasterBandH band = GDALGetRasterBand(out, 1);

    std::vector<float> before(std::size_t(N) * N), after;
    auto read = [&](std::vector<float>& v) {
        v.resize(std::size_t(N) * N);
        return GDALRasterIO(band, GF_Read, 0, 0, N, N, v.data(), N, N, GDT_Float32, 0, 0) == CE_None;
    };
    if (!read(before)) return makeError("tile " + id.str() + ": " + gdal::lastError("cannot read the warped tile"));
    auto at = [&](const std::vector<float>& v, int i, int j) { return v[std::size_t(j + M) * N + std::size_t(i + M)]; };
    bool anyValid = false, anyVoid = false;
    for (int j = 0; j < kGdalTileSize; ++j)
        for (int i = 0; i < kGdalTileSize; ++i) (at(before, i, j) == kWarpNoData ? anyVoid : anyValid) = true;
    if (!anyValid) return flat;
    if (anyVoid) {
        // MEM temporaries: the default would write GeoTIFFs to the working folder.
        char** fillOpts = CSLSetNameValue(nullptr, "TEMP_FILE_DRIVER", "MEM");
        const CPLErr err = GDALFillNodata(band, nullptr, double(M), 0, 0, fillOpts, nullptr, nullptr);
        CSLDestroy(fillOpts);
        if (err != CE_None || !read(after))
            return makeError("tile " + id.str() + ": " + gdal::lastError("cannot fill voids"));
    }

    HeightGrid grid = std::move(flat);
    for (int j = 0; j < kGdalTileSize; ++j)
        for (int i = 0; i < kGdalTileSize; ++i) {
            const float h = at(anyVoid ? after : before, i, j);
            float& outH = grid.samples[std::size_t(j) * kGdalTileSize + std::size_t(i)];
            if (h == kWarpNoData) continue;
            if (at(before, i, j) != kWarpNoData) {
                outH = h;
                continue;
            }
            // A filled pixel counts only inside some raster's footprint: voids are filled, the
            // world around the raster is not.
            double x = xmin + (i + M + 0.5) * pix, y = ymax - (j + M + 0.5) * pix;
            for (std::size_t k : usedIndex) {
                double px = x, py = y;
                int ok = 0;
                if (!OCTTransformEx(st.fromMercator[k], 1, &px, &py, nullptr, &ok) || !ok) continue;
                const auto& gt = rasters_[k].geoTransform;
                const double det = gt[1] * gt[5] - gt[2] * gt[4];
                if (det == 0) continue;
                const double dx = px - gt[0], dy = py - gt[3];
                const double col = (dx * gt[5] - dy * gt[2]) / det, row = (dy * gt[1] - dx * gt[4]) / det;
                if (col >= 0 && row >= 0 && col < rasters_[k].width && row < rasters_[k].height) {
                    outH = h;
                    break;
                }
            }
        }
    empty = false;
    return grid;
}

Result<std::shared_ptr<GdalSource>> openGdalRasters(const std::vector<fs::path>& files) {
    if (files.empty()) return makeError("no raster files given");
    gdal::registerDrivers();
    std::shared_ptr<GdalSource> src(new GdalSource());
    for (const fs::path& f : files) {
        auto info = inspectRaster(f);
        if (!info) return info.error();
        src->maxZoom_ = std::max(src->maxZoom_, info->maxZoom);
        src->rasters_.push_back(std::move(*info));
    }
    return src;
}

Result<std::shared_ptr<TileSource>> openGdalSource(const std::vector<fs::path>& files) {
    auto src = openGdalRasters(files);
    if (!src) return src.error();
    return std::shared_ptr<TileSource>(*src);
}

}  // namespace plateau
