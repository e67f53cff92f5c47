// Limits inside decoders, each just past it (and at it where that is cheap): a PNG one pixel too
// wide, a gzip stream one byte past what a quantized-mesh tile may inflate to (and a bomb), a vector layer one
// vertex over its budget, a DEM one row over the flow-routing cell limit. docs/LIMITS.md lists
// them all.
#include <catch2/catch.hpp>

#include "error_of.h"

#include <gdal.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/layer.h"
#include "io/flow_dem.h"
#include "io/ogr_reader.h"
#include "io/png_codec.h"
#include "io/quantized_mesh.h"
#include "io_test_helpers.h"
#include "peak_memory.h"

using namespace plateau;
using plateau::test::errorOf;
namespace fs = std::filesystem;

namespace {

// Deflates `n` zero bytes into `out` with `flush`.
void deflateZeros(z_stream& zs, std::size_t n, int flush, std::vector<std::uint8_t>& out) {
    static const std::vector<std::uint8_t> zeros(std::size_t(1) << 20, 0);
    std::uint8_t buf[65536];
    do {
        const std::size_t take = std::min(n, zeros.size());
        n -= take;
        zs.next_in = const_cast<Bytef*>(zeros.data());
        zs.avail_in = uInt(take);
        const int f = n == 0 ? flush : Z_NO_FLUSH;
        do {
            zs.next_out = buf;
            zs.avail_out = sizeof buf;
            deflate(&zs, f);
            out.insert(out.end(), buf, buf + (sizeof buf - zs.avail_out));
        } while (zs.avail_out == 0);
    } while (n > 0);
}

// `size` zero bytes as a complete gzip stream.
std::vector<std::uint8_t> gzipZeros(std::size_t size) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::vector<std::uint8_t> out;
    deflateZeros(zs, size, Z_FINISH, out);
    deflateEnd(&zs);
    return out;
}

// A gzip stream of `mib` MiB of zeros without its end, made by repeating one fully flushed
// megabyte (after a full flush the compressed bytes do not depend on what came before): a
// bomb of a few hundred KB that no decoder may inflate whole.
std::vector<std::uint8_t> gzipBomb(std::size_t mib) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::vector<std::uint8_t> out, block;
    deflateZeros(zs, std::size_t(1) << 20, Z_FULL_FLUSH, out);
    deflateZeros(zs, std::size_t(1) << 20, Z_FULL_FLUSH, block);
    deflateEnd(&zs);
    for (std::size_t i = 1; i < mib; ++i) out.insert(out.end(), block.begin(), block.end());
    return out;
}

}  // namespace

TEST_CASE("PNG: 4096 pixels wide decodes, 4097 is refused from the header", "[limits][png]") {
    auto png = [](std::uint32_t width) {
        return test::buildPng(width, 1, 8, 0, {std::vector<std::uint8_t>(width, 7)});
    };
    const auto at = png(4096), over = png(4097);
    const auto loaded = decodePng(at.data(), at.size(), "at.png");
    INFO((loaded.ok() ? std::string() : loaded.error().message));
    REQUIRE(loaded.ok());
    CHECK(loaded->width == 4096);
    CHECK(errorOf(decodePng(over.data(), over.size(), "over.png")) == "over.png: image is 4097x1, larger than 4096");
}

TEST_CASE("PNG: a chunk that claims 2 GB is refused without allocating them", "[limits][png]") {
    // An 8x8 RGBA header, then a tEXt chunk whose length field says 0x7ffffff0 bytes, and 16 bytes.
    // libpng as Debian builds it has no chunk limit and allocated the whole claim first.
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> ihdr;
    test::putBE32(ihdr, 8);
    test::putBE32(ihdr, 8);
    ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});
    test::putChunk(png, "IHDR", ihdr);
    test::putBE32(png, 0x7ffffff0u);
    png.insert(png.end(), {'t', 'E', 'X', 't'});
    png.insert(png.end(), 16, 'x');
    const long before = test::peakVirtualKiB();
    REQUIRE(before > 0);
    const std::string error = errorOf(decodePng(png.data(), png.size(), "claims.png"));
    CHECK(error == "claims.png: truncated PNG data");
    CHECK(test::peakVirtualKiB() - before < 64 * 1024);
}

