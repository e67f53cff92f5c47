#pragma once
// Fast decoding of the PNGs that elevation tiles are: 8-bit RGB or RGBA, not interlaced. The
// container is parsed here (every chunk CRC checked), the whole image is inflated in one call by
// libdeflate (Adler-32 checked) into an exactly sized buffer, then unfiltered in place row by
// row. Any other kind of PNG is "not handled" and left to png_codec's libpng decoder, so a
// caller tries this first and falls back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "core/result.h"

namespace plateau {

struct PngLayout {
    int width = 0;
    int height = 0;
    int channels = 0;  // 3 (RGB) or 4 (RGBA)
};

// A non-owning reference to a callable `void(const PngLayout&, int row, const std::uint8_t*
// pixels)` that receives the decoded rows top to bottom (width * channels bytes each, valid
// during the call). One indirect call per row and no allocation, unlike std::function.
class PngRowVisitor {
public:
    template <class F>
        requires(!std::is_same_v<std::remove_cv_t<F>, PngRowVisitor> &&
                 std::is_invocable_v<F&, const PngLayout&, int, const std::uint8_t*>)
    PngRowVisitor(F& f)  // implicit, like C++26 std::function_ref: pass the callable itself
        : object_(const_cast<void*>(static_cast<const void*>(&f))),
          call_([](void* o, const PngLayout& layout, int row, const std::uint8_t* pixels) {
              (*static_cast<F*>(o))(layout, row, pixels);
          }) {}
    void operator()(const PngLayout& layout, int row, const std::uint8_t* pixels) const {
        call_(object_, layout, row, pixels);
    }

private:
    void* object_;
    void (*call_)(void*, const PngLayout&, int, const std::uint8_t*);
};

enum class FastPng {
    Decoded,     // every row went to the visitor
    NotHandled,  // a valid-looking PNG of another kind (palette, gray, 16-bit, interlaced, tRNS,
                 // unusual chunk order...): decode it with decodePngRows instead
};

// Errors are one line naming `name` and the problem, with the same wording as decodePngRows for
// the problems both detect: "<name>: not a PNG file", "<name>: truncated PNG data",
// "<name>: image is 100000x100000, larger than 4096", "<name>: corrupt PNG data (...)".
// Sizes are checked against maxDimension from the header, before anything is allocated. The
// whole file is checked (CRCs, Adler-32, data size, filter bytes) before the first row is handed
// out, so on an error the visitor has not been called. Thread-safe: each thread keeps its own
// decompressor and buffers.
Result<FastPng> decodePngRowsFast(const std::uint8_t* data, std::size_t size, const std::string& name,
                                  int maxDimension, PngRowVisitor rows);

// The unfiltering code in use: the fastest the processor runs, unless set lower (tests and
// benchmarks compare them). Setting returns the code that will run: never one the processor lacks.
enum class PngUnfilterCode { Scalar, Sse2, Sse41 };
PngUnfilterCode pngUnfilterCode();
PngUnfilterCode setPngUnfilterCode(PngUnfilterCode code);

}  // namespace plateau
