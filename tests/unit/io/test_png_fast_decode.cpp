// The libdeflate PNG decoder against libpng: same pixels and heights for every filter type and
// layout it handles, "not handled" for everything else, and clean errors on damaged files.
#include <catch2/catch.hpp>

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include "skip.h"
#include "core/tile_id.h"
#include "io/atomic_file.h"
#include "io/png_heights.h"
#include "io/png_codec.h"
#include "io/png_fast_decode.h"
#include "io_test_helpers.h"
#include "synthetic/synthetic_dem.h"

using namespace plateau;
using plateau::test::putBE32;
using plateau::test::putChunk;

namespace {

// ---- Writing test files with libpng, so that the filters are libpng's own.

struct PngSpec {
    std::uint32_t width = 0, height = 0;
    int bitDepth = 8;
    int colorType = PNG_COLOR_TYPE_RGB;
    int filters = PNG_ALL_FILTERS;  // PNG_FILTER_NONE, _SUB, _UP, _AVG, _PAETH or a mix
    int interlace = PNG_INTERLACE_NONE;
    int level = 6;
    std::vector<png_color> palette;
    std::vector<std::uint8_t> trns;   // tRNS bytes: palette alphas, or one 16-bit colour per channel
    std::vector<std::uint8_t> samples;  // rows as PNG stores them, unfiltered, big-endian 16-bit
};

void appendBytes(png_structp png, png_bytep data, png_size_t n) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(png_get_io_ptr(png));
    out->insert(out->end(), data, data + n);
}

