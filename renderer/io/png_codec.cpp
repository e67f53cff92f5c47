#include "io/png_codec.h"

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <cstring>

#include "core/input_limits.h"
#include "io/atomic_file.h"

namespace plateau {
namespace {

constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

// libpng reports errors through a callback that must not return; it longjmps back to the setjmp
// in decodeRows/encodeRows. The message is kept in a fixed buffer so that nothing with a
// destructor is created between setjmp and longjmp.
struct CodecState {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
    bool truncated = false;
    std::vector<std::uint8_t>* output = nullptr;
    char message[200] = {};
};

void onError(png_structp png, png_const_charp msg) {
    auto* st = static_cast<CodecState*>(png_get_error_ptr(png));
    std::strncpy(st->message, msg ? msg : "unknown error", sizeof(st->message) - 1);
    png_longjmp(png, 1);
}

// Warnings (unknown chunks, odd colour profiles) do not make the pixels wrong: stay quiet.
void onWarning(png_structp, png_const_charp) {}

void readBytes(png_structp png, png_bytep out, png_size_t n) {
    auto* st = static_cast<CodecState*>(png_get_io_ptr(png));
    if (n > st->size - st->pos) {
        st->truncated = true;
        png_error(png, "truncated PNG data");
    }
    std::memcpy(out, st->data + st->pos, n);
    st->pos += n;
}

void writeBytes(png_structp png, png_bytep in, png_size_t n) {
    auto* st = static_cast<CodecState*>(png_get_io_ptr(png));
    st->output->insert(st->output->end(), in, in + n);
}

void flushNothing(png_structp) {}

std::uint32_t readBE32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

// Checks signature and IHDR by hand so that the common failures get precise messages and a huge
// claimed size is refused before libpng or we allocate anything.
std::string checkHeader(const std::uint8_t* data, std::size_t size, int maxDimension) {
    if (size == 0) return "empty file, not a PNG";
    const std::size_t sigLen = std::min<std::size_t>(size, 8);
    if (std::memcmp(data, kSignature, sigLen) != 0) return "not a PNG file";
    if (size < 8 + 8 + 13) return "truncated PNG data";
    if (std::memcmp(data + 12, "IHDR", 4) != 0) return "corrupt PNG data (first chunk is not IHDR)";
    const std::uint32_t w = readBE32(data + 16), h = readBE32(data + 20);
    if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu)
        return "corrupt PNG data (image is " + std::to_string(w) + "x" + std::to_string(h) + ")";
    const auto limit = std::uint32_t(std::max(maxDimension, 1));
    if (w > limit || h > limit)
        return "image is " + std::to_string(w) + "x" + std::to_string(h) + ", larger than " +
               std::to_string(limit);
    // libpng allocates an ancillary chunk's whole declared length before reading it (tEXt, for
    // one, has no limit in libpng 1.6.39), so a 60-byte file claiming a 2 GB chunk cost 2 GB.
    // The data is all in memory: a length past its end is refused here, which bounds every such
    // allocation by the input's size (itself limited by the readers).
    for (std::size_t at = 8; at + 8 <= size;) {
        const std::uint64_t length = readBE32(data + at);
        const std::size_t left = size - at - 8;
        if (length + 4 > left) return "truncated PNG data";  // the same words as a short read
        if (std::memcmp(data + at + 4, "IEND", 4) == 0) break;
        at += 12 + std::size_t(length);
    }
    return {};
}

// Runs libpng's read sequence. Locals here are trivially destructible (the vectors belong to the
// caller), so a longjmp out of libpng skips no destructors.
bool decodeRows(png_structp png, png_infop info, Image8* out, std::vector<png_bytep>* rows, const PngRowSink* sink) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_read_fn(png, png_get_error_ptr(png), readBytes);
#ifdef PNG_IGNORE_ADLER32
    // Every IDAT chunk already carries a CRC-32 that libpng checks; zlib's Adler-32 over the same
    // data adds nothing for corruption and costs a tenth of the decode (browsers skip it too).
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    png_read_info(png, info);
    const int colorType = png_get_color_type(png, info);
    const bool plain8 = png_get_bit_depth(png, info) == 8 && !png_get_valid(png, info, PNG_INFO_tRNS) &&
                        (colorType == PNG_COLOR_TYPE_RGB || colorType == PNG_COLOR_TYPE_RGB_ALPHA);
    if (!plain8) {  // elevation tiles are 8-bit RGB: no transform step for them
        png_set_expand(png);    // palette -> RGB, gray < 8 bit -> 8 bit, tRNS -> alpha
        png_set_scale_16(png);  // 16 -> 8 bit with rounding
        if (colorType == PNG_COLOR_TYPE_GRAY || colorType == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    }
    if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE) png_set_interlace_handling(png);
    png_read_update_info(png, info);

