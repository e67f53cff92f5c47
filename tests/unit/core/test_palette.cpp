// Colour-blind-safe colours: the simulation and colour differences (core/palette.h), and the
// colours the program draws with: category palette, deposit commodities, the terrain's ramp.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/deposit_style.h"
#include "core/palette.h"

using namespace plateau;

namespace {

// How far apart two category colours must stay. CIEDE2000 of 2.3 is "just noticeable" side by
// side; markers a dozen pixels wide, apart on terrain, need far more: 10 is the usual floor for
// categorical map colours (cf. Brewer's ColorBrewer checks, and Glasbey et al. 2007 use ~ 10-20).
constexpr double kCategoryMinDeltaE = 10.0;

Rgb rgb(const Colour& c) { return {c[0], c[1], c[2]}; }

const char* name(ColourVision v) {
    switch (v) {
        case ColourVision::Normal: return "normal vision";
        case ColourVision::Protanopia: return "protanopia";
        case ColourVision::Deuteranopia: return "deuteranopia";
        case ColourVision::Tritanopia: return "tritanopia";
    }
    return "?";
}

}  // namespace

TEST_CASE("CIEDE2000 matches Sharma, Wu and Dalal's test data", "[palette]") {
    // Sharma, Wu & Dalal (2005), Color Res. Appl. 30(1), table 1: pairs 1, 7, 17, 25 and 34.
    CHECK(deltaE2000({50.0, 2.6772, -79.7751}, {50.0, 0.0, -82.7485}) == Approx(2.0425).margin(1e-4));
    CHECK(deltaE2000({50.0, 0.0, 0.0}, {50.0, -1.0, 2.0}) == Approx(2.3669).margin(1e-4));
    CHECK(deltaE2000({50.0, 2.5, 0.0}, {73.0, 25.0, -18.0}) == Approx(27.1492).margin(1e-4));
    CHECK(deltaE2000({60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}) == Approx(1.2644).margin(1e-4));
    CHECK(deltaE2000({2.0776, 0.0795, -1.1350}, {0.9033, -0.0636, -0.5514}) == Approx(0.9082).margin(1e-4));
    CHECK(deltaE76({50, 0, 0}, {53, 4, 0}) == Approx(5.0));
}

TEST_CASE("Lab and the dichromat simulation behave as their definitions say", "[palette]") {
    const Lab white = toLab({1, 1, 1}), black = toLab({0, 0, 0}), grey = toLab({0.5, 0.5, 0.5});
    CHECK(white.L == Approx(100.0).margin(1e-3));
    CHECK(std::abs(white.a) < 1e-3);
    CHECK(std::abs(white.b) < 1e-3);
    CHECK(black.L == Approx(0.0).margin(1e-9));
    CHECK(grey.L == Approx(53.39).margin(0.01));  // sRGB 128 is L* 53.6; 127.5 is 53.39
    const Lab red = toLab({1, 0, 0});
    CHECK(red.L == Approx(53.24).margin(0.01));
    CHECK(red.a == Approx(80.09).margin(0.02));
    CHECK(red.b == Approx(67.20).margin(0.02));
    for (const ColourVision v : {ColourVision::Protanopia, ColourVision::Deuteranopia, ColourVision::Tritanopia}) {
        // Neutral greys are seen unchanged (each matrix row sums to 1).
        const Rgb g = simulateColourVision({0.4, 0.4, 0.4}, v);
        for (const double c : g) CHECK(c == Approx(0.4).margin(2e-3));
    }
    // Red and green, distinct to normal vision, nearly merge for a deuteranope.
    const Rgb red1{0.80, 0.25, 0.20}, green1{0.45, 0.55, 0.20};
    CHECK(perceivedDifference(red1, green1, ColourVision::Normal) > 30.0);
    CHECK(perceivedDifference(red1, green1, ColourVision::Deuteranopia) < 12.0);
    CHECK(simulateColourVision(red1, ColourVision::Normal) == red1);
}

