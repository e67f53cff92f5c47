#include "assets/asset_builder.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_utils.h>

#include <string>
#include <system_error>
#include <vector>

#include "assets/glacier_change.h"

namespace plateau::assets {

namespace {

namespace fs = std::filesystem;

// Owns a NULL-terminated argv for GDAL's utility functions.
struct Args {
    CPLStringList list;
    Args(std::initializer_list<std::string> a) {
        for (const auto& s : a) list.AddString(s.c_str());
    }
    void add(const std::string& s) { list.AddString(s.c_str()); }
    char** argv() { return list.List(); }
};

std::string lastGdalError() {
    const char* m = CPLGetLastErrorMsg();
    return (m && *m) ? m : "unknown GDAL error";
}

Status prepareOutput(const fs::path& out) {
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    if (ec) return makeError(out.parent_path().string() + ": cannot create folder (" + ec.message() + ")");
    fs::remove(out, ec);  // GDAL's GeoJSON driver refuses to overwrite
    return Ok{};
}

Status requireFile(const fs::path& p) {
    if (!fs::is_regular_file(p)) return makeError(p.string() + ": file not found");
    return Ok{};
}

// ogr2ogr as a library call: `src` to GeoJSON `out` with the given extra arguments.
Status vectorTranslate(const fs::path& src, const fs::path& out, Args args) {
    if (auto st = requireFile(src); !st) return st;
    if (auto st = prepareOutput(out); !st) return st;
    CPLErrorReset();
    GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!in) return makeError(src.string() + ": not a vector file GDAL can read (" + lastGdalError() + ")");
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(args.argv(), nullptr);
    if (!opts) {
        GDALClose(in);
        return makeError(src.string() + ": bad ogr2ogr options (" + lastGdalError() + ")");
    }
    int usageError = 0;
    GDALDatasetH ds = GDALVectorTranslate(out.c_str(), nullptr, 1, &in, opts, &usageError);
    GDALVectorTranslateOptionsFree(opts);
    GDALClose(in);
    if (!ds) return makeError(out.string() + ": writing from " + src.string() + " failed (" + lastGdalError() + ")");
    GDALClose(ds);
    return Ok{};
}

std::vector<std::string> clipArgs() {
    return {"-clipdst", std::to_string(kClipWest), std::to_string(kClipSouth), std::to_string(kClipEast),
            std::to_string(kClipNorth)};
}

// GeoJSON per RFC 7946 (WGS84, no crs member), rounded coordinates, no layer name in the file.
void geojsonArgs(Args& a, int decimals) {
    for (const char* s : {"-f", "GeoJSON", "-lco", "RFC7946=YES", "-lco", "WRITE_NAME=NO"}) a.add(s);
    a.add("-lco");
    a.add("COORDINATE_PRECISION=" + std::to_string(decimals));
}

}  // namespace

std::vector<std::string> assetFiles() {
    return {AssetPaths::dem, AssetPaths::rivers, AssetPaths::lakes, AssetPaths::glaciers, AssetPaths::glacierChange,
            AssetPaths::svalbard};
}

Status buildDem(const fs::path& dataDir, const fs::path& outDir) {
    const fs::path src = dataDir / "dem/himalaya_srtm30_78-94E_24-31N.tif";
    const fs::path out = outDir / AssetPaths::dem;
    if (auto st = requireFile(src); !st) return st;
    if (auto st = prepareOutput(out); !st) return st;
    CPLErrorReset();
    GDALDatasetH in = GDALOpen(src.c_str(), GA_ReadOnly);
    if (!in) return makeError(src.string() + ": not a raster GDAL can read (" + lastGdalError() + ")");
    // Heights are whole metres already (SRTM30 is int16): nothing is lost. The horizontal
    // predictor makes DEFLATE about a third smaller on smooth relief; tiles let GDAL read just
    // the blocks a Web Mercator tile needs.
    Args a{"-of", "GTiff", "-ot", "Int16", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "ZLEVEL=9",
           "-co", "TILED=YES", "-co", "BLOCKXSIZE=256", "-co", "BLOCKYSIZE=256"};
    GDALTranslateOptions* opts = GDALTranslateOptionsNew(a.argv(), nullptr);
    int usageError = 0;
    GDALDatasetH ds = opts ? GDALTranslate(out.c_str(), in, opts, &usageError) : nullptr;
    if (opts) GDALTranslateOptionsFree(opts);
    GDALClose(in);
    if (!ds) return makeError(out.string() + ": writing from " + src.string() + " failed (" + lastGdalError() + ")");
    GDALClose(ds);
    return Ok{};
}

Status buildNaturalEarth(const fs::path& dataDir, const fs::path& outDir) {
    // Simplification tolerances in degrees (0.005 deg is about 500 m, half a DEM pixel): the
    // lines stay within the DEM's own resolution of their source.
    {
        Args a{"-select", "name,scalerank", "-simplify", "0.005"};
        for (const auto& s : clipArgs()) a.add(s);
        geojsonArgs(a, 4);
        if (auto st = vectorTranslate(dataDir / "rivers/ne_10m_rivers_lake_centerlines_hma.geojson",
                                      outDir / AssetPaths::rivers, std::move(a));
            !st)
            return st;
    }
    {
        Args a{"-select", "name,scalerank", "-simplify", "0.002"};
        for (const auto& s : clipArgs()) a.add(s);
        geojsonArgs(a, 4);
        if (auto st = vectorTranslate(dataDir / "rivers/ne_10m_lakes_hma.geojson", outDir / AssetPaths::lakes,
                                      std::move(a));
            !st)
            return st;
    }
    {
        Args a{"-select", "scalerank", "-simplify", "0.004"};
        for (const auto& s : clipArgs()) a.add(s);
        geojsonArgs(a, 4);
        if (auto st = vectorTranslate(dataDir / "glaciers/ne_10m_glaciated_areas_hma.geojson",
                                      outDir / AssetPaths::glaciers, std::move(a));
            !st)
            return st;
    }
    return Ok{};
}

Status buildSvalbard(const fs::path& dataDir, const fs::path& outDir) {
    // 5 m simplification in the source's UTM 33N metres; 6 decimals (about 0.1 m) after
    // reprojection keep the real 1936/1990/2007 differences (tens to hundreds of metres).
    Args a{"-t_srs", "EPSG:4326", "-select", "name,year", "-simplify", "5"};
    geojsonArgs(a, 6);
    return vectorTranslate(dataDir / "glaciers/svalbard/svalbard_glaciers_1936_1990_2007.gpkg",
                           outDir / AssetPaths::svalbard, std::move(a));
}

Status buildAll(const fs::path& dataDir, const fs::path& outDir) {
    GDALAllRegister();
    if (auto st = buildDem(dataDir, outDir); !st) return st;
    if (auto st = buildNaturalEarth(dataDir, outDir); !st) return st;
    if (auto st = buildSvalbard(dataDir, outDir); !st) return st;
    GlacierChangeOptions g;
    g.input = outDir / AssetPaths::glaciers;
    g.output = outDir / AssetPaths::glacierChange;
    return buildGlacierChange(g);
}

}  // namespace plateau::assets