    out->width = int(png_get_image_width(png, info));
    out->height = int(png_get_image_height(png, info));
    out->channels = int(png_get_channels(png, info));
    const std::size_t rowBytes = png_get_rowbytes(png, info);
    if (out->channels < 3 || rowBytes != std::size_t(out->width) * std::size_t(out->channels))
        png_error(png, "unsupported pixel layout");
    if (sink && png_get_interlace_type(png, info) == PNG_INTERLACE_NONE) {
        // One row at a time into a small buffer: the caller converts while it is in cache.
        out->pixels.resize(rowBytes);
        for (int y = 0; y < out->height; ++y) {
            png_read_row(png, out->pixels.data(), nullptr);
            (*sink)(*out, y, out->pixels.data());
        }
        out->pixels.clear();
        png_read_end(png, nullptr);
        return true;
    }
    out->pixels.resize(rowBytes * std::size_t(out->height));
    rows->resize(std::size_t(out->height));
    for (std::size_t y = 0; y < rows->size(); ++y) (*rows)[y] = out->pixels.data() + y * rowBytes;
    png_read_image(png, rows->data());
    png_read_end(png, nullptr);
    if (sink) {
        for (int y = 0; y < out->height; ++y) (*sink)(*out, y, (*rows)[std::size_t(y)]);
        out->pixels.clear();
    }
    return true;
}

bool encodeRows(png_structp png, png_infop info, const Image8* img, int level,
                std::vector<png_bytep>* rows) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, png_get_error_ptr(png), writeBytes, flushNothing);
    static constexpr int kColorTypes[4] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                           PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGBA};
    png_set_IHDR(png, info, png_uint_32(img->width), png_uint_32(img->height), 8,
                 kColorTypes[img->channels - 1], PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    if (level <= 1) {
        // Fast path for bulk tile writing: on height tiles, Paeth prediction plus zlib's run-length
        // matching is about twice as fast as level 1's default matching and no larger.
        png_set_compression_strategy(png, Z_RLE);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_PAETH);
    } else {
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_ALL_FILTERS);
    }
    const std::size_t rowBytes = std::size_t(img->width) * std::size_t(img->channels);
    rows->resize(std::size_t(img->height));
    for (std::size_t y = 0; y < rows->size(); ++y)
        (*rows)[y] = const_cast<png_bytep>(img->pixels.data() + y * rowBytes);
    png_set_rows(png, info, rows->data());
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
    return true;
}

}  // namespace

Result<Image8> decodePng(const std::uint8_t* data, std::size_t size, const std::string& name,
                         int maxDimension) {
    return decodePngRows(data, size, name, maxDimension, nullptr);
}

Result<Image8> decodePngRows(const std::uint8_t* data, std::size_t size, const std::string& name, int maxDimension,
                             const PngRowSink* sink) {
    if (!data && size > 0) return makeError(name + ": no data");
    if (std::string problem = checkHeader(data, size, maxDimension); !problem.empty())
        return makeError(name + ": " + problem);

    CodecState state;
    state.data = data;
    state.size = size;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, onError, onWarning);
    if (!png) return makeError(name + ": out of memory creating PNG decoder");
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        return makeError(name + ": out of memory creating PNG decoder");
    }
    const auto limit = png_uint_32(std::max(maxDimension, 1));
    png_set_user_limits(png, limit, limit);
    png_set_chunk_malloc_max(png, png_alloc_size_t(kMaxPngChunkBytes));
    png_set_chunk_cache_max(png, 1000);  // ancillary chunks kept, as libpng's safe limits

    Image8 img;
    std::vector<png_bytep> rows;
    const bool ok = decodeRows(png, info, &img, &rows, sink);
    png_destroy_read_struct(&png, &info, nullptr);
    if (!ok) {
        if (state.truncated) return makeError(name + ": truncated PNG data");
        return makeError(name + ": corrupt PNG data (" + state.message + ")");
    }
    return img;
}

Result<Image8> readPngFile(const std::filesystem::path& path, int maxDimension) {
    auto bytes = readFileBytes(path);
    if (!bytes) return bytes.error();
    return decodePng(bytes->data(), bytes->size(), path.string(), maxDimension);
}

Result<std::vector<std::uint8_t>> encodePng(const Image8& image, int compressionLevel) {
    if (image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4)
        return makeError("encodePng: invalid image " + std::to_string(image.width) + "x" +
                         std::to_string(image.height) + "x" + std::to_string(image.channels));
    const std::size_t expected =
        std::size_t(image.width) * std::size_t(image.height) * std::size_t(image.channels);
    if (image.pixels.size() != expected)
        return makeError("encodePng: pixel buffer has " + std::to_string(image.pixels.size()) +
                         " bytes, expected " + std::to_string(expected));

    std::vector<std::uint8_t> out;
    out.reserve(expected / 2);
    CodecState state;
    state.output = &out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, onError, onWarning);
    if (!png) return makeError("encodePng: out of memory creating PNG encoder");
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        return makeError("encodePng: out of memory creating PNG encoder");
    }
    std::vector<png_bytep> rows;
    const bool ok = encodeRows(png, info, &image, std::clamp(compressionLevel, 0, 9), &rows);
    png_destroy_write_struct(&png, &info);
    if (!ok) return makeError(std::string("encodePng: ") + state.message);
    return out;
}

}  // namespace plateau
