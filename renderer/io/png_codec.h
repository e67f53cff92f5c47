#pragma once
// PNG decoding and encoding with libpng, into plain 8-bit pixel buffers. Decoding never crashes on
// bad input: every failure becomes a one-line Error that names the file and the problem.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace plateau {

struct Image8 {
    int width = 0;
    int height = 0;
    int channels = 0;                 // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
    std::vector<std::uint8_t> pixels;  // row-major, row 0 at the top, width * channels bytes per row
};

// Decodes to 8-bit RGB (3 channels) or RGBA (4 channels, when the file has alpha or transparency):
// palette, gray and 16-bit images are converted. Images wider or taller than maxDimension are
// rejected from the header, before any pixel memory is allocated.
Result<Image8> decodePng(const std::uint8_t* data, std::size_t size, const std::string& name,
                         int maxDimension = 4096);
// Streaming variant: hands each decoded row (width * channels bytes, RGB or RGBA) to `sink`
// instead of keeping the image; the returned Image8 has no pixels. For decoders that convert
// pixels as they arrive (height tiles), saving a pass over the whole image.
// `image` has its width, height and channels set (its pixels are not kept).
using PngRowSink = std::function<void(const Image8& image, int row, const std::uint8_t* pixels)>;
Result<Image8> decodePngRows(const std::uint8_t* data, std::size_t size, const std::string& name, int maxDimension,
                             const PngRowSink* sink);
Result<Image8> readPngFile(const std::filesystem::path& path, int maxDimension = 4096);

// compressionLevel is zlib's 0..9. Level 1 (and 0) is the bulk-writing mode: Paeth filter and
// run-length matching, about twice as fast as zlib's usual level 1 on height tiles and as small.
Result<std::vector<std::uint8_t>> encodePng(const Image8& image, int compressionLevel = 6);

}  // namespace plateau
