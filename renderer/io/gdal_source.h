#pragma once
// Elevation tiles resampled on the fly from GDAL rasters (GeoTIFF, COG, SRTM .hgt, VRT, ...) in
// any CRS GDAL can transform to WGS84. Band 1 of every raster is warped into the requested Web
// Mercator tile; several rasters are combined in one warp (later files win where they overlap).
//
// Per tile:
// - Resampling: bilinear when the tile's pixels are finer than (or as fine as) the raster's, so
//   upsampled tiles are smooth and never exceed the raster's range; average when they are
//   coarser, so every raster pixel under a tile pixel counts (no aliasing at low zooms).
// - Voids (the raster's nodata value, e.g. SRTM's -32768) are filled from valid neighbours within
//   kGdalFillPixels tile pixels (GDALFillNodata, inverse-distance). The tile is warped with a
//   margin of that width, so a void on a tile edge is filled the same way on both sides.
// - Pixels outside every raster's footprint, and voids too large to fill, get
//   kGdalOutsideHeight: a tile grid has no "no data" value, and inventing relief far from data
//   would be worse than a flat, obviously empty area.
// - A tile without a single valid raster pixel is an error ("no data"), and hasTile is false for
//   tiles that do not meet any raster's lon/lat bounds.
// Thread safety: GDAL dataset handles are not thread-safe, so each thread opens its own handles
// (kept until the source is destroyed); load() may be called from any number of threads.
#include <array>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/height_grid.h"
#include "core/result.h"
#include "core/tile_id.h"
#include "core/tile_source.h"

namespace plateau {

inline constexpr int kGdalTileSize = 256;
inline constexpr int kGdalFillPixels = 16;
inline constexpr float kGdalOutsideHeight = 0.0f;

struct GdalRasterInfo {
    std::filesystem::path file;
    int width = 0, height = 0;
    LonLatBounds bounds;       // of the footprint, in WGS84 degrees
    double pixelMetres = 0;    // ground size of the finer pixel axis at the raster's centre
    int maxZoom = 0;           // first zoom whose pixels are finer than pixelMetres
    std::array<double, 6> geoTransform{};  // GDAL's pixel -> CRS affine transform
    std::string crsWkt;
};

class GdalSource : public TileSource {
public:
    ~GdalSource() override;
    std::string describe() const override;
    int minZoom() const override { return 0; }
    int maxZoom() const override { return maxZoom_; }
    bool hasTile(const TileId& id) const override;
    // Errors: "<tile> from <files>: no data" (nothing valid under the tile) or GDAL's message.
    Result<HeightGrid> load(const TileId& id) override;

    // Like load, but a tile without valid data is a grid of kGdalOutsideHeight (`empty` says so),
    // which is what a pyramid builder writes for tiles that only meet a raster's bounding box.
    Result<HeightGrid> loadOrFlat(const TileId& id, bool& empty);
    // True when the tile meets any raster's lon/lat bounds (at any zoom).
    bool intersects(const TileId& id) const;
    const std::vector<GdalRasterInfo>& rasters() const { return rasters_; }

    struct ThreadState;  // per-thread GDAL handles (defined in the .cpp)

private:
    friend Result<std::shared_ptr<GdalSource>> openGdalRasters(const std::vector<std::filesystem::path>&);
    GdalSource() = default;
    Result<ThreadState*> threadState();

    std::vector<GdalRasterInfo> rasters_;
    int maxZoom_ = 0;
    std::mutex mutex_;
    std::unordered_map<std::thread::id, std::unique_ptr<ThreadState>> states_;
};

// Errors (one line naming the file): "<file>: file not found", "<file>: not a raster GDAL can
// read (<GDAL's reason>)", "<file>: has no georeference (no CRS or geotransform)",
// "<file>: unsupported CRS (<reason>)", "no raster files given".
Result<std::shared_ptr<GdalSource>> openGdalRasters(const std::vector<std::filesystem::path>& rasters);
Result<std::shared_ptr<TileSource>> openGdalSource(const std::vector<std::filesystem::path>& rasters);

// Ground size of one pixel of a 256-pixel Web Mercator tile at zoom z and latitude lat.

}  // namespace plateau
