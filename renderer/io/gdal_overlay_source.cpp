#include "io/gdal_overlay_source.h"
#include "io/gdal_common.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_utils.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/overlay_pixels.h"
#include "io/gdal_source.h"

namespace plateau {
namespace {

constexpr int N = kOverlayTileSize;
constexpr double kOriginShift = 20037508.342789244;  // half the Web Mercator world, metres
constexpr int kMaxZoom = 24;

struct DatasetCloser {
    void operator()(void* d) const {
        if (d) GDALClose(d);
    }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

enum class Kind { Grey, GreyAlpha, Palette, Rgb, Rgba };

class GdalOverlaySource final : public OverlaySource {
public:
    GdalOverlaySource(GdalRasterInfo info, Kind kind, double lo, double hi, std::vector<std::array<std::uint8_t, 4>> palette,
                      int maxZoom)
        : info_(std::move(info)), kind_(kind), lo_(lo), hi_(hi), palette_(std::move(palette)), maxZoom_(maxZoom) {}

    std::string describe() const override { return "imagery " + info_.file.string(); }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return maxZoom_; }
    bool hasTile(const TileId& id) const override {
        return id.valid() && id.z <= maxZoom_ && info_.bounds.intersects(tileBounds(id));
    }

    Result<OverlayImage> render(const TileId& id, std::int64_t, const std::atomic<bool>& cancel) override {
        const std::string name = info_.file.string() + " tile " + id.str();
        if (!id.valid()) return makeError(name + ": not a valid tile id");
        if (cancel.load(std::memory_order_relaxed)) return makeError(name + ": cancelled");
        if (!info_.bounds.intersects(tileBounds(id))) return toOverlayImage(id, 0, 0, 0, nullptr);
        auto ds = threadDataset();
        if (!ds) return ds.error();

        const double tileMetres = kWebMercatorWorldMetres / std::ldexp(1.0, id.z);
        const double xmin = -kOriginShift + id.x * tileMetres, ymax = kOriginShift - id.y * tileMetres;
        char te[4][32];
        std::snprintf(te[0], sizeof te[0], "%.17g", xmin);
        std::snprintf(te[1], sizeof te[1], "%.17g", ymax - tileMetres);
        std::snprintf(te[2], sizeof te[2], "%.17g", xmin + tileMetres);
        std::snprintf(te[3], sizeof te[3], "%.17g", ymax);
        const LonLatBounds tb = tileBounds(id);
        const bool finer = webMercatorPixelMetres(id.z, (tb.north + tb.south) / 2) <= info_.pixelMetres;
        const bool palette = kind_ == Kind::Palette;
        const char* resampling = palette ? (finer ? "near" : "mode") : (finer ? "bilinear" : "average");
        const bool grey = kind_ == Kind::Grey || kind_ == Kind::GreyAlpha;
        const std::string size = std::to_string(N);
        std::vector<const char*> argv = {"-of", "MEM", "-t_srs", "EPSG:3857", "-te", te[0], te[1], te[2], te[3],
                                         "-ts", size.c_str(), size.c_str(), "-r", resampling, "-dstalpha",
                                         "-wo", "DST_ALPHA_MAX=255", "-ot", grey && !palette ? "Float32" : "Byte"};
        if (kind_ == Kind::Rgba || kind_ == Kind::GreyAlpha) argv.push_back("-srcalpha");
        argv.push_back(nullptr);

        gdal::QuietErrors quiet;
        GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(const_cast<char**>(argv.data()), nullptr);
        if (!opts) return makeError(name + ": " + gdal::lastError("bad warp options"));
        GDALDatasetH src = *ds;
        int usageError = 0;
        Dataset out(GDALWarp("", nullptr, 1, &src, opts, &usageError));
        GDALWarpAppOptionsFree(opts);
        if (!out) return makeError(name + ": " + gdal::lastError("warp failed"));

        const int bands = GDALGetRasterCount(out.get());
        std::vector<float> value(std::size_t(N) * N);
        std::vector<std::uint8_t> rgba(std::size_t(N) * N * 4), alpha(std::size_t(N) * N);
        auto read = [&](int band, GDALDataType type, void* dst) {
            return GDALRasterIO(GDALGetRasterBand(out.get(), band), GF_Read, 0, 0, N, N, dst, N, N, type, 0, 0) ==
                   CE_None;
        };
        // The warper's alpha is the last band: 0 outside the raster and at nodata.
        if (bands < 2 || !read(bands, GDT_Byte, alpha.data()))
            return makeError(name + ": " + gdal::lastError("cannot read the warped tile"));
        if (kind_ == Kind::Rgb || kind_ == Kind::Rgba) {
            std::vector<std::uint8_t> channel(std::size_t(N) * N);
            for (int b = 0; b < 3; ++b) {
                if (!read(b + 1, GDT_Byte, channel.data()))
                    return makeError(name + ": " + gdal::lastError("cannot read the warped tile"));
                for (std::size_t t = 0; t < channel.size(); ++t) rgba[t * 4 + std::size_t(b)] = channel[t];
            }
            for (std::size_t t = 0; t < alpha.size(); ++t) rgba[t * 4 + 3] = alpha[t];
        } else {
            if (!read(1, GDT_Float32, value.data()))
                return makeError(name + ": " + gdal::lastError("cannot read the warped tile"));
            for (std::size_t t = 0; t < value.size(); ++t) {
                std::uint8_t* o = rgba.data() + t * 4;
                if (palette) {
                    const auto k = std::size_t(std::clamp(value[t], 0.0f, float(palette_.size() - 1)));
                    const auto& c = palette_[k];
                    o[0] = c[0], o[1] = c[1], o[2] = c[2];
                    o[3] = std::uint8_t((unsigned(c[3]) * alpha[t] + 127) / 255);
                } else {
                    const double f = hi_ > lo_ ? (double(value[t]) - lo_) / (hi_ - lo_) : 0.0;
                    o[0] = o[1] = o[2] = std::uint8_t(std::lround(std::clamp(f, 0.0, 1.0) * 255.0));
                    o[3] = alpha[t];
                }
            }
        }
        return toOverlayImage(id, N, N, 4, rgba.data());
    }

private:
    Result<GDALDatasetH> threadDataset() {
        std::lock_guard lock(mutex_);
        Dataset& slot = datasets_[std::this_thread::get_id()];
        if (slot) return slot.get();
        gdal::QuietErrors quiet;
        slot.reset(GDALOpenEx(info_.file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
        if (!slot) return makeError(info_.file.string() + ": cannot reopen (" + gdal::lastError("unknown error") + ")");
        return slot.get();
    }

    GdalRasterInfo info_;
    Kind kind_;
    double lo_, hi_;
    std::vector<std::array<std::uint8_t, 4>> palette_;
    int maxZoom_;
    std::mutex mutex_;
    std::unordered_map<std::thread::id, Dataset> datasets_;
};

}  // namespace

Result<std::shared_ptr<OverlaySource>> openGdalOverlaySource(const std::filesystem::path& file,
                                                             const GdalOverlayOptions& options) {
    // Georeference, bounds and resolution exactly as the terrain reader works them out.
    auto rasters = openGdalRasters({file});
    if (!rasters) return rasters.error();
    GdalRasterInfo info = (*rasters)->rasters().front();
    const std::string name = file.string();

    gdal::QuietErrors quiet;
    Dataset ds(GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) return makeError(name + ": not a raster GDAL can read (" + gdal::lastError("unknown format") + ")");
    const int bands = GDALGetRasterCount(ds.get());
    GDALRasterBandH first = GDALGetRasterBand(ds.get(), 1);
    auto isAlpha = [&](int b) { return GDALGetRasterColorInterpretation(GDALGetRasterBand(ds.get(), b)) == GCI_AlphaBand; };

    Kind kind = Kind::Rgb;
    std::vector<std::array<std::uint8_t, 4>> palette;
    double lo = 0, hi = 255;
    if (bands == 1 || bands == 2) {
        if (bands == 2 && !isAlpha(2)) return makeError(name + ": 2 bands that are not grey + alpha");
        kind = bands == 2 ? Kind::GreyAlpha : Kind::Grey;
        if (GDALColorTableH ct = GDALGetRasterColorTable(first); ct && bands == 1) {
            kind = Kind::Palette;
            for (int k = 0; k < GDALGetColorEntryCount(ct); ++k) {
                GDALColorEntry e;
                GDALGetColorEntryAsRGB(ct, k, &e);
                palette.push_back({std::uint8_t(e.c1), std::uint8_t(e.c2), std::uint8_t(e.c3), std::uint8_t(e.c4)});
            }
            if (palette.empty()) return makeError(name + ": empty colour table");
        } else if (options.stretch) {
            std::tie(lo, hi) = *options.stretch;
        } else if (GDALGetRasterDataType(first) != GDT_Byte) {
            double minmax[2] = {0, 0};
            if (GDALComputeRasterMinMax(first, TRUE, minmax) != CE_None)
                return makeError(name + ": cannot compute the value range (" + gdal::lastError("no valid pixels") + ")");
            lo = minmax[0];
            hi = minmax[1];
        }
    } else if (bands >= 4 && isAlpha(4)) {
        kind = Kind::Rgba;
    }
    const int maxZoom = std::min(kMaxZoom, info.maxZoom + std::max(0, options.overzoomLevels));
    return std::shared_ptr<OverlaySource>(
        std::make_shared<GdalOverlaySource>(std::move(info), kind, lo, hi, std::move(palette), maxZoom));
}

}  // namespace plateau
