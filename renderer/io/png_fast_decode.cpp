#include "io/png_fast_decode.h"

#include <libdeflate.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define PLATEAU_PNG_X86 1
#include <immintrin.h>
#else
#define PLATEAU_PNG_X86 0
#endif

namespace plateau {
namespace {

using u8 = std::uint8_t;

constexpr u8 kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
// Bytes readable past the last row: the SIMD Paeth filter loads 4 bytes for a 3-byte pixel.
constexpr std::size_t kPadding = 16;
// Buffers kept by a thread between decodes; a larger image's buffers are freed after it.
constexpr std::size_t kKeepBytes = std::size_t(1) << 20;

std::uint32_t be32(const u8* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

constexpr std::uint32_t chunkType(const char (&s)[5]) {
    return (std::uint32_t(u8(s[0])) << 24) | (std::uint32_t(u8(s[1])) << 16) | (std::uint32_t(u8(s[2])) << 8) |
           std::uint32_t(u8(s[3]));
}
constexpr std::uint32_t kIHDR = chunkType("IHDR"), kIDAT = chunkType("IDAT"), kIEND = chunkType("IEND"),
                        kPLTE = chunkType("PLTE"), kTRNS = chunkType("tRNS");

bool isLetter(u8 c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Each decoding thread keeps its decompressor and buffers: no allocation per tile.
struct Scratch {
    libdeflate_decompressor* inflater = nullptr;
    std::unique_ptr<u8[]> idat, raw;
    std::size_t idatCapacity = 0, rawCapacity = 0;

    Scratch() = default;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() {
        if (inflater) libdeflate_free_decompressor(inflater);
    }

    // At least n bytes with undefined contents, or nullptr when memory runs out.
    static u8* reserve(std::unique_ptr<u8[]>& buffer, std::size_t& capacity, std::size_t n) {
        if (capacity < n) {
            buffer.reset(new (std::nothrow) u8[n]);
            capacity = buffer ? n : 0;
        }
        return buffer.get();
    }
    void trim() {
        if (idatCapacity > kKeepBytes) {
            idat.reset();
            idatCapacity = 0;
        }
        if (rawCapacity > kKeepBytes) {
            raw.reset();
            rawCapacity = 0;
        }
    }
};
thread_local Scratch t_scratch;

struct Parsed {
    PngLayout layout;
    const u8* idat = nullptr;       // payload of the first IDAT chunk
    std::size_t idatBytes = 0;      // total payload of all IDAT chunks (consecutive in the file)
    std::size_t idatChunks = 0;
    std::size_t firstIdatChunk = 0;  // file offset of the first IDAT chunk
};

enum class Verdict { Handled, NotHandled, Corrupt };

std::string typeName(std::uint32_t type) {
    std::string s(4, ' ');
    for (int i = 0; i < 4; ++i) s[std::size_t(i)] = char((type >> (24 - 8 * i)) & 0xffu);
    return s;
}

// Walks the chunks from the signature to IEND. On Corrupt, `problem` says why.
Verdict parseChunks(const u8* data, std::size_t size, int maxDimension, Parsed& out, std::string& problem) {
    auto corrupt = [&](std::string why) {
        problem = std::move(why);
        return Verdict::Corrupt;
    };
    if (size == 0) return corrupt("empty file, not a PNG");
    if (std::memcmp(data, kSignature, std::min<std::size_t>(size, 8)) != 0) return corrupt("not a PNG file");
    if (size < 8) return corrupt("truncated PNG data");
    std::size_t pos = 8;
    bool idatEnded = false;
    for (bool first = true;; first = false) {
        if (size - pos < 8) return corrupt("truncated PNG data");
        const std::uint32_t length = be32(data + pos);
        const std::uint32_t type = be32(data + pos + 4);
        if (first && type != kIHDR) return corrupt("corrupt PNG data (first chunk is not IHDR)");
        if (length > 0x7fffffffu) return corrupt("corrupt PNG data (chunk length " + std::to_string(length) + ")");
        if (size - pos - 8 < std::size_t(length) + 4) return corrupt("truncated PNG data");
        for (int i = 0; i < 4; ++i)
            if (!isLetter(data[pos + 4 + std::size_t(i)])) return corrupt("corrupt PNG data (invalid chunk type)");
        const u8* payload = data + pos + 8;
        const bool critical = (type & 0x20000000u) == 0;
        if (libdeflate_crc32(0, data + pos + 4, std::size_t(length) + 4) != be32(payload + length)) {
            // libpng skips an ancillary chunk with a bad CRC (with a warning): let it.
            if (!critical) return Verdict::NotHandled;
            return corrupt("corrupt PNG data (CRC error in " + typeName(type) + " chunk)");
        }
        if (type == kIHDR) {
            if (!first) return Verdict::NotHandled;
            if (length != 13) return corrupt("corrupt PNG data (IHDR chunk of " + std::to_string(length) + " bytes)");
            const std::uint32_t w = be32(payload), h = be32(payload + 4);
            if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu)
                return corrupt("corrupt PNG data (image is " + std::to_string(w) + "x" + std::to_string(h) + ")");
            const auto limit = std::uint32_t(std::max(maxDimension, 1));
            if (w > limit || h > limit)
                return corrupt("image is " + std::to_string(w) + "x" + std::to_string(h) + ", larger than " +
                               std::to_string(limit));
            const u8 depth = payload[8], colour = payload[9];
            if (depth != 8 || (colour != 2 && colour != 6) || payload[10] != 0 || payload[11] != 0 || payload[12] != 0)
                return Verdict::NotHandled;  // palette, gray, 16-bit, interlaced or not a standard method
            out.layout = PngLayout{int(w), int(h), colour == 2 ? 3 : 4};
        } else if (type == kIDAT) {
            if (idatEnded) return Verdict::NotHandled;  // IDAT chunks split by others
            if (out.idatChunks++ == 0) {
                out.idat = payload;
                out.firstIdatChunk = pos;
            }
            out.idatBytes += length;
        } else {
            if (out.idatChunks > 0) idatEnded = true;
            if (type == kIEND) {
                if (length != 0) return Verdict::NotHandled;
                break;
            }
            if (type == kTRNS) return Verdict::NotHandled;  // transparency: libpng turns it into alpha
            // A suggested palette before the pixels is allowed in RGB files; other critical chunks
            // are unknown here.
            if (critical && !(type == kPLTE && out.idatChunks == 0)) return Verdict::NotHandled;
        }
        pos += std::size_t(length) + 12;
    }
    if (out.idatChunks == 0) return corrupt("corrupt PNG data (no IDAT chunk)");
    return Verdict::Handled;
}

// ---- Unfiltering. `in` holds a row's filtered bytes, `prior` the previous row's pixels (zeros
// above the first row), `out` receives the row's pixels. Bpp is the bytes per pixel, 3 or 4. The
// SIMD versions go one pixel per step and read and write 4 bytes per pixel: `in` and `prior` may
// be read one byte past the row and `out` written one byte past it (the buffers are padded).

void unfilterUp(const u8* __restrict in, const u8* __restrict prior, u8* __restrict out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = u8(in[i] + prior[i]);
}

template <int Bpp>
void unfilterSubScalar(const u8* in, u8* out, std::size_t n) {
    for (std::size_t i = 0; i < Bpp; ++i) out[i] = in[i];
    for (std::size_t i = Bpp; i < n; ++i) out[i] = u8(in[i] + out[i - Bpp]);
}

template <int Bpp>
void unfilterAverageScalar(const u8* in, const u8* prior, u8* out, std::size_t n) {
    for (std::size_t i = 0; i < Bpp; ++i) out[i] = u8(in[i] + (prior[i] >> 1));
    for (std::size_t i = Bpp; i < n; ++i) out[i] = u8(in[i] + ((unsigned(out[i - Bpp]) + prior[i]) >> 1));
}

// The predictor of the PNG specification, with its tie-breaking order (a, then b, then c).
u8 paeth(int a, int b, int c) {
    const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
    if (pa <= pb && pa <= pc) return u8(a);
    return u8(pb <= pc ? b : c);
}

void unfilterPaethScalar(int bpp, const u8* in, const u8* prior, u8* out, std::size_t n) {
    const auto first = std::size_t(bpp);
    for (std::size_t i = 0; i < first; ++i) out[i] = u8(in[i] + prior[i]);  // a = c = 0: b wins
    for (std::size_t i = first; i < n; ++i) out[i] = u8(in[i] + paeth(out[i - first], prior[i], prior[i - first]));
}

#if PLATEAU_PNG_X86
__m128i load32(const u8* p) {
    std::int32_t v;
    std::memcpy(&v, p, 4);
    return _mm_cvtsi32_si128(v);
}

void store32(u8* p, __m128i v) {
    const std::int32_t x = _mm_cvtsi128_si32(v);
    std::memcpy(p, &x, 4);
}

template <int Bpp>
void unfilterSubSse2(const u8* in, u8* out, std::size_t n) {
    __m128i a = _mm_setzero_si128();
    for (std::size_t i = 0; i < n; i += Bpp) {
        a = _mm_add_epi8(load32(in + i), a);
        store32(out + i, a);
    }
}

template <int Bpp>
void unfilterAverageSse2(const u8* in, const u8* prior, u8* out, std::size_t n) {
    const __m128i one = _mm_set1_epi8(1);
    __m128i a = _mm_setzero_si128();
    for (std::size_t i = 0; i < n; i += Bpp) {
        const __m128i b = load32(prior + i);
        // floor((a + b) / 2): the rounded-up average less the bit it rounded up.
        const __m128i average = _mm_sub_epi8(_mm_avg_epu8(a, b), _mm_and_si128(_mm_xor_si128(a, b), one));
        a = _mm_add_epi8(load32(in + i), average);
        store32(out + i, a);
    }
}

// Paeth on the channels of one pixel side by side in 16-bit lanes (a: left, b: above, c: above
// left, x: filtered). p = a + b - c, so |p - a| = |b - c|, |p - b| = |a - c| and
// |p - c| = |(a - c) + (b - c)|. The high byte of every lane stays 0.
__m128i paethSse2(__m128i a, __m128i b, __m128i c, __m128i x) {
    const __m128i zero = _mm_setzero_si128();
    const __m128i bc = _mm_sub_epi16(b, c), ac = _mm_sub_epi16(a, c), abc = _mm_add_epi16(ac, bc);
    const __m128i pa = _mm_max_epi16(bc, _mm_sub_epi16(zero, bc));
    const __m128i pb = _mm_max_epi16(ac, _mm_sub_epi16(zero, ac));
    const __m128i pc = _mm_max_epi16(abc, _mm_sub_epi16(zero, abc));
    // a when pa <= pb and pa <= pc; else b when pb <= pc; else c.
    const __m128i notA = _mm_or_si128(_mm_cmpgt_epi16(pa, pb), _mm_cmpgt_epi16(pa, pc));
    const __m128i notB = _mm_cmpgt_epi16(pb, pc);
    const __m128i bOrC = _mm_or_si128(_mm_and_si128(notB, c), _mm_andnot_si128(notB, b));
    return _mm_add_epi8(x, _mm_or_si128(_mm_and_si128(notA, bOrC), _mm_andnot_si128(notA, a)));
}

// The same with SSSE3's absolute value and SSE4.1's blend: fewer operations per pixel.
__attribute__((target("sse4.1"))) __m128i paethSse41(__m128i a, __m128i b, __m128i c, __m128i x) {
    const __m128i bc = _mm_sub_epi16(b, c), ac = _mm_sub_epi16(a, c);
    const __m128i pa = _mm_abs_epi16(bc), pb = _mm_abs_epi16(ac), pc = _mm_abs_epi16(_mm_add_epi16(ac, bc));
    const __m128i notA = _mm_or_si128(_mm_cmpgt_epi16(pa, pb), _mm_cmpgt_epi16(pa, pc));
    const __m128i notB = _mm_cmpgt_epi16(pb, pc);
    return _mm_add_epi8(x, _mm_blendv_epi8(a, _mm_blendv_epi8(b, c, notB), notA));
}

// Rows of Paeth undone together: pixel i of each row needs pixel i of the row above, which was
// just computed and is still in a register. Each row is a chain of dependent steps (the left
// neighbour) but the rows' chains are independent, so the processor overlaps them.
template <int Bpp, int Rows>
void unfilterPaethRowsSse2(const u8* const* in, const u8* prior, u8* const* out, std::size_t n) {
    const __m128i zero = _mm_setzero_si128();
    __m128i a[Rows], c[Rows];
    for (int r = 0; r < Rows; ++r) a[r] = c[r] = zero;
    for (std::size_t i = 0; i < n; i += Bpp) {
        __m128i b = _mm_unpacklo_epi8(load32(prior + i), zero);
        for (int r = 0; r < Rows; ++r) {
            a[r] = paethSse2(a[r], b, c[r], _mm_unpacklo_epi8(load32(in[r] + i), zero));
            c[r] = b;
            b = a[r];
            store32(out[r] + i, _mm_packus_epi16(a[r], a[r]));
        }
    }
}

template <int Bpp, int Rows>
__attribute__((target("sse4.1"))) void unfilterPaethRowsSse41(const u8* const* in, const u8* prior,
                                                               u8* const* out, std::size_t n) {
    const __m128i zero = _mm_setzero_si128();
    __m128i a[Rows], c[Rows];
    for (int r = 0; r < Rows; ++r) a[r] = c[r] = zero;
    for (std::size_t i = 0; i < n; i += Bpp) {
        __m128i b = _mm_cvtepu8_epi16(load32(prior + i));
        for (int r = 0; r < Rows; ++r) {
            a[r] = paethSse41(a[r], b, c[r], _mm_cvtepu8_epi16(load32(in[r] + i)));
            c[r] = b;
            b = a[r];
            store32(out[r] + i, _mm_packus_epi16(a[r], a[r]));
        }
    }
}

PngUnfilterCode bestCode() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.1") ? PngUnfilterCode::Sse41 : PngUnfilterCode::Sse2;
}
#else
PngUnfilterCode bestCode() { return PngUnfilterCode::Scalar; }
#endif

std::atomic<PngUnfilterCode>& unfilterCode() {
    static std::atomic<PngUnfilterCode> code{bestCode()};
    return code;
}

constexpr int kPaethRows = 4;  // at most this many Paeth rows at once

template <int Bpp>
void unfilterSub(PngUnfilterCode code, const u8* in, u8* out, std::size_t n) {
#if PLATEAU_PNG_X86
    if (code != PngUnfilterCode::Scalar) return unfilterSubSse2<Bpp>(in, out, n);
#endif
    (void)code;
    unfilterSubScalar<Bpp>(in, out, n);
}

template <int Bpp>
void unfilterAverage(PngUnfilterCode code, const u8* in, const u8* prior, u8* out, std::size_t n) {
#if PLATEAU_PNG_X86
    if (code != PngUnfilterCode::Scalar) return unfilterAverageSse2<Bpp>(in, prior, out, n);
#endif
    (void)code;
    unfilterAverageScalar<Bpp>(in, prior, out, n);
}

template <int Bpp, int Rows>
void unfilterPaeth(PngUnfilterCode code, const u8* const* in, const u8* prior, u8* const* out, std::size_t n) {
#if PLATEAU_PNG_X86
    if (code == PngUnfilterCode::Sse41) return unfilterPaethRowsSse41<Bpp, Rows>(in, prior, out, n);
    if (code == PngUnfilterCode::Sse2) return unfilterPaethRowsSse2<Bpp, Rows>(in, prior, out, n);
#endif
    (void)code;
    for (int r = 0; r < Rows; ++r) {
        unfilterPaethScalar(Bpp, in[r], prior, out[r], n);
        prior = out[r];
    }
}

// Unfilters `count` rows that all have `filter` (1 to kPaethRows rows for Paeth, else 1).
// `lines` point at each row's filter byte.
template <int Bpp>
void unfilterRows(PngUnfilterCode code, u8 filter, int count, const u8* const* lines, const u8* prior,
                  u8* const* out, std::size_t n) {
    const u8* in[kPaethRows];
    for (int r = 0; r < count; ++r) in[r] = lines[r] + 1;
    switch (filter) {
    case 1: return unfilterSub<Bpp>(code, in[0], out[0], n);
    case 2: return unfilterUp(in[0], prior, out[0], n);
    case 3: return unfilterAverage<Bpp>(code, in[0], prior, out[0], n);
    case 4:
        switch (count) {
        case 1: return unfilterPaeth<Bpp, 1>(code, in, prior, out, n);
        case 2: return unfilterPaeth<Bpp, 2>(code, in, prior, out, n);
        case 3: return unfilterPaeth<Bpp, 3>(code, in, prior, out, n);
        default: return unfilterPaeth<Bpp, 4>(code, in, prior, out, n);
        }
    default: return;  // 0, none: the caller reads the filtered row itself
    }
}

Result<FastPng> decode(const std::uint8_t* data, std::size_t size, const std::string& name, int maxDimension,
                       PngRowVisitor rows) {
    Parsed png;
    std::string problem;
    switch (parseChunks(data, size, maxDimension, png, problem)) {
    case Verdict::NotHandled: return FastPng::NotHandled;
    case Verdict::Corrupt: return makeError(name + ": " + problem);
    case Verdict::Handled: break;
    }

    Scratch& scratch = t_scratch;
    if (!scratch.inflater && !(scratch.inflater = libdeflate_alloc_decompressor()))
        return makeError(name + ": out of memory creating PNG decoder");
    const PngLayout layout = png.layout;
    const std::string dims = std::to_string(layout.width) + "x" + std::to_string(layout.height);
    const std::size_t rowBytes = std::size_t(layout.width) * std::size_t(layout.channels);
    const std::size_t stride = rowBytes + 1;  // filter byte + pixels
    constexpr std::size_t kRing = kPaethRows + 1;
    if (stride > (std::size_t(1) << 40) / (std::size_t(layout.height) + kRing + 2))
        return makeError(name + ": image is " + dims + ", too large to decode");
    const std::size_t filteredBytes = stride * std::size_t(layout.height);
    // DEFLATE expands at most 1032 times: refuse a claimed size the data cannot fill before
    // allocating for it.
    if (filteredBytes > png.idatBytes * 1032 + 64)
        return makeError(name + ": corrupt PNG data (not enough image data)");
    // The filtered rows, then rows for the pixels: one of zeros (above the first row) and a ring
    // of kPaethRows + 1 (the rows being unfiltered and the one above them). All padded.
    const std::size_t slot = rowBytes + kPadding;
    const std::size_t bufferBytes = filteredBytes + kPadding + (kRing + 1) * slot;
    u8* const filtered = Scratch::reserve(scratch.raw, scratch.rawCapacity, bufferBytes);
    if (!filtered) return makeError(name + ": out of memory for a " + dims + " image");
    u8* const zeros = filtered + filteredBytes + kPadding;
    u8* const ring = zeros + slot;
    std::memset(filtered + filteredBytes, 0, kPadding + (kRing + 1) * slot);

    const u8* zlib = png.idat;
    if (png.idatChunks > 1) {  // the zlib stream is split over chunks: join the pieces
        u8* joined = Scratch::reserve(scratch.idat, scratch.idatCapacity, png.idatBytes);
        if (!joined) return makeError(name + ": out of memory for the compressed image data");
        std::size_t pos = png.firstIdatChunk, filled = 0;
        for (std::size_t k = 0; k < png.idatChunks; ++k) {
            const std::size_t length = be32(data + pos);
            std::memcpy(joined + filled, data + pos + 8, length);
            filled += length;
            pos += length + 12;
        }
        zlib = joined;
    }
    switch (libdeflate_zlib_decompress(scratch.inflater, zlib, png.idatBytes, filtered, filteredBytes, nullptr)) {
    case LIBDEFLATE_SUCCESS: break;
    case LIBDEFLATE_SHORT_OUTPUT: return makeError(name + ": corrupt PNG data (not enough image data)");
    case LIBDEFLATE_INSUFFICIENT_SPACE: return makeError(name + ": corrupt PNG data (too much image data)");
    default: return makeError(name + ": corrupt PNG data (bad compressed image data)");
    }
    auto line = [&](int y) { return filtered + stride * std::size_t(y); };
    for (int y = 0; y < layout.height; ++y)
        if (const u8 filter = line(y)[0]; filter > 4)
            return makeError(name + ": corrupt PNG data (bad filter type " + std::to_string(filter) + " in row " +
                             std::to_string(y) + ")");

    const PngUnfilterCode code = unfilterCode().load(std::memory_order_relaxed);
    const u8* prior = zeros;
    for (int y = 0; y < layout.height;) {
        const u8 filter = line(y)[0];
        int count = 1;
        if (filter == 4)
            while (count < kPaethRows && y + count < layout.height && line(y + count)[0] == 4) ++count;
        const u8* lines[kPaethRows];
        u8* out[kPaethRows];
        for (int r = 0; r < count; ++r) {
            lines[r] = line(y + r);
            out[r] = ring + slot * (std::size_t(y + r) % kRing);
        }
        if (layout.channels == 3)
            unfilterRows<3>(code, filter, count, lines, prior, out, rowBytes);
        else
            unfilterRows<4>(code, filter, count, lines, prior, out, rowBytes);
        for (int r = 0; r < count; ++r) {
            prior = filter == 0 ? lines[r] + 1 : out[r];
            rows(layout, y + r, prior);
        }
        y += count;
    }
    return FastPng::Decoded;
}

}  // namespace

PngUnfilterCode pngUnfilterCode() { return unfilterCode().load(std::memory_order_relaxed); }

PngUnfilterCode setPngUnfilterCode(PngUnfilterCode code) {
    const PngUnfilterCode best = bestCode();
    if (int(code) > int(best)) code = best;
    unfilterCode().store(code, std::memory_order_relaxed);
    return code;
}

Result<FastPng> decodePngRowsFast(const std::uint8_t* data, std::size_t size, const std::string& name,
                                  int maxDimension, PngRowVisitor rows) {
    if (!data && size > 0) return makeError(name + ": no data");
    auto result = decode(data, size, name, maxDimension, rows);
    t_scratch.trim();
    return result;
}

}  // namespace plateau
