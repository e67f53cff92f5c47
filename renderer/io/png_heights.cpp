#include "io/png_heights.h"

#include <algorithm>
#include <cstdint>

#include "io/png_fast_decode.h"

namespace plateau {
namespace {

// Earth's surface spans about -10,994 m (Challenger Deep) to 8,849 m (Everest). A grid lying
// entirely outside this band with margin is not elevation in the encoding it was decoded with.
// Whole-tile rather than per-sample so that deep-ocean tiles stay valid; an encoding swap moves
// every sample by tens of kilometres (Mapbox read as Terrarium lands near -32,000 m, Terrarium
// read as Mapbox above +500,000 m), so it is always caught.
constexpr float kLowestPlausible = -11500.0f;
constexpr float kHighestPlausible = 9500.0f;

bool plausible(float lo, float hi) { return hi >= kLowestPlausible && lo <= kHighestPlausible; }

constexpr int kMaxTileDimension = 4096;

// The height of a 24-bit code (R << 16 | G << 8 | B), bit for bit what decodeHeight gives after
// rounding to float: in Terrarium (code - 2^23) / 256 is exact in float, and Mapbox goes through
// the same double arithmetic. Heights rise with the code in both encodings, so a grid's height
// range is that of its lowest and highest codes.
template <HeightEncoding Enc>
float heightOfCode(std::uint32_t code) {
    if constexpr (Enc == HeightEncoding::Terrarium)
        return static_cast<float>(std::int32_t(code) - 8388608) * (1.0f / 256.0f);
    else
        return static_cast<float>(-10000.0 + double(code) * 0.1);
}

float heightOfCode(std::uint32_t code, HeightEncoding enc) {
    return enc == HeightEncoding::Terrarium ? heightOfCode<HeightEncoding::Terrarium>(code)
                                            : heightOfCode<HeightEncoding::Mapbox>(code);
}

template <int Channels, HeightEncoding Enc>
void heightsOfRow(const std::uint8_t* p, int width, float* out, std::uint32_t& lo, std::uint32_t& hi) {
    std::uint32_t rowLo = lo, rowHi = hi;
    for (int i = 0; i < width; ++i, p += Channels) {
        const std::uint32_t code = (std::uint32_t(p[0]) << 16) | (std::uint32_t(p[1]) << 8) | std::uint32_t(p[2]);
        rowLo = std::min(rowLo, code);
        rowHi = std::max(rowHi, code);
        out[i] = heightOfCode<Enc>(code);
    }
    lo = rowLo;
    hi = rowHi;
}

std::string metres(float v) { return std::to_string(static_cast<long long>(v < 0 ? v - 0.5f : v + 0.5f)); }

}  // namespace

Result<HeightGrid> decodeHeightPng(const std::uint8_t* data, std::size_t size, HeightEncoding enc,
                                   const std::string& name) {
    HeightGrid grid;
    std::uint32_t lo = 0xffffffu, hi = 0;  // range of the 24-bit codes
    auto convert = [&](int width, int height, int channels, int row, const std::uint8_t* p) {
        if (row == 0) {
            grid.width = width;
            grid.height = height;
            grid.samples.resize(std::size_t(width) * std::size_t(height));
        }
        float* out = grid.samples.data() + std::size_t(row) * std::size_t(width);
        constexpr auto T = HeightEncoding::Terrarium, M = HeightEncoding::Mapbox;
        if (channels == 4 && enc == T) heightsOfRow<4, T>(p, width, out, lo, hi);
        else if (channels == 4) heightsOfRow<4, M>(p, width, out, lo, hi);
        else if (enc == T) heightsOfRow<3, T>(p, width, out, lo, hi);
        else heightsOfRow<3, M>(p, width, out, lo, hi);
    };
    auto fastRow = [&](const PngLayout& l, int row, const std::uint8_t* p) {
        convert(l.width, l.height, l.channels, row, p);
    };
    auto fast = decodePngRowsFast(data, size, name, kMaxTileDimension, fastRow);
    if (!fast) return fast.error();
    if (*fast == FastPng::NotHandled) {  // palette, gray, 16-bit, interlaced...: libpng converts
        const PngRowSink sink = [&](const Image8& img, int row, const std::uint8_t* p) {
            convert(img.width, img.height, img.channels, row, p);
        };
        auto decoded = decodePngRows(data, size, name, kMaxTileDimension, &sink);
        if (!decoded) return decoded.error();
    }
    if (grid.samples.empty() || plausible(heightOfCode(lo, enc), heightOfCode(hi, enc))) return grid;
    // Implausible heights: the full path explains which encoding it looks like.
    auto image = decodePng(data, size, name);
    if (!image) return image.error();
    return decodeHeightImage(*image, enc, name);
}

Result<HeightGrid> decodeHeightImage(const Image8& image, HeightEncoding enc, const std::string& name) {
    if (image.channels < 3)
        return makeError(name + ": expected an RGB image, got " + std::to_string(image.channels) + " channel(s)");
    HeightGrid grid;
    grid.width = image.width;
    grid.height = image.height;
    const std::size_t n = std::size_t(image.width) * std::size_t(image.height);
    grid.samples.resize(n);
    const std::uint8_t* p = image.pixels.data();
    const auto stride = std::size_t(image.channels);
    float lo = 0, hi = 0;
    for (std::size_t i = 0; i < n; ++i, p += stride) {
        const auto h = static_cast<float>(decodeHeight(p[0], p[1], p[2], enc));
        grid.samples[i] = h;
        lo = i == 0 ? h : std::min(lo, h);
        hi = i == 0 ? h : std::max(hi, h);
    }
    if (n > 0 && !plausible(lo, hi)) {
        const HeightEncoding other = enc == HeightEncoding::Terrarium ? HeightEncoding::Mapbox : HeightEncoding::Terrarium;
        float olo = 0, ohi = 0;
        p = image.pixels.data();
        for (std::size_t i = 0; i < n; ++i, p += stride) {
            const auto h = static_cast<float>(decodeHeight(p[0], p[1], p[2], other));
            olo = i == 0 ? h : std::min(olo, h);
            ohi = i == 0 ? h : std::max(ohi, h);
        }
        const std::string range = "heights " + metres(lo) + ".." + metres(hi) + " m";
        if (plausible(olo, ohi))
            return makeError(name + ": " + range + " look like the wrong encoding (" + heightEncodingName(enc) +
                             "); try " + heightEncodingName(other));
        return makeError(name + ": " + range + " are not elevations in " + heightEncodingName(enc) + " or " +
                         heightEncodingName(other) + " encoding");
    }
    return grid;
}

}  // namespace plateau
