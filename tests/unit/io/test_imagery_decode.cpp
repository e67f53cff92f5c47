// Imagery tile decoding on its own: every colour layout of JPEG, and damaged bytes of every
// length, which must give errors (never a crash, never a half-grey tile taken for a good one).
#include <catch2/catch.hpp>

#include <random>

#include "imagery_test_helpers.h"
#include "io/imagery_decode.h"

using namespace plateau;
using Rgba = std::array<std::uint8_t, 4>;

namespace {

Image8 gradient(int size, int channels) {
    return plateau::test::makeImage(size, size, channels, [](int x, int y) {
        return Rgba{std::uint8_t(x), std::uint8_t(y), std::uint8_t((x + y) / 2), 255};
    });
}

}  // namespace

TEST_CASE("greyscale and colour JPEGs decode to RGBA close to what was encoded", "[imagery][decode]") {
    for (const int channels : {1, 3}) {
        const auto jpg = plateau::test::encodeJpeg(gradient(256, channels), 95);
        const auto raw = decodeJpeg(jpg.data(), jpg.size(), "g.jpg");
        REQUIRE(raw.ok());
        CHECK(raw->channels == channels);
        auto img = decodeImageryTile(jpg.data(), jpg.size(), {4, 3, 2}, "g.jpg");
        INFO(channels << " channels: " << (img.ok() ? std::string() : img.error().message));
        REQUIRE(img.ok());
        for (const auto& [x, y] : {std::pair{10, 200}, std::pair{128, 128}, std::pair{250, 5}}) {
            const std::uint8_t* p = img->pixel(x, y);
            CHECK(std::abs(int(p[0]) - x) <= 6);
            if (channels == 3) CHECK(std::abs(int(p[1]) - y) <= 6);
            else CHECK(p[1] == p[0]);
            CHECK(p[3] == 255);
        }
    }
}

TEST_CASE("every truncation of a JPEG or PNG tile is an error naming the tile", "[imagery][decode]") {
    const auto jpg = plateau::test::encodeJpeg(gradient(256, 3), 90);
    const auto png = plateau::test::pngOf(gradient(256, 3));
    for (const auto* bytes : {&jpg, &png}) {
        REQUIRE(decodeImageryTile(bytes->data(), bytes->size(), {0, 0, 0}, "t").ok());
        int failures = 0, cases = 0;
        for (std::size_t n = 0; n < bytes->size(); n += 1 + n / 16) {
            auto r = decodeImageryTile(bytes->data(), n, {0, 0, 0}, "https://h/0/0/0.png");
            ++cases;
            if (!r.ok()) {
                ++failures;
                CHECK(r.error().message.rfind("https://h/0/0/0.png: ", 0) == 0);
                CHECK(r.error().message.find('\n') == std::string::npos);
            }
        }
        CHECK(failures == cases);
    }
}

TEST_CASE("corrupted JPEG and PNG bytes never crash the decoders", "[imagery][decode]") {
    const auto jpg = plateau::test::encodeJpeg(gradient(256, 3), 90);
    const auto png = plateau::test::pngOf(gradient(256, 3));
    std::mt19937 rng(7);
    int errors = 0;
    for (const auto* original : {&jpg, &png})
        for (int k = 0; k < 300; ++k) {
            auto bytes = *original;
            std::uniform_int_distribution<std::size_t> at(0, bytes.size() - 1);
            for (int flips = 0; flips < 1 + k % 8; ++flips) bytes[at(rng)] ^= std::uint8_t(1u << (k % 8));
            auto r = decodeImageryTile(bytes.data(), bytes.size(), {0, 0, 0}, "t");
            if (r.ok()) CHECK(r->rgba.size() == std::size_t(kOverlayTileSize) * kOverlayTileSize * 4);
            else ++errors;
        }
    CHECK(errors > 0);  // CRCs and libjpeg's checks catch much of it
}
