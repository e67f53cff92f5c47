// What frames show besides the picture: caption sizes and wrapping, the scale bar, the north
// arrow and the credits (core/caption_layout.h, core/frame_scale.h, core/attributions.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/attributions.h"
#include "core/caption_layout.h"
#include "core/frame_scale.h"
#include "core/text_runs.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

bool isRound(double metres) {
    // 1, 2 or 5 times a power of ten.
    const double decade = std::pow(10.0, std::floor(std::log10(metres) + 1e-9));
    const double lead = metres / decade;
    return std::fabs(lead - 1.0) < 1e-9 || std::fabs(lead - 2.0) < 1e-9 || std::fabs(lead - 5.0) < 1e-9;
}

// Ten pixels per codepoint: wrapping is tested apart from any font.
float tenPerChar(std::string_view s) { return 10.0f * float(decodeUtf8(s).size()); }

}  // namespace

TEST_CASE("caption sizes follow the frame height", "[frame_info]") {
    const CaptionLayout hd = captionLayout(1920, 1080);
    CHECK_THAT(hd.titlePx, WithinAbs(60.0, 1e-3));  // 1/18 of the height
    CHECK(hd.subtitlePx < hd.titlePx);
    CHECK(hd.sourcePx < hd.subtitlePx);
    CHECK(hd.sourcePx >= 20.0f);  // the source line still reads on a projector
    CHECK(hd.wrapWidth <= 1920.0f * 0.6f);
    CHECK(hd.wrapWidth > 1920.0f * 0.4f);
    CHECK(hd.bandBottom < 1080.0f - hd.margin - 4.0f * hd.infoPx);
    CHECK(hd.bandBottom > 1080.0f * 0.75f);  // a lower third
    // The same composition at 720 lines, scaled.
    const CaptionLayout hd720 = captionLayout(1280, 720);
    CHECK_THAT(hd720.titlePx / hd.titlePx, WithinRel(720.0 / 1080.0, 1e-4));
    CHECK_THAT(hd720.wrapWidth / hd.wrapWidth, WithinRel(720.0 / 1080.0, 1e-3));
    // Tiny test frames keep legible floors.
    const CaptionLayout tiny = captionLayout(320, 180);
    CHECK(tiny.titlePx >= 14.0f);
    CHECK(tiny.sourcePx >= 10.0f);
    CHECK(tiny.bandBottom > tiny.titlePx + tiny.subtitlePx + tiny.sourcePx);
    // Presenter mode enlarges, but never beyond an eighth of the frame.
    CHECK_THAT(captionLayout(1920, 1080, 1.5f).titlePx, WithinAbs(90.0, 1e-3));
    CHECK_THAT(captionLayout(1920, 1080, 10.0f).titlePx, WithinAbs(1080.0 / 8.0, 1e-3));
    // A portrait frame wraps across its whole width between the margins.
    const CaptionLayout portrait = captionLayout(1080, 1920);
    CHECK_THAT(portrait.wrapWidth, WithinAbs(1080.0f - 2.0f * portrait.margin - 2.0f * portrait.padding, 1e-3));
}

TEST_CASE("captions wrap at spaces, tsheg and between Hanzi", "[frame_info]") {
    CHECK(wrapText("alpha beta gamma", 100.0f, tenPerChar) == std::vector<std::string>{"alpha beta", "gamma"});
    CHECK(wrapText("short", 100.0f, tenPerChar) == std::vector<std::string>{"short"});
    CHECK(wrapText("one\ntwo", 100.0f, tenPerChar) == std::vector<std::string>{"one", "two"});
    // A word longer than the line is cut between codepoints.
    CHECK(wrapText("abcdefghijkl", 50.0f, tenPerChar) == std::vector<std::string>{"abcde", "fghij", "kl"});
    // Hanzi break anywhere, but a full stop stays with the character before it.
    CHECK(wrapText("青藏高原铜矿。", 40.0f, tenPerChar) == std::vector<std::string>{"青藏高原", "铜矿。"});
    CHECK(wrapText("青藏高原铜矿。", 35.0f, tenPerChar) == std::vector<std::string>{"青藏高", "原铜", "矿。"});
    // Tibetan words end with a tsheg (U+0F0B): lines break after it, never inside a syllable.
    const std::string bod = "བོད་ལྗོངས་ཀྱི་";  // bod ljongs kyi
    CHECK(wrapText(bod, 100.0f, tenPerChar) == std::vector<std::string>{"བོད་ལྗོངས་", "ཀྱི་"});
    CHECK(wrapText(bod, 70.0f, tenPerChar) == std::vector<std::string>{"བོད་", "ལྗོངས་", "ཀྱི་"});
    // Every line fits, nothing is lost but the spaces at breaks.
    const std::string longText = "Qulong: 1,517 Mt at 0.52 % Cu (Singer, Berger & Moring 2008, USGS OFR 2008-1155)";
    std::string joined;
    for (const std::string& l : wrapText(longText, 200.0f, tenPerChar)) {
        CHECK(tenPerChar(l) <= 200.0f);
        joined += (joined.empty() ? "" : " ") + l;
    }
    CHECK(joined == longText);
}

