#pragma once
// Colours that colour-blind viewers can tell apart, and the measures that check it.
//
// - A category palette: Okabe & Ito (2008), "Color Universal Design", eight colours chosen to stay
//   distinct for protan, deutan and tritan viewers.
// - Colour-vision deficiency simulation: Machado, Oliveira & Fernandes (2009), full severity
//   (dichromacy), applied in linear RGB as the paper does.
// - Colour differences: CIELAB (D65) with CIE76 (Euclidean) and CIEDE2000 (Sharma, Wu & Dalal
//   2005), the latter closer to what people see (blues and greys are not over-counted).
// One unit of ΔE is about the smallest difference one can see side by side; the tests ask for far
// more (see tests/unit/core/test_palette.cpp), since markers are small and seen over terrain.
#include <array>
#include <cstddef>
#include <vector>

namespace plateau {

using Rgb = std::array<double, 3>;  // sRGB, 0..1 (gamma encoded, as stored and displayed)

struct Lab {
    double L = 0, a = 0, b = 0;
};

enum class ColourVision { Normal, Protanopia, Deuteranopia, Tritanopia };

double srgbToLinear(double c);
double linearToSrgb(double c);
// The colour as a dichromat sees it, in sRGB (clamped to the gamut). Normal returns it unchanged.
Rgb simulateColourVision(const Rgb& srgb, ColourVision vision);
// CIELAB under D65 (the sRGB white point).
Lab toLab(const Rgb& srgb);
double deltaE76(const Lab& x, const Lab& y);
double deltaE2000(const Lab& x, const Lab& y);
// CIEDE2000 between two colours as a viewer with `vision` sees them.
double perceivedDifference(const Rgb& x, const Rgb& y, ColourVision vision);

// Okabe-Ito: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
const std::array<Rgb, 8>& okabeIto();
// Category colours for layers without their own: Okabe-Ito without black (lost on dark terrain
// and on the panel), cycling after seven.
Rgb categoryColour(std::size_t index);

// The terrain's hypsometric ramp as the shader has it (shaders/include/relief_ramp.h): stops in
// rising height, blended linearly between them; for legends and checks.
struct RampStop {
    double height_m = 0;
    Rgb colour{};
};
const std::vector<RampStop>& reliefRampStops();
// The ramp's colour at a height, blended as the shader does (clamped at the ends).
Rgb reliefRampColour(double height_m);

// The smallest CIEDE2000 between any two colours of the list, as `vision` sees them (infinity for
// fewer than two colours), with the pair that gives it.
struct PairDifference {
    double deltaE = 0;
    std::size_t first = 0, second = 0;
};
PairDifference closestPair(const std::vector<Rgb>& colours, ColourVision vision);

}  // namespace plateau