TEST_CASE("PNG: a text chunk that inflates past 8 MB is dropped, the image decodes", "[limits][png]") {
    // zTXt holding 16 MiB of zeros in about 16 KB, before the pixels. Without a limit libpng
    // inflates it whole into one buffer; past kMaxPngChunkBytes it drops the chunk with a warning.
    z_stream zs{};
    REQUIRE(deflateInit(&zs, 9) == Z_OK);
    std::vector<std::uint8_t> text = {'C', 'o', 'm', 'm', 'e', 'n', 't', 0, 0};  // keyword, method 0
    deflateZeros(zs, std::size_t(16) << 20, Z_FINISH, text);
    deflateEnd(&zs);
    REQUIRE(text.size() < (std::size_t(64) << 10));
    auto png = test::buildPng(2, 1, 8, 0, {{10, 20}});
    std::vector<std::uint8_t> chunk;
    test::putChunk(chunk, "zTXt", text);
    png.insert(png.begin() + 8 + 25, chunk.begin(), chunk.end());  // after the signature and IHDR
    const long before = test::peakRssKiB();
    const auto img = decodePng(png.data(), png.size(), "text.png");
    INFO((img.ok() ? std::string() : img.error().message));
    REQUIRE(img.ok());
    CHECK(img->pixels == std::vector<std::uint8_t>{10, 10, 10, 20, 20, 20});  // grey to RGB
    CHECK(test::peakRssKiB() - before < 8 * 1024 * test::kPeakMemoryFactor);
}

TEST_CASE("Quantized mesh: a gzip bomb is stopped at its limit", "[limits][quantized-mesh]") {
    // 1 GiB of zeros in about 1 MB: refused once 64 MiB and a byte are out, so the peak memory
    // rises by the limit at most (less when an earlier test already went higher).
    const auto bomb = gzipBomb(1024);
    CHECK(bomb.size() < (std::size_t(2) << 20));
    const long before = test::peakRssKiB();
    CHECK(errorOf(decodeQuantizedMesh(bomb.data(), bomb.size(), "bomb.terrain")) ==
          "bomb.terrain: gzip data inflates past 64 MiB");
    CHECK(test::peakRssKiB() - before < 80 * 1024 * test::kPeakMemoryFactor);

    const std::size_t limit = std::size_t(64) << 20;
    const auto over = gzipZeros(limit + 1);
    CHECK(errorOf(decodeQuantizedMesh(over.data(), over.size(), "over.terrain")) ==
          "over.terrain: gzip data inflates past 64 MiB");
    // Exactly the limit inflates; those zeros are then no mesh, which is another error.
    const auto at = gzipZeros(limit);
    const std::string atError = errorOf(decodeQuantizedMesh(at.data(), at.size(), "at.terrain"));
    INFO(atError);
    CHECK(atError.find("inflates") == std::string::npos);
}

TEST_CASE("Vector layer: one vertex over the limit is refused", "[limits][vector]") {
    test::TempDir dir("limits-vector");
    const fs::path file = dir.path() / "line.geojson";
    std::ofstream(file) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
        "geometry":{"type":"LineString","coordinates":[[90,30],[90.1,30],[90.2,30],[90.3,30],[90.4,30]]}}]})";
    LayerSourceDesc src;
    src.type = "ogr";
    src.path = file;
    const auto at = readVectorLayer(src, {}, 5);
    INFO((at.ok() ? std::string() : at.error().message));
    CHECK(at.ok());
    const std::string over = errorOf(readVectorLayer(src, {}, 4));
    CHECK(over.rfind(file.string() + ": ", 0) == 0);
    CHECK(over.find("more than 4 vertices (the limit for one layer)") != std::string::npos);
    CHECK(over.find('\n') == std::string::npos);
}

TEST_CASE("Flow DEM: a raster one row over the cell limit is refused before reading", "[limits][flow]") {
    test::TempDir dir("limits-dem");
    const fs::path file = dir.path() / "dem.tif";
    GDALAllRegister();
    // 16385 x 16385 cells, one row and column past 2^28; sparse, so it costs nothing on disk.
    const char* options[] = {"SPARSE_OK=TRUE", nullptr};
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), file.c_str(), 16385, 16385, 1, GDT_Float32,
                                 const_cast<char**>(options));
    REQUIRE(ds);
    double gt[6] = {80.0, 0.001, 0.0, 30.0, 0.0, -0.001};
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(ds, R"(GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]])");
    GDALClose(ds);
    CHECK(errorOf(readFlowRaster(file)) == file.string() + ": 16385 x 16385 cells: flow routing takes 3 x 3 up to 2^28 cells");
}