TEST_CASE("scale bar lengths are round and 80 to 200 pixels long", "[frame_info]") {
    CHECK(formatScaleLength(500) == "500 m");
    CHECK(formatScaleLength(1000) == "1 km");
    CHECK(formatScaleLength(20000) == "20 km");
    CHECK(formatScaleLength(1e6) == "1,000 km");
    CHECK_FALSE(scaleBarFor(0.0));
    CHECK_FALSE(scaleBarFor(-1.0));
    CHECK_FALSE(scaleBarFor(std::nan("")));
    for (double mpp = 0.02; mpp < 1e5; mpp *= 1.07) {
        const auto bar = scaleBarFor(mpp);
        INFO("metres per pixel " << mpp);
        REQUIRE(bar);
        CHECK(bar->pixels >= 80.0);
        CHECK(bar->pixels <= 200.0);
        CHECK(isRound(bar->metres));
        CHECK_THAT(bar->pixels * mpp, WithinRel(bar->metres, 1e-9));
        // The longest round length that fits: the next one up does not.
        const double next = bar->metres * (isRound(bar->metres * 2.0) ? 2.0 : 2.5);
        CHECK(next / mpp > 200.0);
    }
    const auto km = scaleBarFor(50.0);  // 50 m a pixel: 5 km is 100 px, 10 km would be 200
    REQUIRE(km);
    CHECK(km->metres == 10000.0);
    CHECK(km->label == "10 km");
}

TEST_CASE("the scale is measured on the ground at the bottom centre", "[frame_info]") {
    // Looking straight down from low heights the ground is nearly flat: one pixel spans
    // 2 h tan(fov/2) / rows metres everywhere in the frame.
    for (const double h : {200.0, 1000.0, 5000.0}) {
        const Camera cam = makeCamera({91.1, 29.6, h, 0, -90, 45}, 1920, 1080);
        const auto mpp = groundMetresPerPixel(cam, 960, 1079);
        REQUIRE(mpp);
        const double expected = 2.0 * h * std::tan(glm::radians(22.5)) / 1080.0;
        CHECK_THAT(*mpp, WithinRel(expected, 0.01));
    }
    // Over a range of heights the bar stays within its bounds and grows with the height.
    double previous = 0.0;
    for (double h = 100.0; h < 2e7; h *= 1.6) {
        const Camera cam = makeCamera({91.1, 29.6, h, 30, -60, 45}, 640, 360);
        const auto mpp = groundMetresPerPixel(cam, 320, 359);
        INFO("height " << h);
        REQUIRE(mpp);
        const auto bar = scaleBarFor(*mpp);
        REQUIRE(bar);
        CHECK(bar->metres >= previous);
        previous = bar->metres;
    }
    // Ground 4,000 m up is nearer than the ellipsoid: fewer metres per pixel.
    const Camera cam = makeCamera({91.1, 29.6, 10000, 0, -90, 45}, 640, 360);
    const GroundHeightFn plateau = [](double, double) { return std::optional<double>(4000.0); };
    const auto onEllipsoid = groundMetresPerPixel(cam, 320, 359);
    const auto onPlateau = groundMetresPerPixel(cam, 320, 359, plateau);
    REQUIRE(onEllipsoid);
    REQUIRE(onPlateau);
    CHECK_THAT(*onPlateau / *onEllipsoid, WithinRel(6000.0 / 10000.0, 0.01));
    // Pixels that show the sky have no scale.
    const Camera up = makeCamera({91.1, 29.6, 10000, 0, 20, 45}, 640, 360);
    CHECK_FALSE(groundMetresPerPixel(up, 320, 10));
}

