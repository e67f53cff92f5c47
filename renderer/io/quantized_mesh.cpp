#include "io/quantized_mesh.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace plateau {
namespace {

constexpr std::size_t kHeaderBytes = 88;
// A real tile is well under a megabyte; anything inflating past this is corrupt or hostile.
constexpr std::size_t kMaxInflated = std::size_t(64) << 20;

enum ExtensionId : std::uint8_t { kOctNormals = 1, kWaterMask = 2, kMetadata = 4 };

Result<std::vector<std::uint8_t>> gunzip(const std::uint8_t* data, std::size_t size, const std::string& name) {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return makeError(name + ": cannot start gzip decompression");
    std::vector<std::uint8_t> out;
    zs.next_in = const_cast<Bytef*>(data);
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(size, UINT32_MAX));
    int rc = Z_OK;
    // Never more room than the limit and one byte: that byte tells a stream of exactly the limit
    // from one past it.
    while (rc == Z_OK && out.size() <= kMaxInflated) {
        const std::size_t old = out.size();
        out.resize(old + std::min(std::max<std::size_t>(size * 4, 64 * 1024), kMaxInflated + 1 - old));
        zs.next_out = out.data() + old;
        zs.avail_out = static_cast<uInt>(out.size() - old);
        rc = inflate(&zs, Z_NO_FLUSH);
        out.resize(out.size() - zs.avail_out);
    }
    inflateEnd(&zs);
    if (out.size() > kMaxInflated)
        return makeError(name + ": gzip data inflates past " + std::to_string(kMaxInflated >> 20) + " MiB");
    if (rc != Z_STREAM_END) return makeError(name + ": corrupt or truncated gzip data");
    return out;
}

// Little-endian reads with a bounds check before every access.
class Reader {
public:
    Reader(const std::uint8_t* p, std::size_t n, const std::string& name) : p_(p), n_(n), name_(name) {}

    std::size_t left() const { return n_ - pos_; }
    std::size_t pos() const { return pos_; }

    Status need(std::uint64_t bytes, const char* where) const {
        if (bytes <= left()) return Ok{};
        return makeError(name_ + ": truncated in " + where + " (needs " + std::to_string(bytes) + " bytes, " +
                         std::to_string(left()) + " left)");
    }
    void skip(std::size_t n) { pos_ += n; }

