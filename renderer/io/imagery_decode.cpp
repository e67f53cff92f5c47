#include "io/imagery_decode.h"

// libjpeg-turbo (Debian's libjpeg62-turbo) rather than stb_image or GDAL's JPEG driver: it is
// the fastest decoder Debian has (SIMD), the most fuzzed (OSS-Fuzz, it is every browser's
// JPEG), tells the dimensions before allocating, and reports corrupt data instead of guessing.
// stb_image has a history of crashes on hostile input; GDAL through /vsimem costs a driver
// probe and a dataset per tile.
#include <csetjmp>
#include <cstdio>
#include <cstring>

#include <jpeglib.h>

#include "core/overlay_pixels.h"

namespace plateau {
namespace {

struct JpegErrors {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    int warnings;
};

[[noreturn]] void onJpegError(j_common_ptr c) {
    auto* e = reinterpret_cast<JpegErrors*>(c->err);
    (*c->err->format_message)(c, e->message);
    std::longjmp(e->jump, 1);
}

// Warnings (level -1) are corrupt data libjpeg works around; trace messages are ignored.
void onJpegMessage(j_common_ptr c, int level) {
    auto* e = reinterpret_cast<JpegErrors*>(c->err);
    if (level >= 0) return;
    if (e->warnings++ == 0) (*c->err->format_message)(c, e->message);
}

enum class JpegStatus { Ok, Error, Corrupt, TooLarge, Cmyk };

// C-style on purpose: longjmp leaves this frame, so nothing here may own resources with
// destructors; `out` lives in the caller. Every outcome destroys the decompressor.
JpegStatus decodeInto(const std::uint8_t* data, std::size_t size, int maxDimension, Image8& out, JpegErrors& err) {
    jpeg_decompress_struct cinfo;
    std::memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = onJpegError;
    err.mgr.emit_message = onJpegMessage;
    err.message[0] = '\0';
    err.warnings = 0;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return JpegStatus::Error;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
    jpeg_read_header(&cinfo, TRUE);
    out.width = int(cinfo.image_width);
    out.height = int(cinfo.image_height);
    if (cinfo.image_width > unsigned(maxDimension) || cinfo.image_height > unsigned(maxDimension)) {
        jpeg_destroy_decompress(&cinfo);
        return JpegStatus::TooLarge;
    }
    if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
        jpeg_destroy_decompress(&cinfo);
        return JpegStatus::Cmyk;
    }
    cinfo.out_color_space = cinfo.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    out.channels = int(cinfo.output_components);
    const std::size_t stride = std::size_t(cinfo.output_width) * std::size_t(cinfo.output_components);
    out.pixels.resize(stride * cinfo.output_height);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out.pixels.data() + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return err.warnings ? JpegStatus::Corrupt : JpegStatus::Ok;
}

bool isPng(const std::uint8_t* d, std::size_t n) {
    static const std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    return n >= 8 && std::memcmp(d, sig, 8) == 0;
}
bool isJpeg(const std::uint8_t* d, std::size_t n) { return n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF; }

}  // namespace

Result<Image8> decodeJpeg(const std::uint8_t* data, std::size_t size, const std::string& name, int maxDimension) {
    if (!isJpeg(data, size)) return makeError(name + ": not a JPEG image");
    Image8 img;
    JpegErrors err;
    switch (decodeInto(data, size, maxDimension, img, err)) {
        case JpegStatus::Ok: return img;
        case JpegStatus::TooLarge:
            return makeError(name + ": JPEG " + std::to_string(img.width) + "x" + std::to_string(img.height) +
                             " exceeds the " + std::to_string(maxDimension) + "x" + std::to_string(maxDimension) +
                             " limit");
        case JpegStatus::Cmyk: return makeError(name + ": CMYK JPEG not supported");
        case JpegStatus::Corrupt: return makeError(name + ": corrupt JPEG (" + err.message + ")");
        case JpegStatus::Error: break;
    }
    return makeError(name + ": bad JPEG (" + err.message + ")");
}

Result<OverlayImage> decodeImageryTile(const std::uint8_t* data, std::size_t size, const TileId& id,
                                       const std::string& name, int maxDimension) {
    if (size == 0) return makeError(name + ": empty response");
    Result<Image8> img = isPng(data, size)    ? decodePng(data, size, name, maxDimension)
                         : isJpeg(data, size) ? decodeJpeg(data, size, name, maxDimension)
                                              : Result<Image8>(makeError(name + ": not a PNG or JPEG image"));
    if (!img) return img.error();
    return toOverlayImage(id, img->width, img->height, img->channels, img->pixels.data());
}

}  // namespace plateau