TEST_CASE("Category colours stay distinct for normal, deutan and protan vision", "[palette]") {
    std::vector<Rgb> categories;
    for (std::size_t i = 0; i < 7; ++i) categories.push_back(categoryColour(i));
    CHECK(categoryColour(7) == categoryColour(0));
    for (const ColourVision v : {ColourVision::Normal, ColourVision::Deuteranopia, ColourVision::Protanopia}) {
        const PairDifference d = closestPair(categories, v);
        INFO(name(v) << ": closest pair " << d.first << ", " << d.second << " at " << d.deltaE);
        CHECK(d.deltaE > kCategoryMinDeltaE);
    }
}

TEST_CASE("Deposit commodity colours stay distinct for colour-blind viewers", "[palette]") {
    const DepositStyle style;
    std::vector<Rgb> colours;
    for (const auto& [symbol, colour] : style.commodityColours) colours.push_back(rgb(colour));
    colours.push_back(rgb(style.missingColour));
    for (const ColourVision v : {ColourVision::Normal, ColourVision::Deuteranopia, ColourVision::Protanopia}) {
        const PairDifference d = closestPair(colours, v);
        INFO(name(v) << ": closest pair " << d.first << ", " << d.second << " at " << d.deltaE);
        CHECK(d.deltaE > kCategoryMinDeltaE);
    }
    // The grade ramp reads as a lightness ramp: from light (low grade) to dark (high grade).
    Deposit d;
    DepositStyle grade;
    grade.colourBy = DepositStyle::ColourBy::Grade;
    for (const ColourVision v : {ColourVision::Normal, ColourVision::Deuteranopia, ColourVision::Protanopia}) {
        double last = 101.0;
        for (double g = grade.gradeRange.first; g <= grade.gradeRange.second + 1e-9; g += 0.05) {
            d.copperPct = g;
            const double L = toLab(simulateColourVision(rgb(depositMarkerColour(grade, d)), v)).L;
            INFO(name(v) << " at " << g << " % Cu: L* " << L);
            CHECK(L < last - 1.0);
            last = L;
        }
    }
}

TEST_CASE("The terrain's colour ramp rises in lightness with height", "[palette]") {
    const std::vector<RampStop>& ramp = reliefRampStops();
    REQUIRE(ramp.size() >= 5);
    for (std::size_t i = 1; i < ramp.size(); ++i) CHECK(ramp[i].height_m > ramp[i - 1].height_m);
    CHECK(reliefRampColour(ramp[2].height_m) == ramp[2].colour);
    CHECK(reliefRampColour(-5000.0) == ramp.front().colour);
    CHECK(reliefRampColour(9000.0) == ramp.back().colour);
    const Rgb mid = reliefRampColour(0.5 * (ramp[3].height_m + ramp[4].height_m));
    for (std::size_t k = 0; k < 3; ++k) CHECK(mid[k] == Approx(0.5 * (ramp[3].colour[k] + ramp[4].colour[k])));
    // Every 50 m from the lowest stop to above the highest, as the shader blends it; lightness
    // must rise for each kind of vision (a dichromat reads heights from lightness alone).
    for (const ColourVision v : {ColourVision::Normal, ColourVision::Deuteranopia, ColourVision::Protanopia}) {
        double last = -1.0;
        for (double h = ramp.front().height_m; h <= ramp.back().height_m; h += 50.0) {
            const double L = toLab(simulateColourVision(reliefRampColour(h), v)).L;
            INFO(name(v) << " at " << h << " m: L* " << L << " after " << last);
            CHECK(L > last);
            last = L;
        }
        // And the ends are far apart: the whole ramp spans a wide lightness range.
        const double span = toLab(simulateColourVision(ramp.back().colour, v)).L - toLab(simulateColourVision(ramp.front().colour, v)).L;
        CHECK(span > 25.0);
    }
    // Neighbouring stops differ enough to be told apart for a deuteranope.
    for (std::size_t i = 1; i < ramp.size(); ++i) {
        INFO("stops " << i - 1 << " and " << i);
        CHECK(perceivedDifference(ramp[i - 1].colour, ramp[i].colour, ColourVision::Deuteranopia) > 3.0);
    }
}
