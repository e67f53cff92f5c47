#include <catch2/catch.hpp>

#include <chrono>
#include <random>

#include "io/atomic_file.h"
#include "io/png_codec.h"
#include "io_test_helpers.h"

using namespace plateau;
using plateau::test::buildPng;

namespace {

Image8 randomImage(int w, int h, int channels, unsigned seed) {
    Image8 img{w, h, channels, std::vector<std::uint8_t>(std::size_t(w) * std::size_t(h) * std::size_t(channels))};
    std::mt19937 rng(seed);
    for (auto& p : img.pixels) p = std::uint8_t(rng() & 255u);
    return img;
}

std::vector<std::uint8_t> encodeOrFail(const Image8& img, int level = 6) {
    auto png = encodePng(img, level);
    REQUIRE(png.ok());
    return *png;
}

}  // namespace

TEST_CASE("PNG round trip keeps RGB and RGBA pixels exactly", "[png]") {
    for (const int channels : {3, 4})
        for (const int level : {1, 6}) {
            const Image8 img = randomImage(37, 19, channels, unsigned(channels * 10 + level));
            const auto png = encodeOrFail(img, level);
            auto back = decodePng(png.data(), png.size(), "roundtrip.png");
            REQUIRE(back.ok());
            CHECK(back->width == 37);
            CHECK(back->height == 19);
            CHECK(back->channels == channels);
            CHECK(back->pixels == img.pixels);
        }
}

TEST_CASE("PNG gray images decode to RGB", "[png]") {
    Image8 gray{4, 2, 1, {0, 50, 100, 150, 200, 250, 7, 8}};
    const auto png = encodeOrFail(gray);
    auto rgb = decodePng(png.data(), png.size(), "gray.png");
    REQUIRE(rgb.ok());
    REQUIRE(rgb->channels == 3);
    for (std::size_t i = 0; i < gray.pixels.size(); ++i) {
        CHECK(rgb->pixels[i * 3] == gray.pixels[i]);
        CHECK(rgb->pixels[i * 3 + 1] == gray.pixels[i]);
        CHECK(rgb->pixels[i * 3 + 2] == gray.pixels[i]);
    }
}

TEST_CASE("PNG 16-bit, palette and gray+alpha images convert to 8-bit RGB(A)", "[png]") {
    SECTION("16-bit gray is scaled to 8 bits") {
        const auto png = buildPng(2, 1, 16, 0, {{0xff, 0xff, 0x80, 0x00}});
        auto img = decodePng(png.data(), png.size(), "gray16.png");
        REQUIRE(img.ok());
        REQUIRE(img->channels == 3);
        CHECK(img->pixels == std::vector<std::uint8_t>{255, 255, 255, 128, 128, 128});
    }
    SECTION("16-bit RGB") {
        const auto png = buildPng(1, 1, 16, 2, {{0x12, 0x34, 0xab, 0xcd, 0x00, 0x10}});
        auto img = decodePng(png.data(), png.size(), "rgb16.png");
        REQUIRE(img.ok());
        REQUIRE(img->channels == 3);
        CHECK(img->pixels[0] == 0x12);
        CHECK(img->pixels[1] == 0xab);
        CHECK(img->pixels[2] == 0x00);
    }
    SECTION("palette") {
        const auto png = buildPng(3, 1, 8, 3, {{2, 0, 1}}, {10, 20, 30, 40, 50, 60, 70, 80, 90});
        auto img = decodePng(png.data(), png.size(), "palette.png");
        REQUIRE(img.ok());
        REQUIRE(img->channels == 3);
        CHECK(img->pixels == std::vector<std::uint8_t>{70, 80, 90, 10, 20, 30, 40, 50, 60});
    }
    SECTION("gray+alpha becomes RGBA") {
        const auto png = buildPng(1, 1, 8, 4, {{77, 200}});
        auto img = decodePng(png.data(), png.size(), "ga.png");
        REQUIRE(img.ok());
        REQUIRE(img->channels == 4);
        CHECK(img->pixels == std::vector<std::uint8_t>{77, 77, 77, 200});
    }
}

