#pragma once
// Small rasters and image files for the imagery tests, written with GDAL at test time.
#include <catch2/catch.hpp>

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/png_codec.h"

namespace plateau::test {

// JPEG bytes through GDAL's JPEG driver (an encoder independent of the decoder under test).
inline std::vector<std::uint8_t> encodeJpeg(const Image8& img, int quality = 95) {
    GDALAllRegister();
    GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", img.width, img.height, img.channels, GDT_Byte, nullptr);
    REQUIRE(mem);
    for (int b = 0; b < img.channels; ++b) {
        std::vector<std::uint8_t> band(std::size_t(img.width) * std::size_t(img.height));
        for (std::size_t t = 0; t < band.size(); ++t) band[t] = img.pixels[t * std::size_t(img.channels) + std::size_t(b)];
        REQUIRE(GDALRasterIO(GDALGetRasterBand(mem, b + 1), GF_Write, 0, 0, img.width, img.height, band.data(),
                             img.width, img.height, GDT_Byte, 0, 0) == CE_None);
    }
    const std::string q = "QUALITY=" + std::to_string(quality);
    const char* opts[] = {q.c_str(), nullptr};
    const std::string path = "/vsimem/plateau-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(mem)) + ".jpg";
    GDALDatasetH jpg = GDALCreateCopy(GDALGetDriverByName("JPEG"), path.c_str(), mem, FALSE,
                                      const_cast<char**>(opts), nullptr, nullptr);
    REQUIRE(jpg);
    GDALClose(jpg);
    GDALClose(mem);
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(path.c_str(), &size, TRUE);
    REQUIRE(data);
    std::vector<std::uint8_t> bytes(data, data + size);
    VSIFree(data);
    VSIUnlink((path + ".aux.xml").c_str());
    return bytes;
}

// An image whose texel (x, y) is fn(x, y).
inline Image8 makeImage(int w, int h, int channels, const std::function<std::array<std::uint8_t, 4>(int, int)>& fn) {
    Image8 img{w, h, channels, std::vector<std::uint8_t>(std::size_t(w) * std::size_t(h) * std::size_t(channels))};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const auto c = fn(x, y);
            for (int k = 0; k < channels; ++k)
                img.pixels[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * std::size_t(channels) + std::size_t(k)] =
                    c[std::size_t(k)];
        }
    return img;
}

inline std::vector<std::uint8_t> pngOf(const Image8& img) {
    auto png = encodePng(img, 6);
    REQUIRE(png.ok());
    return *png;
}

// A GeoTIFF with `bands` bands of `type`, georeferenced by `geoTransform` in `crs` (an EPSG code,
// or WKT when epsg is 0); value(band, x, y) fills it.
struct RasterSpec {
    int width = 0, height = 0, bands = 1;
    GDALDataType type = GDT_Byte;
    std::array<double, 6> geoTransform{};
    int epsg = 4326;
    std::string wkt;
    std::function<double(int band, int x, int y)> value;
    std::optional<double> noData;
    std::vector<GDALColorInterp> interp;        // per band, when set
    std::vector<std::array<short, 4>> palette;  // colour table of band 1, when set
};

inline void writeGeoTiff(const std::filesystem::path& file, const RasterSpec& s) {
    GDALAllRegister();
    std::vector<const char*> opts;
    const bool alpha = s.interp.size() == std::size_t(s.bands) && s.interp.back() == GCI_AlphaBand;
    if (s.bands >= 3 && s.type == GDT_Byte) opts.push_back("PHOTOMETRIC=RGB");
    if (alpha) opts.push_back("ALPHA=YES");
    opts.push_back(nullptr);
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), file.c_str(), s.width, s.height, s.bands, s.type,
                                 const_cast<char**>(opts.data()));
    REQUIRE(ds);
    std::array<double, 6> gt = s.geoTransform;
    GDALSetGeoTransform(ds, gt.data());
    if (s.epsg || !s.wkt.empty()) {
        std::string wkt = s.wkt;
        if (s.epsg) {
            OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
            OSRImportFromEPSG(srs, s.epsg);
            char* w = nullptr;
            OSRExportToWkt(srs, &w);
            wkt = w;
            CPLFree(w);
            OSRDestroySpatialReference(srs);
        }
        GDALSetProjection(ds, wkt.c_str());
    }
    for (int b = 1; b <= s.bands; ++b) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b);
        std::vector<double> v(std::size_t(s.width) * std::size_t(s.height));
        for (int y = 0; y < s.height; ++y)
            for (int x = 0; x < s.width; ++x) v[std::size_t(y) * std::size_t(s.width) + std::size_t(x)] = s.value(b, x, y);
        REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, s.width, s.height, v.data(), s.width, s.height, GDT_Float64, 0, 0) ==
                CE_None);
        if (s.noData) GDALSetRasterNoDataValue(band, *s.noData);
        if (std::size_t(b) <= s.interp.size()) GDALSetRasterColorInterpretation(band, s.interp[std::size_t(b - 1)]);
    }
    if (!s.palette.empty()) {
        GDALColorTableH ct = GDALCreateColorTable(GPI_RGB);
        for (std::size_t k = 0; k < s.palette.size(); ++k) {
            GDALColorEntry e{s.palette[k][0], s.palette[k][1], s.palette[k][2], s.palette[k][3]};
            GDALSetColorEntry(ct, int(k), &e);
        }
        GDALSetRasterColorTable(GDALGetRasterBand(ds, 1), ct);
        GDALDestroyColorTable(ct);
    }
    GDALClose(ds);
}

}  // namespace plateau::test