std::vector<std::uint8_t> writeWithLibpng(const PngSpec& s) {
    std::vector<std::uint8_t> out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    REQUIRE(png);
    png_infop info = png_create_info_struct(png);
    REQUIRE(info);
    std::vector<png_bytep> rows(s.height);
    const std::size_t rowBytes = s.samples.size() / s.height;
    for (std::size_t y = 0; y < rows.size(); ++y)
        rows[y] = const_cast<png_bytep>(s.samples.data() + y * rowBytes);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        FAIL("libpng could not write the test image");
    }
    png_set_write_fn(png, &out, appendBytes, nullptr);
    png_set_IHDR(png, info, s.width, s.height, s.bitDepth, s.colorType, s.interlace, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (!s.palette.empty()) png_set_PLTE(png, info, s.palette.data(), int(s.palette.size()));
    if (!s.trns.empty()) {
        if (s.colorType == PNG_COLOR_TYPE_PALETTE) {
            png_set_tRNS(png, info, s.trns.data(), int(s.trns.size()), nullptr);
        } else {
            png_color_16 colour{};
            colour.red = png_uint_16((s.trns[0] << 8) | s.trns[1]);
            colour.green = png_uint_16((s.trns[2] << 8) | s.trns[3]);
            colour.blue = png_uint_16((s.trns[4] << 8) | s.trns[5]);
            png_set_tRNS(png, info, nullptr, 0, &colour);
        }
    }
    png_set_compression_level(png, s.level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, s.filters);
    png_set_rows(png, info, rows.data());
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

// Pixels with every kind of neighbourhood a filter meets: flat areas (ties in Paeth), ramps,
// small noise on a slope (terrain-like), full-range noise and sharp steps.
std::vector<std::uint8_t> testPixels(std::uint32_t w, std::uint32_t h, int channels, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> px(std::size_t(w) * h * std::size_t(channels));
    for (std::uint32_t y = 0; y < h; ++y)
        for (std::uint32_t x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) {
                const unsigned kind = (y / 3 + x / 5) % 5;
                unsigned v = 0;
                if (kind == 0) v = 100u + unsigned(c);
                if (kind == 1) v = x * 7u + y * 3u + unsigned(c) * 50u;
                if (kind == 2) v = x + y + unsigned(rng() % 3u);
                if (kind == 3) v = unsigned(rng());
                if (kind == 4) v = ((x + y) & 1u) ? 255u : 0u;
                px[(std::size_t(y) * w + x) * std::size_t(channels) + std::size_t(c)] = std::uint8_t(v & 255u);
            }
    return px;
}

PngSpec rgbSpec(std::uint32_t w, std::uint32_t h, int channels, int filters, unsigned seed = 1) {
    PngSpec s;
    s.width = w;
    s.height = h;
    s.colorType = channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB;
    s.filters = filters;
    s.samples = testPixels(w, h, channels, seed);
    return s;
}

// ---- Reading the filter bytes and rebuilding files, to check and to damage them.

struct Chunk {
    std::string type;
    std::vector<std::uint8_t> data;
};

std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

std::vector<Chunk> chunksOf(const std::vector<std::uint8_t>& png) {
    std::vector<Chunk> chunks;
    for (std::size_t pos = 8; pos + 12 <= png.size();) {
        const std::uint32_t length = be32(png.data() + pos);
        chunks.push_back({std::string(png.begin() + std::ptrdiff_t(pos + 4), png.begin() + std::ptrdiff_t(pos + 8)),
                          {png.begin() + std::ptrdiff_t(pos + 8), png.begin() + std::ptrdiff_t(pos + 8 + length)}});
        pos += length + 12;
    }
    return chunks;
}

// Joined again with correct CRCs.
std::vector<std::uint8_t> fileOf(const std::vector<Chunk>& chunks) {
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    for (const auto& c : chunks) putChunk(png, c.type.c_str(), c.data);
    return png;
}

std::vector<std::uint8_t> zlibStream(const std::vector<Chunk>& chunks) {
    std::vector<std::uint8_t> z;
    for (const auto& c : chunks)
        if (c.type == "IDAT") z.insert(z.end(), c.data.begin(), c.data.end());
    return z;
}

// The same file with its pixel data replaced by `z` in one IDAT chunk.
std::vector<std::uint8_t> withZlibStream(const std::vector<std::uint8_t>& png, const std::vector<std::uint8_t>& z) {
    std::vector<Chunk> out;
    bool placed = false;
    for (auto& c : chunksOf(png)) {
        if (c.type != "IDAT") {
            out.push_back(std::move(c));
        } else if (!placed) {
            out.push_back({"IDAT", z});
            placed = true;
        }
    }
    return fileOf(out);
}

std::vector<std::uint8_t> inflated(const std::vector<std::uint8_t>& png, std::size_t expected) {
    const auto z = zlibStream(chunksOf(png));
    std::vector<std::uint8_t> raw(expected + 1);
    uLongf n = uLongf(raw.size());
    REQUIRE(uncompress(raw.data(), &n, z.data(), uLong(z.size())) == Z_OK);
    raw.resize(n);
    return raw;
}

std::vector<std::uint8_t> deflated(const std::vector<std::uint8_t>& raw) {
    std::vector<std::uint8_t> z(compressBound(uLong(raw.size())));
    uLongf n = uLongf(z.size());
    REQUIRE(compress2(z.data(), &n, raw.data(), uLong(raw.size()), 6) == Z_OK);
    z.resize(n);
    return z;
}

// The filters as the PNG specification defines them, written out plainly: rows filtered with
// the given filter type each (row y uses types[y % size]), compressed, in a file.
std::vector<std::uint8_t> handFilteredPng(std::uint32_t w, std::uint32_t h, int channels,
                                          const std::vector<std::uint8_t>& px, const std::vector<int>& types) {
    const std::size_t rowBytes = std::size_t(w) * std::size_t(channels), bpp = std::size_t(channels);
    std::vector<std::uint8_t> raw, zeros(rowBytes, 0);
    for (std::size_t y = 0; y < h; ++y) {
        const std::uint8_t* row = px.data() + y * rowBytes;
        const std::uint8_t* up = y == 0 ? zeros.data() : row - rowBytes;
        const int type = types[y % types.size()];
        raw.push_back(std::uint8_t(type));
        for (std::size_t i = 0; i < rowBytes; ++i) {
            const int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
            int predicted = 0;
            if (type == 1) predicted = a;
            if (type == 2) predicted = b;
            if (type == 3) predicted = (a + b) / 2;
            if (type == 4) {
                const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            }
            raw.push_back(std::uint8_t(row[i] - predicted));
        }
    }
    std::vector<std::uint8_t> ihdr;
    putBE32(ihdr, w);
    putBE32(ihdr, h);
    ihdr.insert(ihdr.end(), {8, std::uint8_t(channels == 4 ? 6 : 2), 0, 0, 0});
    return fileOf({{"IHDR", ihdr}, {"IDAT", deflated(raw)}, {"IEND", {}}});
}

std::vector<int> filterBytes(const std::vector<std::uint8_t>& png, std::uint32_t w, std::uint32_t h, int channels) {
    const std::size_t stride = std::size_t(w) * std::size_t(channels) + 1;
    const auto raw = inflated(png, stride * h);
    REQUIRE(raw.size() == stride * h);
    std::vector<int> f;
    for (std::size_t y = 0; y < h; ++y) f.push_back(raw[y * stride]);
    return f;
}

// ---- The two decoders side by side.

struct FastImage {
    Result<FastPng> status = FastPng::NotHandled;
    Image8 image;
    int calls = 0;
};

FastImage decodeFast(const std::vector<std::uint8_t>& png, const std::string& name = "fast.png") {
    FastImage out;
    auto visit = [&](const PngLayout& l, int row, const std::uint8_t* pixels) {
        if (row == 0) out.image = Image8{l.width, l.height, l.channels, {}};
        CHECK(row == out.calls);
        const std::size_t n = std::size_t(l.width) * std::size_t(l.channels);
        out.image.pixels.insert(out.image.pixels.end(), pixels, pixels + n);
        ++out.calls;
    };
    out.status = decodePngRowsFast(png.data(), png.size(), name, 4096, visit);
    return out;
}

// What the libpng path gave: libpng's pixels through decodeHeight, rounded to float.
std::vector<float> libpngHeights(const std::vector<std::uint8_t>& png, HeightEncoding enc) {
    auto img = decodePng(png.data(), png.size(), "libpng.png");
    REQUIRE(img.ok());
    std::vector<float> h;
    for (std::size_t i = 0; i < img->pixels.size(); i += std::size_t(img->channels)) {
        const std::uint8_t* p = img->pixels.data() + i;
        h.push_back(static_cast<float>(decodeHeight(p[0], p[1], p[2], enc)));
    }
    return h;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// decodeHeightPng against the libpng path, bit for bit, for both encodings.
void checkHeightsMatchLibpng(const std::vector<std::uint8_t>& png) {
    for (const auto enc : {HeightEncoding::Terrarium, HeightEncoding::Mapbox}) {
        INFO("encoding " << heightEncodingName(enc));
        auto grid = decodeHeightPng(png.data(), png.size(), enc, "tile.png");
        auto img = decodePng(png.data(), png.size(), "tile.png");
        REQUIRE(img.ok());
        auto reference = decodeHeightImage(*img, enc, "tile.png");
        REQUIRE(grid.ok() == reference.ok());
        if (!grid.ok()) {
            CHECK(grid.error().message == reference.error().message);
            continue;
        }
        CHECK(grid->width == img->width);
        CHECK(grid->height == img->height);
        CHECK(sameBits(grid->samples, libpngHeights(png, enc)));
    }
}

// The fast path handles the file and gives libpng's pixels.
void checkFastMatchesLibpng(const std::vector<std::uint8_t>& png) {
    auto lib = decodePng(png.data(), png.size(), "libpng.png");
    REQUIRE(lib.ok());
    const FastImage fast = decodeFast(png);
    REQUIRE(fast.status.ok());
    REQUIRE(*fast.status == FastPng::Decoded);
    CHECK(fast.calls == lib->height);
    CHECK(fast.image.width == lib->width);
    CHECK(fast.image.height == lib->height);
    CHECK(fast.image.channels == lib->channels);
    CHECK(fast.image.pixels == lib->pixels);
}

Image8 syntheticTile(const TileId& tile, HeightEncoding enc) {
    Image8 img{256, 256, 3, std::vector<std::uint8_t>(256 * 256 * 3)};
    for (int j = 0; j < 256; ++j)
        for (int i = 0; i < 256; ++i) {
            double lon = 0, lat = 0;
            tileUVToLonLat(tile, (i + 0.5) / 256.0, (j + 0.5) / 256.0, lon, lat);
            const auto rgb = encodeHeight(syntheticHeight(lon, lat, 1, 30.0), enc);
            std::copy(rgb.begin(), rgb.end(), img.pixels.begin() + (j * 256 + i) * 3);
        }
    return img;
}

bool oneLineNaming(const std::string& message, const std::string& name) {
    return message.rfind(name + ": ", 0) == 0 && message.find('\n') == std::string::npos;
}

// Makes the fast decoder use one unfiltering code (scalar, SSE2, SSE4.1) while it lives, then
// the fastest again.
class UsingUnfilterCode {
public:
    explicit UsingUnfilterCode(PngUnfilterCode code) : best_(pngUnfilterCode()), used_(setPngUnfilterCode(code)) {}
    ~UsingUnfilterCode() { setPngUnfilterCode(best_); }
    UsingUnfilterCode(const UsingUnfilterCode&) = delete;
    UsingUnfilterCode& operator=(const UsingUnfilterCode&) = delete;
    PngUnfilterCode used() const { return used_; }

private:
    PngUnfilterCode best_, used_;
};

const char* codeName(PngUnfilterCode c) {
    return c == PngUnfilterCode::Scalar ? "scalar" : c == PngUnfilterCode::Sse2 ? "SSE2" : "SSE4.1";
}

}  // namespace

TEST_CASE("Fast PNG decoding matches libpng for every filter type, RGB and RGBA", "[png][pngfast]") {
    struct Filter {
        int flag;
        int code;  // the filter byte it writes; -1 for libpng's per-row choice
        const char* name;
    };
    const Filter filters[] = {{PNG_FILTER_NONE, 0, "none"},   {PNG_FILTER_SUB, 1, "sub"},
                              {PNG_FILTER_UP, 2, "up"},       {PNG_FILTER_AVG, 3, "average"},
                              {PNG_FILTER_PAETH, 4, "paeth"}, {PNG_ALL_FILTERS, -1, "all"}};
    const std::pair<std::uint32_t, std::uint32_t> sizes[] = {{1, 1},   {1, 9},     {7, 3},  {7, 256},
                                                             {256, 5}, {256, 256}, {33, 17}};
    const auto code = GENERATE(PngUnfilterCode::Scalar, PngUnfilterCode::Sse2, PngUnfilterCode::Sse41);
    const UsingUnfilterCode using_(code);
    if (using_.used() != code) PLATEAU_SKIP("the processor lacks this unfilter code");
    for (const int channels : {3, 4})
        for (const Filter& filter : filters)
            for (const auto& [w, h] : sizes) {
                INFO(codeName(code) << ", " << channels << " channels, filter " << filter.name << ", " << w << "x"
                                    << h);
                const auto png = writeWithLibpng(rgbSpec(w, h, channels, filter.flag, w * 31 + h));
                // Every row really uses the filter under test (libpng writes "none" when the image
                // is one pixel wide or, for "up", one row high: the test below covers those).
                if (filter.code >= 0 && w > 1 && h > 1) {
                    const auto used = filterBytes(png, w, h, channels);
                    CHECK(std::count(used.begin(), used.end(), filter.code) == std::ptrdiff_t(h));
                }
                checkFastMatchesLibpng(png);
                checkHeightsMatchLibpng(png);
            }
}

TEST_CASE("Fast PNG decoding undoes each filter as the specification defines it, any width", "[png][pngfast]") {
    const std::pair<std::uint32_t, std::uint32_t> sizes[] = {{1, 1}, {1, 12}, {2, 6}, {7, 10}, {256, 10}};
    const std::vector<int> mixes[] = {{0}, {1}, {2}, {3}, {4}, {4, 3, 2, 1, 0, 4, 4, 1}};
    const auto code = GENERATE(PngUnfilterCode::Scalar, PngUnfilterCode::Sse2, PngUnfilterCode::Sse41);
    const UsingUnfilterCode using_(code);
    if (using_.used() != code) PLATEAU_SKIP("the processor lacks this unfilter code");
    for (const int channels : {3, 4})
        for (const auto& types : mixes)
            for (const auto& [w, h] : sizes) {
                INFO(codeName(code) << ", " << channels << " channels, " << w << "x" << h << ", first filter type "
                                    << types[0]);
                const auto px = testPixels(w, h, channels, w + h);
                const auto png = handFilteredPng(w, h, channels, px, types);
                const FastImage fast = decodeFast(png);
                REQUIRE(fast.status.ok());
                REQUIRE(*fast.status == FastPng::Decoded);
                CHECK(fast.image.pixels == px);
                checkFastMatchesLibpng(png);
                checkHeightsMatchLibpng(png);
            }
}

TEST_CASE("Fast PNG decoding matches libpng on tiles as the tile writers encode them", "[png][pngfast]") {
    const auto code = GENERATE(PngUnfilterCode::Scalar, PngUnfilterCode::Sse2, PngUnfilterCode::Sse41);
    const UsingUnfilterCode using_(code);
    if (using_.used() != code) PLATEAU_SKIP("the processor lacks this unfilter code");
    for (const auto enc : {HeightEncoding::Terrarium, HeightEncoding::Mapbox}) {
        const Image8 tile = syntheticTile({12, 3090, 1703}, enc);
        for (const int level : {1, 6}) {  // 1: the pyramid writers' Paeth + RLE; 6: all filters
            INFO(codeName(code) << ", " << heightEncodingName(enc) << ", level " << level);
            auto png = encodePng(tile, level);
            REQUIRE(png.ok());
            REQUIRE(chunksOf(*png).size() > 3);  // the pixels span several IDAT chunks
            checkFastMatchesLibpng(*png);
            checkHeightsMatchLibpng(*png);
        }
    }
}

TEST_CASE("A flat image compressed as far as DEFLATE goes still decodes", "[png][pngfast]") {
    PngSpec s;
    s.width = s.height = 2048;
    s.colorType = PNG_COLOR_TYPE_RGB_ALPHA;
    s.level = 9;
    s.filters = PNG_FILTER_NONE;
    s.samples.assign(std::size_t(2048) * 2048 * 4, 0);
    const auto png = writeWithLibpng(s);
    INFO(png.size() << " bytes for " << s.samples.size() << " bytes of pixels");
    CHECK(png.size() * 900 < s.samples.size());  // close to DEFLATE's limit of 1032:1
    checkFastMatchesLibpng(png);
}

TEST_CASE("Every 24-bit code gives libpng's height in both encodings", "[png][pngfast]") {
    // 4096 x 4096 pixels: each of the 2^24 RGB codes once.
    PngSpec s;
    s.width = s.height = 4096;
    s.level = 1;
    s.filters = PNG_FILTER_SUB;
    s.samples.resize(std::size_t(3) << 24);
    for (std::uint32_t code = 0; code < (1u << 24); ++code) {
        s.samples[std::size_t(code) * 3] = std::uint8_t(code >> 16);
        s.samples[std::size_t(code) * 3 + 1] = std::uint8_t(code >> 8);
        s.samples[std::size_t(code) * 3 + 2] = std::uint8_t(code);
    }
    const auto png = writeWithLibpng(s);
    for (const auto enc : {HeightEncoding::Terrarium, HeightEncoding::Mapbox}) {
        INFO(heightEncodingName(enc));
        auto grid = decodeHeightPng(png.data(), png.size(), enc, "codes.png");
        REQUIRE(grid.ok());
        REQUIRE(grid->samples.size() == std::size_t(1) << 24);
        std::size_t differ = 0;
        for (std::uint32_t code = 0; code < (1u << 24); ++code) {
            const auto r = std::uint8_t(code >> 16), g = std::uint8_t(code >> 8), b = std::uint8_t(code);
            const float expected = static_cast<float>(decodeHeight(r, g, b, enc));
            if (std::memcmp(&expected, &grid->samples[code], sizeof(float)) != 0) ++differ;
        }
        CHECK(differ == 0);
    }
}

TEST_CASE("Fast PNG decoding matches libpng on the PNG files in shared data", "[png][pngfast][real]") {
    const std::filesystem::path root = PLATEAU_SHARED_DATA;
    REQUIRE(std::filesystem::is_directory(root));
    int handled = 0, others = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        if (e.path().extension() != ".png") continue;
        INFO(e.path().string());
        auto bytes = readFileBytes(e.path());
        REQUIRE(bytes.ok());
        auto lib = decodePng(bytes->data(), bytes->size(), "libpng.png");
        const FastImage fast = decodeFast(*bytes);
        if (!lib.ok()) {  // broken on purpose: both refuse it
            CHECK_FALSE((fast.status.ok() && *fast.status == FastPng::Decoded));
            continue;
        }
        REQUIRE(fast.status.ok());
        if (*fast.status == FastPng::NotHandled) {
            ++others;
            continue;
        }
        ++handled;
        CHECK(fast.image.pixels == lib->pixels);
        checkHeightsMatchLibpng(*bytes);
    }
    // SOURCES.md lists no elevation tiles, but texture PNGs: RGB, RGBA and palette ones.
    INFO(handled << " decoded by the fast path, " << others << " left to libpng");
    CHECK(handled > 0);
    CHECK(others > 0);
}

