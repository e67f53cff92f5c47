#pragma once
// Helpers for io tests: self-removing temp folders and hand-built PNG files (any bit depth or
// colour type, or deliberately lying headers) without needing libpng or zlib in the test.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace plateau::test {

class TempDir {
public:
    explicit TempDir(const std::string& name) {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("plateau-test-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                 std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::uint32_t crc32(const std::uint8_t* p, std::size_t n, std::uint32_t crc = 0) {
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void putBE32(std::vector<std::uint8_t>& v, std::uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(std::uint8_t(x >> s));
}

inline void putChunk(std::vector<std::uint8_t>& png, const char* type, const std::vector<std::uint8_t>& data) {
    putBE32(png, std::uint32_t(data.size()));
    const std::size_t start = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    putBE32(png, crc32(png.data() + start, png.size() - start));
}

// zlib stream made of stored (uncompressed) deflate blocks.
inline std::vector<std::uint8_t> zlibStored(const std::vector<std::uint8_t>& raw) {
    std::vector<std::uint8_t> z = {0x78, 0x01};
    std::size_t pos = 0;
    do {
        const std::size_t n = std::min<std::size_t>(raw.size() - pos, 65535);
        z.push_back(pos + n == raw.size() ? 1 : 0);
        z.push_back(std::uint8_t(n & 255));
        z.push_back(std::uint8_t(n >> 8));
        z.push_back(std::uint8_t(~n & 255));
        z.push_back(std::uint8_t((~n >> 8) & 255));
        z.insert(z.end(), raw.begin() + std::ptrdiff_t(pos), raw.begin() + std::ptrdiff_t(pos + n));
        pos += n;
    } while (pos < raw.size());
    std::uint32_t a = 1, b = 0;
    for (const std::uint8_t c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    putBE32(z, (b << 16) | a);
    return z;
}

// A PNG with the given IHDR fields. `rows` holds the unfiltered scanlines (filter byte 0 is added);
// `palette` (RGB triples) is written as PLTE when not empty.
inline std::vector<std::uint8_t> buildPng(std::uint32_t width, std::uint32_t height, int bitDepth, int colorType,
                                          const std::vector<std::vector<std::uint8_t>>& rows,
                                          const std::vector<std::uint8_t>& palette = {}) {
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> ihdr;
    putBE32(ihdr, width);
    putBE32(ihdr, height);
    ihdr.insert(ihdr.end(), {std::uint8_t(bitDepth), std::uint8_t(colorType), 0, 0, 0});
    putChunk(png, "IHDR", ihdr);
    if (!palette.empty()) putChunk(png, "PLTE", palette);
    if (!rows.empty()) {
        std::vector<std::uint8_t> raw;
        for (const auto& r : rows) {
            raw.push_back(0);
            raw.insert(raw.end(), r.begin(), r.end());
        }
        putChunk(png, "IDAT", zlibStored(raw));
    }
    putChunk(png, "IEND", {});
    return png;
}

}  // namespace plateau::test
