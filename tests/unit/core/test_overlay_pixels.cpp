#include <catch2/catch.hpp>

#include <vector>

#include "core/overlay_pixels.h"

using namespace plateau;

TEST_CASE("overlay pixels: 256-px RGB, grey and grey + alpha copy through as RGBA", "[overlay]") {
    std::vector<std::uint8_t> rgb(256 * 256 * 3), grey(256 * 256), ga(256 * 256 * 2);
    for (std::size_t t = 0; t < 256 * 256; ++t) {
        rgb[t * 3] = std::uint8_t(t % 256), rgb[t * 3 + 1] = 7, rgb[t * 3 + 2] = std::uint8_t(t / 256);
        grey[t] = std::uint8_t(t / 256);
        ga[t * 2] = 50, ga[t * 2 + 1] = std::uint8_t(t % 256 < 128 ? 0 : 255);
    }
    const OverlayImage a = toOverlayImage({3, 1, 2}, 256, 256, 3, rgb.data());
    CHECK(a.id == TileId{3, 1, 2});
    CHECK((a.pixel(9, 200)[0] == 9 && a.pixel(9, 200)[1] == 7 && a.pixel(9, 200)[2] == 200 && a.pixel(9, 200)[3] == 255));
    CHECK_FALSE(a.transparent);
    const OverlayImage g = toOverlayImage({3, 1, 2}, 256, 256, 1, grey.data());
    CHECK((g.pixel(0, 33)[0] == 33 && g.pixel(0, 33)[2] == 33 && g.pixel(0, 33)[3] == 255));
    const OverlayImage h = toOverlayImage({3, 1, 2}, 256, 256, 2, ga.data());
    CHECK(h.pixel(10, 0)[3] == 0);
    CHECK((h.pixel(200, 0)[0] == 50 && h.pixel(200, 0)[3] == 255));
}

TEST_CASE("overlay pixels: 512-px tiles average, transparent texels do not darken", "[overlay]") {
    std::vector<std::uint8_t> px(512 * 512 * 4, 0);
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x) {
            std::uint8_t* p = px.data() + (y * 512 + x) * 4;
            if (x % 2) p[0] = 200, p[3] = 255;  // odd columns: opaque red; even: transparent black
        }
    const OverlayImage img = toOverlayImage({0, 0, 0}, 512, 512, 4, px.data());
    const std::uint8_t* p = img.pixel(77, 77);
    CHECK((p[0] == 200 && p[1] == 0 && p[2] == 0 && p[3] == 128));

    std::vector<std::uint8_t> clear(512 * 512 * 4, 0);
    CHECK(toOverlayImage({0, 0, 0}, 512, 512, 4, clear.data()).transparent);
}

TEST_CASE("overlay pixels: smaller tiles are magnified bilinearly, bad layouts are transparent", "[overlay]") {
    // 2 x 1: black then white; the 256 output texels ramp between them.
    const std::uint8_t two[] = {0, 255};
    const OverlayImage img = toOverlayImage({0, 0, 0}, 2, 1, 1, two);
    CHECK(img.pixel(0, 0)[0] == 0);
    CHECK(img.pixel(255, 100)[0] == 255);
    CHECK(int(img.pixel(128, 0)[0]) == Approx(128).margin(2));
    CHECK(img.pixel(60, 0)[0] < img.pixel(70, 0)[0]);
    CHECK(toOverlayImage({0, 0, 0}, 0, 0, 3, two).transparent);
    CHECK(toOverlayImage({0, 0, 0}, 2, 1, 5, two).transparent);
}