TEST_CASE("PNGs the fast path does not handle go to libpng and decode the same", "[png][pngfast]") {
    const std::uint32_t w = 19, h = 11;
    PngSpec s;
    s.width = w;
    s.height = h;
    SECTION("palette") {
        s.colorType = PNG_COLOR_TYPE_PALETTE;
        for (int i = 0; i < 16; ++i) s.palette.push_back({png_byte(i * 16), png_byte(200 - i), png_byte(i * 3)});
        s.samples = testPixels(w, h, 1, 2);
        for (auto& v : s.samples) v &= 15;
    }
    SECTION("gray") {
        s.colorType = PNG_COLOR_TYPE_GRAY;
        s.samples = testPixels(w, h, 1, 3);
    }
    SECTION("gray + alpha") {
        s.colorType = PNG_COLOR_TYPE_GRAY_ALPHA;
        s.samples = testPixels(w, h, 2, 4);
    }
    SECTION("16-bit RGB") {
        s.bitDepth = 16;
        s.samples = testPixels(w, h, 6, 5);
    }
    SECTION("16-bit RGBA") {
        s.bitDepth = 16;
        s.colorType = PNG_COLOR_TYPE_RGB_ALPHA;
        s.samples = testPixels(w, h, 8, 6);
    }
    SECTION("interlaced RGB") {
        s.interlace = PNG_INTERLACE_ADAM7;
        s.samples = testPixels(w, h, 3, 7);
    }
    SECTION("interlaced RGBA") {
        s.interlace = PNG_INTERLACE_ADAM7;
        s.colorType = PNG_COLOR_TYPE_RGB_ALPHA;
        s.samples = testPixels(w, h, 4, 8);
    }
    SECTION("RGB with a transparent colour (tRNS)") {
        s.samples = testPixels(w, h, 3, 9);
        s.trns = {0, 100, 0, 101, 0, 102};
    }
    const auto png = writeWithLibpng(s);
    const FastImage fast = decodeFast(png);
    REQUIRE(fast.status.ok());
    CHECK(*fast.status == FastPng::NotHandled);
    CHECK(fast.calls == 0);
    checkHeightsMatchLibpng(png);
}