TEST_CASE("PNG decoding fails cleanly on bad input, naming the file", "[png]") {
    const auto good = encodeOrFail(randomImage(64, 64, 3, 7));
    const std::string name = "tiles/12/3090/1703.png";

    SECTION("zero-length file") {
        auto r = decodePng(nullptr, 0, name);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == name + ": empty file, not a PNG");
    }
    SECTION("not a PNG") {
        const std::string text = "<html>404 not found</html>";
        auto r = decodePng(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), name);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == name + ": not a PNG file");
    }
    SECTION("truncated at several points") {
        for (const std::size_t keep : {std::size_t(5), std::size_t(20), std::size_t(40), good.size() / 2, good.size() - 5}) {
            auto r = decodePng(good.data(), keep, name);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().message == name + ": truncated PNG data");
        }
    }
    SECTION("corrupted bytes") {
        int failures = 0;
        std::mt19937 rng(3);
        for (int trial = 0; trial < 50; ++trial) {
            auto bad = good;
            for (int k = 0; k < 8; ++k) bad[8 + rng() % (bad.size() - 8)] ^= std::uint8_t(1u + rng() % 255u);
            auto r = decodePng(bad.data(), bad.size(), name);
            if (!r.ok()) {
                ++failures;
                CHECK(r.error().message.rfind(name + ": ", 0) == 0);
                CHECK(r.error().message.find('\n') == std::string::npos);
            }
        }
        CHECK(failures == 50);  // CRCs catch every flipped byte
    }
    SECTION("a header claiming a huge image is refused before allocating") {
        const auto png = buildPng(100000, 100000, 8, 2, {});
        const auto start = std::chrono::steady_clock::now();
        auto r = decodePng(png.data(), png.size(), name);
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == name + ": image is 100000x100000, larger than 4096");
        CHECK(ms < 100.0);
    }
    SECTION("a size below the limit but with missing pixel data is truncated, not a crash") {
        const auto png = buildPng(4000, 4000, 8, 2, {});  // no IDAT at all
        auto r = decodePng(png.data(), png.size(), name);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.rfind(name + ": ", 0) == 0);
    }
    SECTION("the limit is configurable") {
        auto r = decodePng(good.data(), good.size(), name, 32);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == name + ": image is 64x64, larger than 32");
    }
}

TEST_CASE("PNG files are read from disk with path-named errors", "[png]") {
    plateau::test::TempDir dir("png");
    const Image8 img = randomImage(8, 8, 3, 11);
    const auto file = dir.path() / "a.png";
    REQUIRE(writeFileAtomic(file, encodeOrFail(img)).ok());
    auto back = readPngFile(file);
    REQUIRE(back.ok());
    CHECK(back->pixels == img.pixels);

    auto missing = readPngFile(dir.path() / "nope.png");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == (dir.path() / "nope.png").string() + ": file not found");
}

TEST_CASE("encodePng rejects inconsistent images", "[png]") {
    CHECK_FALSE(encodePng(Image8{0, 4, 3, {}}).ok());
    CHECK_FALSE(encodePng(Image8{2, 2, 3, std::vector<std::uint8_t>(11)}).ok());
    CHECK_FALSE(encodePng(Image8{2, 2, 5, std::vector<std::uint8_t>(20)}).ok());
}

TEST_CASE("writeFileAtomic replaces whole files and leaves no temporaries", "[io]") {
    plateau::test::TempDir dir("atomic");
    const auto file = dir.path() / "data.bin";
    REQUIRE(writeFileAtomic(file, std::vector<std::uint8_t>{1, 2, 3}).ok());
    REQUIRE(writeFileAtomic(file, std::string("hello")).ok());
    auto bytes = readFileBytes(file);
    REQUIRE(bytes.ok());
    CHECK(std::string(bytes->begin(), bytes->end()) == "hello");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 1);

    auto bad = writeFileAtomic(dir.path() / "no-such-folder" / "x.bin", std::string("x"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("no-such-folder") != std::string::npos);
    auto dirRead = readFileBytes(dir.path());
    REQUIRE_FALSE(dirRead.ok());
    CHECK(dirRead.error().message.find("is a folder") != std::string::npos);
}
