#include "core/palette.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "relief_stops.h"

namespace plateau {

namespace {

constexpr double kPi = 3.14159265358979323846;

using Matrix = std::array<std::array<double, 3>, 3>;

// Machado et al. (2009), table of simulation matrices at severity 1.0, for linear RGB.
constexpr Matrix kProtanopia{{{0.152286, 1.052583, -0.204868},
                              {0.114503, 0.786281, 0.099216},
                              {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia{{{0.367322, 0.860646, -0.227968},
                                {0.280085, 0.672501, 0.047413},
                                {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia{{{1.255528, -0.076749, -0.178779},
                              {-0.078411, 0.930809, 0.147602},
                              {0.004733, 0.691367, 0.303900}}};

double labF(double t) {
    constexpr double d = 6.0 / 29.0;
    return t > d * d * d ? std::cbrt(t) : t / (3 * d * d) + 4.0 / 29.0;
}

double degrees(double r) { return r * 180.0 / kPi; }
double radians(double d) { return d * kPi / 180.0; }

}  // namespace

double srgbToLinear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double linearToSrgb(double c) {
    c = std::clamp(c, 0.0, 1.0);
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

Rgb simulateColourVision(const Rgb& srgb, ColourVision vision) {
    const Matrix* m = vision == ColourVision::Protanopia     ? &kProtanopia
                      : vision == ColourVision::Deuteranopia ? &kDeuteranopia
                      : vision == ColourVision::Tritanopia   ? &kTritanopia
                                                             : nullptr;
    if (!m) return srgb;
    const Rgb lin{srgbToLinear(srgb[0]), srgbToLinear(srgb[1]), srgbToLinear(srgb[2])};
    Rgb out{};
    for (std::size_t i = 0; i < 3; ++i)
        out[i] = linearToSrgb((*m)[i][0] * lin[0] + (*m)[i][1] * lin[1] + (*m)[i][2] * lin[2]);
    return out;
}

Lab toLab(const Rgb& srgb) {
    const double r = srgbToLinear(srgb[0]), g = srgbToLinear(srgb[1]), b = srgbToLinear(srgb[2]);
    // sRGB (IEC 61966-2-1) to XYZ, then to Lab relative to the D65 white.
    const double X = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    const double Y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    const double Z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    const double fx = labF(X / 0.95047), fy = labF(Y / 1.0), fz = labF(Z / 1.08883);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

double deltaE76(const Lab& x, const Lab& y) {
    return std::sqrt((x.L - y.L) * (x.L - y.L) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

double deltaE2000(const Lab& x, const Lab& y) {
    // Sharma, Wu & Dalal (2005), equations (1)-(19), with kL = kC = kH = 1.
    const double C1 = std::hypot(x.a, x.b), C2 = std::hypot(y.a, y.b);
    const double Cbar7 = std::pow((C1 + C2) / 2.0, 7.0);
    const double G = 0.5 * (1.0 - std::sqrt(Cbar7 / (Cbar7 + std::pow(25.0, 7.0))));
    const double a1 = (1.0 + G) * x.a, a2 = (1.0 + G) * y.a;
    const double C1p = std::hypot(a1, x.b), C2p = std::hypot(a2, y.b);
    auto hue = [](double b, double a) {
        if (a == 0 && b == 0) return 0.0;
        const double h = degrees(std::atan2(b, a));
        return h < 0 ? h + 360.0 : h;
    };
    const double h1 = hue(x.b, a1), h2 = hue(y.b, a2);
    const double dL = y.L - x.L, dC = C2p - C1p;
    double dh = 0;
    if (C1p * C2p != 0) {
        dh = h2 - h1;
        if (dh > 180) dh -= 360;
        else if (dh < -180) dh += 360;
    }
    const double dH = 2.0 * std::sqrt(C1p * C2p) * std::sin(radians(dh / 2.0));
    const double Lbar = (x.L + y.L) / 2.0, Cbar = (C1p + C2p) / 2.0;
    double hbar = h1 + h2;
    if (C1p * C2p != 0) {
        if (std::abs(h1 - h2) <= 180) hbar = (h1 + h2) / 2.0;
        else hbar = h1 + h2 < 360 ? (h1 + h2 + 360) / 2.0 : (h1 + h2 - 360) / 2.0;
    }
    const double T = 1 - 0.17 * std::cos(radians(hbar - 30)) + 0.24 * std::cos(radians(2 * hbar)) +
                     0.32 * std::cos(radians(3 * hbar + 6)) - 0.20 * std::cos(radians(4 * hbar - 63));
    const double dTheta = 30.0 * std::exp(-std::pow((hbar - 275.0) / 25.0, 2.0));
    const double Cbar7p = std::pow(Cbar, 7.0);
    const double RC = 2.0 * std::sqrt(Cbar7p / (Cbar7p + std::pow(25.0, 7.0)));
    const double SL = 1 + 0.015 * (Lbar - 50) * (Lbar - 50) / std::sqrt(20 + (Lbar - 50) * (Lbar - 50));
    const double SC = 1 + 0.045 * Cbar, SH = 1 + 0.015 * Cbar * T;
    const double RT = -std::sin(radians(2 * dTheta)) * RC;
    const double l = dL / SL, c = dC / SC, h = dH / SH;
    return std::sqrt(l * l + c * c + h * h + RT * c * h);
}

double perceivedDifference(const Rgb& x, const Rgb& y, ColourVision vision) {
    return deltaE2000(toLab(simulateColourVision(x, vision)), toLab(simulateColourVision(y, vision)));
}

const std::array<Rgb, 8>& okabeIto() {
    static const std::array<Rgb, 8> colours = [] {
        constexpr int bytes[8][3] = {{0, 0, 0},     {230, 159, 0},  {86, 180, 233}, {0, 158, 115},
                                     {240, 228, 66}, {0, 114, 178}, {213, 94, 0},   {204, 121, 167}};
        std::array<Rgb, 8> c{};
        for (std::size_t i = 0; i < 8; ++i)
            for (std::size_t k = 0; k < 3; ++k) c[i][k] = bytes[i][k] / 255.0;
        return c;
    }();
    return colours;
}

Rgb categoryColour(std::size_t index) { return okabeIto()[1 + index % 7]; }

const std::vector<RampStop>& reliefRampStops() {
    static const std::vector<RampStop> stops = [] {
        const double heights[] = {PLATEAU_RELIEF_HEIGHTS};
        const double rgb[] = {PLATEAU_RELIEF_COLOURS};
        static_assert(sizeof heights / sizeof heights[0] == PLATEAU_RELIEF_STOPS);
        static_assert(sizeof rgb / sizeof rgb[0] == 3 * PLATEAU_RELIEF_STOPS);
        std::vector<RampStop> r;
        for (std::size_t i = 0; i < PLATEAU_RELIEF_STOPS; ++i) r.push_back({heights[i], {rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]}});
        return r;
    }();
    return stops;
}

Rgb reliefRampColour(double h) {
    const std::vector<RampStop>& ramp = reliefRampStops();
    if (!(h > ramp.front().height_m)) return ramp.front().colour;
    for (std::size_t i = 1; i < ramp.size(); ++i)
        if (h < ramp[i].height_m) {
            const double t = (h - ramp[i - 1].height_m) / (ramp[i].height_m - ramp[i - 1].height_m);
            Rgb c{};
            for (std::size_t k = 0; k < 3; ++k) c[k] = ramp[i - 1].colour[k] + t * (ramp[i].colour[k] - ramp[i - 1].colour[k]);
            return c;
        }
    return ramp.back().colour;
}

PairDifference closestPair(const std::vector<Rgb>& colours, ColourVision vision) {
    PairDifference best{std::numeric_limits<double>::infinity(), 0, 0};
    for (std::size_t i = 0; i < colours.size(); ++i)
        for (std::size_t j = i + 1; j < colours.size(); ++j) {
            const double d = perceivedDifference(colours[i], colours[j], vision);
            if (d < best.deltaE) best = {d, i, j};
        }
    return best;
}

}  // namespace plateau