TEST_CASE("An ancillary chunk with a bad CRC is left to libpng, which skips it", "[png][pngfast]") {
    auto chunks = chunksOf(writeWithLibpng(rgbSpec(16, 16, 3, PNG_FILTER_PAETH)));
    chunks.insert(chunks.begin() + 1, Chunk{"tEXt", {'C', 'o', 'm', 'm', 'e', 'n', 't', 0, 'h', 'i'}});
    auto png = fileOf(chunks);
    CHECK(*decodeFast(png).status == FastPng::Decoded);
    png[8 + 25 + 12] ^= 0x20;  // a byte of the text
    const FastImage fast = decodeFast(png);
    REQUIRE(fast.status.ok());
    CHECK(*fast.status == FastPng::NotHandled);
    checkHeightsMatchLibpng(png);
}

TEST_CASE("Damaged PNGs give one-line errors naming the file, never a crash", "[png][pngfast]") {
    const std::string name = "tiles/12/3090/1703.png";
    const std::uint32_t w = 64, h = 48;
    const auto good = writeWithLibpng(rgbSpec(w, h, 3, PNG_ALL_FILTERS));
    const auto goodChunks = chunksOf(good);
    REQUIRE(goodChunks[1].type == "IDAT");  // right after IHDR: the offsets below rely on it
    const std::size_t stride = w * 3 + 1;
    auto fails = [&](const std::vector<std::uint8_t>& png, const std::string& wording) {
        INFO(wording);
        const FastImage fast = decodeFast(png, name);
        REQUIRE_FALSE(fast.status.ok());
        INFO(fast.status.error().message);
        CHECK(oneLineNaming(fast.status.error().message, name));
        CHECK(fast.status.error().message.find(wording) != std::string::npos);
        CHECK(fast.calls == 0);  // nothing handed out before the error
        auto grid = decodeHeightPng(png.data(), png.size(), HeightEncoding::Terrarium, name);
        REQUIRE_FALSE(grid.ok());
        CHECK(grid.error().message == fast.status.error().message);
    };

    SECTION("a flipped byte in IDAT fails its CRC") {
        auto png = good;
        png[8 + 25 + 8 + 20] ^= 0x01;  // into the first IDAT's data
        fails(png, "CRC error in IDAT chunk");
    }
    SECTION("a flipped byte in IHDR fails its CRC") {
        auto png = good;
        png[8 + 8 + 9] ^= 0x04;  // colour type
        fails(png, "CRC error in IHDR chunk");
    }
    SECTION("truncated anywhere") {
        for (std::size_t keep = 0; keep < good.size(); ++keep) {
            INFO("kept " << keep << " of " << good.size() << " bytes");
            const FastImage fast = decodeFast({good.begin(), good.begin() + std::ptrdiff_t(keep)}, name);
            REQUIRE_FALSE(fast.status.ok());
            CHECK(oneLineNaming(fast.status.error().message, name));
            if (keep >= 8) CHECK(fast.status.error().message == name + ": truncated PNG data");
        }
        fails(std::vector<std::uint8_t>(good.begin(), good.end() - 12), "truncated PNG data");  // no IEND
    }
    SECTION("a header claiming 100000 x 100000 pixels is refused before allocating") {
        auto chunks = goodChunks;
        chunks[0].data = {0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0};
        const auto start = std::chrono::steady_clock::now();
        fails(fileOf(chunks), "image is 100000x100000, larger than 4096");
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(100));
        chunks[0].data = {0, 0, 0, 0, 0, 0, 0, 9, 8, 2, 0, 0, 0};
        fails(fileOf(chunks), "image is 0x9");
    }
    SECTION("a size below the limit with hardly any pixel data is refused before allocating") {
        auto chunks = goodChunks;
        chunks[0].data = {0, 0, 0x0f, 0xa0, 0, 0, 0x0f, 0xa0, 8, 6, 0, 0, 0};  // 4000 x 4000 RGBA
        fails(fileOf(chunks), "not enough image data");
    }
    SECTION("a bad filter byte, CRC recomputed") {
        auto raw = inflated(good, stride * h);
        raw[stride * 17] = 5;
        fails(withZlibStream(good, deflated(raw)), "bad filter type 5 in row 17");
    }
    SECTION("too little or too much pixel data, CRC recomputed") {
        auto raw = inflated(good, stride * h);
        fails(withZlibStream(good, deflated({raw.begin(), raw.end() - 1})), "not enough image data");
        raw.push_back(0);
        fails(withZlibStream(good, deflated(raw)), "too much image data");
    }
    SECTION("a damaged zlib stream, CRC recomputed") {
        const auto z = zlibStream(goodChunks);
        auto bad = z;
        bad[0] = 0x79;  // not deflate
        fails(withZlibStream(good, bad), "bad compressed image data");
        bad = z;
        bad.back() ^= 0x10;  // the Adler-32 of the pixels (libpng itself is told to skip it)
        fails(withZlibStream(good, bad), "bad compressed image data");
        bad = z;
        bad.resize(z.size() / 2);
        fails(withZlibStream(good, bad), "bad compressed image data");
        // Anywhere in the stream: an error naming the file, or (a flip in padding bits) the same image.
        const auto goodPixels = decodeFast(good).image.pixels;
        std::mt19937 rng(5);
        int errors = 0;
        for (int trial = 0; trial < 300; ++trial) {
            bad = z;
            bad[2 + rng() % (z.size() - 2)] ^= std::uint8_t(1u << (rng() % 8));
            const FastImage fast = decodeFast(withZlibStream(good, bad), name);
            if (fast.status.ok()) {
                CHECK(*fast.status == FastPng::Decoded);
                CHECK(fast.image.pixels == goodPixels);
            } else {
                ++errors;
                CHECK(oneLineNaming(fast.status.error().message, name));
                CHECK(fast.calls == 0);
            }
        }
        CHECK(errors > 280);
    }
    SECTION("missing IHDR, missing IDAT, absurd chunk length") {
        auto chunks = goodChunks;
        chunks.erase(chunks.begin());
        fails(fileOf(chunks), "first chunk is not IHDR");
        chunks = goodChunks;
        chunks.erase(std::remove_if(chunks.begin(), chunks.end(), [](const Chunk& c) { return c.type == "IDAT"; }),
                     chunks.end());
        fails(fileOf(chunks), "no IDAT chunk");
        auto png = good;
        png[33] = 0xff;  // the first IDAT's length: 0xff......
        fails(png, "corrupt PNG data (chunk length");
        png[33] = 0x7f;
        fails(png, "truncated PNG data");
    }
    SECTION("not a PNG at all") {
        fails({}, "empty file, not a PNG");
        const std::string text = "<html>404 not found</html>";
        fails({text.begin(), text.end()}, "not a PNG file");
    }
    SECTION("random damage with every CRC recomputed") {
        std::mt19937 rng(11);
        for (int trial = 0; trial < 500; ++trial) {
            auto chunks = goodChunks;
            auto& c = chunks[rng() % chunks.size()];
            if (c.data.empty()) continue;
            for (int k = 0; k < 3; ++k) c.data[rng() % c.data.size()] = std::uint8_t(rng());
            const FastImage fast = decodeFast(fileOf(chunks), name);
            if (!fast.status.ok()) CHECK(oneLineNaming(fast.status.error().message, name));
        }
    }
}

TEST_CASE("Fast PNG decoding on several threads at once", "[png][pngfast]") {
    std::vector<std::vector<std::uint8_t>> files;
    for (unsigned k = 0; k < 6; ++k)
        files.push_back(writeWithLibpng(rgbSpec(k == 5 ? 1024 : 100 + k * 30, k == 5 ? 400 : 90 + k, 3 + int(k % 2),
                                                PNG_ALL_FILTERS, k)));
    std::vector<std::vector<float>> expected;
    for (const auto& f : files) expected.push_back(libpngHeights(f, HeightEncoding::Terrarium));
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round) {
                const std::size_t k = std::size_t(t + round) % files.size();
                auto grid = decodeHeightPng(files[k].data(), files[k].size(), HeightEncoding::Terrarium, "t.png");
                if (!grid.ok() || !sameBits(grid->samples, expected[k])) ++mismatches;
            }
        });
    for (auto& th : threads) th.join();
    CHECK(mismatches == 0);
}