TEST_CASE("the north arrow points where north is on the screen", "[frame_info]") {
    const auto north = [](double heading, double pitch) {
        const Camera cam = makeCamera({91.1, 29.6, 20000, heading, pitch, 45}, 640, 360);
        return northOnScreen(cam, 319.5, 179.5);  // pixel centres are at +0.5: the exact centre
    };
    const glm::dvec2 h0 = north(0, -45);
    CHECK_THAT(h0.x, WithinAbs(0.0, 1e-6));
    CHECK_THAT(h0.y, WithinAbs(-1.0, 1e-6));  // up
    // A pixel off the centre line sees the meridians converge: nearly, not exactly, up.
    const Camera offCentre = makeCamera({91.1, 29.6, 20000, 0, -45, 45}, 640, 360);
    CHECK(northOnScreen(offCentre, 600, 179.5).x < -1e-4);
    const glm::dvec2 h90 = north(90, -45);
    CHECK_THAT(h90.x, WithinAbs(-1.0, 1e-3));  // looking east, north is to the left
    CHECK_THAT(h90.y, WithinAbs(0.0, 0.05));
    const glm::dvec2 h180 = north(180, -45);
    CHECK_THAT(h180.y, WithinAbs(1.0, 1e-3));
    const glm::dvec2 h270 = north(270, -90);
    CHECK_THAT(h270.x, WithinAbs(1.0, 1e-3));
    // The centre in the sky: the heading alone says where north is.
    const glm::dvec2 sky = north(90, 20);
    CHECK_THAT(sky.x, WithinAbs(-1.0, 1e-9));
    CHECK_THAT(sky.y, WithinAbs(0.0, 1e-9));
    // Across the 180th meridian and near a pole the projection still gives a unit vector.
    const Camera polar = makeCamera({179.9, 84.0, 50000, 45, -60, 45}, 640, 360);
    const glm::dvec2 p = northOnScreen(polar, 320, 180);
    CHECK_THAT(glm::length(p), WithinAbs(1.0, 1e-9));
    CHECK(p.y < 0.0);  // looking north-east, north is still up the screen
}

TEST_CASE("credits of the terrain and the visible layers, each once", "[frame_info]") {
    std::vector<LayerDesc> layers(5);
    layers[0].id = "imagery";
    layers[0].attribution = "Imagery (example)";
    layers[1].id = "rivers";
    layers[1].attribution = "Natural Earth";
    layers[2].id = "lakes";
    layers[2].attribution = " Natural Earth ";  // the same credit, spaced differently
    layers[3].id = "hidden";
    layers[3].attribution = "Hidden layer";
    layers[3].visible = false;
    layers[4].id = "transparent";
    layers[4].attribution = "Transparent layer";
    layers[4].opacity = 0.0;
    CHECK(visibleAttributions("SRTM30 (NASA)", layers) ==
          std::vector<std::string>{"SRTM30 (NASA)", "Imagery (example)", "Natural Earth"});
    // The terrain's credit repeated by a layer shows once; no terrain credit, none shown for it.
    layers[0].attribution = "SRTM30 (NASA)";
    CHECK(visibleAttributions("SRTM30 (NASA)", layers) == std::vector<std::string>{"SRTM30 (NASA)", "Natural Earth"});
    CHECK(visibleAttributions("", {}).empty());
    // A layer without its own credit takes its source's (a TileJSON attribution).
    LayerDesc tiles;
    tiles.id = "tiles";
    const auto fromSource = [](const LayerDesc& l) { return l.id == "tiles" ? std::string("OpenTopoMap") : std::string(); };
    CHECK(visibleAttributions("", {tiles}, fromSource) == std::vector<std::string>{"OpenTopoMap"});
    // A mine layer's legend says what is schematic: it leads the credit.
    LayerDesc mine;
    mine.type = LayerType::Mine;
    mine.legend = "schematic pit outlines";
    mine.attribution = "USGS";
    CHECK(visibleAttributions("", {mine}) == std::vector<std::string>{"schematic pit outlines; USGS"});
}

TEST_CASE("credits keep a line each when they fit, and shorten to their names on small frames", "[frame_info]") {
    const std::vector<std::string> credits = {"SRTM30 (NASA), synthetic detail",
                                              "Natural Earth 10m (public domain); rate: Liu Q. et al. 2015",
                                              "Natural Earth 10m (public domain)", "Deposits: USGS OFR 2008-1155, Singer"};
    // Room enough: every credit whole, each on its own lines.
    const auto roomy = creditLines(credits, 1000.0f, 10, tenPerChar);
    REQUIRE(roomy.size() == credits.size());
    for (std::size_t i = 0; i < credits.size(); ++i) CHECK(roomy[i] == credits[i]);
    // 30 characters a line and three lines: the names, once each, run together.
    const auto small = creditLines(credits, 300.0f, 3, tenPerChar);
    CHECK(small.size() <= 3);
    std::string all;
    for (const std::string& l : small) {
        CHECK(tenPerChar(l) <= 300.0f);
        all += l + " ";
    }
    CHECK(all.find("SRTM30") != std::string::npos);
    CHECK(all.find("Natural Earth 10m") == all.rfind("Natural Earth 10m"));  // once
    CHECK(all.find("Deposits: USGS OFR 2008-1155") != std::string::npos);
    CHECK(all.find("public domain") == std::string::npos);
    // One short line: cut with an ellipsis that fits.
    const auto one = creditLines(credits, 150.0f, 1, tenPerChar);
    REQUIRE(one.size() == 1);
    CHECK(tenPerChar(one[0]) <= 150.0f);
    CHECK(one[0].size() >= 3);
    CHECK(one[0].substr(one[0].size() - 3) == "\u2026");
    CHECK(one[0].rfind("SRTM30", 0) == 0);
    CHECK(creditLines({}, 300.0f, 3, tenPerChar).empty());
}