    std::uint64_t uint(int bytes) {
        std::uint64_t v = 0;
        for (int k = 0; k < bytes; ++k) v |= std::uint64_t(p_[pos_ + std::size_t(k)]) << (8 * k);
        pos_ += std::size_t(bytes);
        return v;
    }
    std::uint32_t u32() { return static_cast<std::uint32_t>(uint(4)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(uint(2)); }
    std::uint8_t u8() { return p_[pos_++]; }
    double f64() {
        const std::uint64_t bits = uint(8);
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    float f32() {
        const auto bits = static_cast<std::uint32_t>(uint(4));
        float f;
        std::memcpy(&f, &bits, sizeof f);
        return f;
    }
    const std::uint8_t* here() const { return p_ + pos_; }

private:
    const std::uint8_t* p_;
    std::size_t n_;
    std::size_t pos_ = 0;
    const std::string& name_;
};

int zigZagDecode(std::uint16_t n) { return (n >> 1) ^ -(n & 1); }

// Reads `count` indices (each below vertexCount) of `width` bytes; the count was checked already.
Status readIndexList(Reader& r, std::uint32_t count, int width, std::size_t vertexCount,
                     std::vector<std::uint32_t>& out, const std::string& name, const char* what) {
    out.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        out[i] = static_cast<std::uint32_t>(r.uint(width));
        if (out[i] >= vertexCount)
            return makeError(name + ": " + what + " index " + std::to_string(out[i]) + " is not below the vertex count " +
                             std::to_string(vertexCount));
    }
    return Ok{};
}

Result<QuantizedMesh> decode(const std::uint8_t* data, std::size_t size, const std::string& name) {
    Reader r(data, size, name);
    QuantizedMesh m;
    if (auto s = r.need(kHeaderBytes, "the header"); !s) return s.error();
    for (double& c : m.center) c = r.f64();
    m.minHeight = r.f32();
    m.maxHeight = r.f32();
    for (double& c : m.boundingSphereCenter) c = r.f64();
    m.boundingSphereRadius = r.f64();
    for (double& c : m.horizonOcclusionPoint) c = r.f64();
    if (!std::isfinite(m.minHeight) || !std::isfinite(m.maxHeight) || m.minHeight > m.maxHeight)
        return makeError(name + ": invalid height range in the header");

    if (auto s = r.need(4, "the vertex count"); !s) return s.error();
    const std::uint32_t vertexCount = r.u32();
    if (vertexCount == 0) return makeError(name + ": no vertices");
    // Checked before allocating: a corrupt count cannot make us reserve gigabytes.
    if (auto s = r.need(std::uint64_t(vertexCount) * 6, "the vertex data"); !s) return s.error();
    for (auto* arr : {&m.u, &m.v, &m.h}) {
        arr->resize(vertexCount);
        int value = 0;
        for (std::uint32_t i = 0; i < vertexCount; ++i) {
            value += zigZagDecode(r.u16());
            if (value < 0 || value > QuantizedMesh::kMaxValue) {
                const char* which = arr == &m.u ? "u" : arr == &m.v ? "v" : "height";
                return makeError(name + ": vertex " + std::to_string(i) + " " + which + " out of range (" +
                                 std::to_string(value) + ")");
            }
            (*arr)[i] = static_cast<std::uint16_t>(value);
        }
    }

    // Indices are 32-bit for large meshes, and then aligned to 4 bytes from the tile's start.
    const int width = vertexCount > 65536 ? 4 : 2;
    if (width == 4 && r.pos() % 4 != 0) {
        if (auto s = r.need(4 - r.pos() % 4, "the index padding"); !s) return s.error();
        r.skip(4 - r.pos() % 4);
    }
    if (auto s = r.need(4, "the triangle count"); !s) return s.error();
    const std::uint32_t triangleCount = r.u32();
    if (auto s = r.need(std::uint64_t(triangleCount) * 3 * std::uint64_t(width), "the index data"); !s) return s.error();
    m.triangles.resize(std::size_t(triangleCount) * 3);
    std::uint32_t highest = 0;  // high-water-mark encoding: each index is highest - code
    for (auto& index : m.triangles) {
        const auto code = static_cast<std::uint32_t>(r.uint(width));
        if (code > highest) return makeError(name + ": corrupt index data (code " + std::to_string(code) + " above the high-water mark)");
        index = highest - code;
        if (index >= vertexCount)
            return makeError(name + ": triangle index " + std::to_string(index) + " is not below the vertex count " +
                             std::to_string(vertexCount));
        if (code == 0) ++highest;
    }

    const char* edgeNames[] = {"west edge", "south edge", "east edge", "north edge"};
    std::vector<std::uint32_t>* edges[] = {&m.westIndices, &m.southIndices, &m.eastIndices, &m.northIndices};
    for (int e = 0; e < 4; ++e) {
        if (auto s = r.need(4, edgeNames[e]); !s) return s.error();
        const std::uint32_t count = r.u32();
        if (auto s = r.need(std::uint64_t(count) * std::uint64_t(width), edgeNames[e]); !s) return s.error();
        if (auto s = readIndexList(r, count, width, vertexCount, *edges[e], name, edgeNames[e]); !s) return s.error();
    }

    // Extensions: (id u8, length u32, bytes). Unknown ones (e.g. future ids) are skipped.
    while (r.left() > 0) {
        if (auto s = r.need(5, "an extension header"); !s) return s.error();
        const std::uint8_t id = r.u8();
        const std::uint32_t length = r.u32();
        if (auto s = r.need(length, "an extension"); !s) return s.error();
        const std::uint8_t* p = r.here();
        if (id == kOctNormals) {
            if (length != std::uint64_t(vertexCount) * 2)
                return makeError(name + ": oct-encoded normals hold " + std::to_string(length) + " bytes for " +
                                 std::to_string(vertexCount) + " vertices");
            m.octNormals.assign(p, p + length);
        } else if (id == kWaterMask) {
            if (length != 1 && length != 256 * 256)
                return makeError(name + ": water mask of " + std::to_string(length) + " bytes (expected 1 or 65536)");
            m.waterMask.assign(p, p + length);
        } else if (id == kMetadata) {
            if (length < 4) return makeError(name + ": metadata extension too short");
            std::uint32_t jsonLength = 0;
            for (int k = 0; k < 4; ++k) jsonLength |= std::uint32_t(p[k]) << (8 * k);
            if (jsonLength > length - 4) return makeError(name + ": metadata extension length mismatch");
            m.metadataJson.assign(reinterpret_cast<const char*>(p + 4), jsonLength);
        }
        r.skip(length);
    }
    return m;
}

float signNotZero(float x) { return x < 0.0f ? -1.0f : 1.0f; }

}  // namespace

std::optional<std::array<float, 3>> QuantizedMesh::normal(std::size_t i) const {
    if (octNormals.size() != vertexCount() * 2 || i >= vertexCount()) return std::nullopt;
    // Oct decoding (Cigolle et al. 2014, as in Cesium's AttributeCompression.octDecode).
    float x = float(octNormals[2 * i]) / 255.0f * 2.0f - 1.0f;
    float y = float(octNormals[2 * i + 1]) / 255.0f * 2.0f - 1.0f;
    const float z = 1.0f - std::abs(x) - std::abs(y);
    if (z < 0.0f) {
        const float ox = x;
        x = (1.0f - std::abs(y)) * signNotZero(ox);
        y = (1.0f - std::abs(ox)) * signNotZero(y);
    }
    const float len = std::sqrt(x * x + y * y + z * z);
    return std::array<float, 3>{x / len, y / len, z / len};
}

Result<QuantizedMesh> decodeQuantizedMesh(const std::uint8_t* data, std::size_t size, const std::string& name) {
    if (data == nullptr || size == 0) return makeError(name + ": empty tile");
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        auto raw = gunzip(data, size, name);
        if (!raw) return raw.error();
        return decode(raw->data(), raw->size(), name);
    }
    return decode(data, size, name);
}

}  // namespace plateau
