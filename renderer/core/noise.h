#pragma once
// Deterministic noise for the synthetic DEM and for the detail added below a real DEM's
// resolution: integer hashing and IEEE + - * / only, so results are bit-identical across machines
// and compilers when built with -ffp-contract=off (no fused multiply-add).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace plateau::noise {

inline std::uint32_t mix(std::uint32_t h) {  // "lowbias32" finaliser: good avalanche, cheap
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

// Seed for one noise layer or octave; hashed once per call, not once per lattice corner.
inline std::uint32_t layerSeed(std::uint32_t seed, std::uint32_t layer) { return mix(seed ^ mix(layer + 0x9e3779b9u)); }

inline double fade(double t) { return t * t * t * (t * (t * 6.0 - 15.0) + 10.0); }
inline double lerp(double a, double b, double t) { return a + (b - a) * t; }
inline double clamp01(double t) { return std::clamp(t, 0.0, 1.0); }
inline double smoothstep(double e0, double e1, double x) {
    const double t = clamp01((x - e0) / (e1 - e0));
    return t * t * (3.0 - 2.0 * t);
}
// Polynomial smooth minimum / maximum: never above min(a, b) / never below max(a, b).
inline double smin(double a, double b, double k) {
    const double h = clamp01(0.5 + 0.5 * (b - a) / k);
    return lerp(b, a, h) - k * h * (1.0 - h);
}
inline double smax(double a, double b, double k) { return -smin(-a, -b, k); }

// 16 unit gradients (multiples of 22.5 degrees), written out so no sin/cos is evaluated.
inline constexpr double kGrad[16][2] = {
    {1.0, 0.0}, {0.9238795325112867, 0.3826834323650898}, {0.7071067811865476, 0.7071067811865476},
    {0.3826834323650898, 0.9238795325112867}, {0.0, 1.0}, {-0.3826834323650898, 0.9238795325112867},
    {-0.7071067811865476, 0.7071067811865476}, {-0.9238795325112867, 0.3826834323650898}, {-1.0, 0.0},
    {-0.9238795325112867, -0.3826834323650898}, {-0.7071067811865476, -0.7071067811865476},
    {-0.3826834323650898, -0.9238795325112867}, {0.0, -1.0}, {0.3826834323650898, -0.9238795325112867},
    {0.7071067811865476, -0.7071067811865476}, {0.9238795325112867, -0.3826834323650898}};

inline double cornerDot(std::uint32_t h, double dx, double dy) {
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    h *= 0x297a2d39u;
    h ^= h >> 15;
    const double* g = kGrad[h >> 28];
    return g[0] * dx + g[1] * dy;
}

// Perlin gradient noise in [-1, 1] (2-D Perlin with unit gradients peaks at sqrt(0.5)).
// Lattice coordinates must stay within int32 (they do: the finest wavelength is ~0.1 km).
inline double gradientNoise(double x, double y, std::uint32_t seed) {
    const double fx = std::floor(x), fy = std::floor(y);
    const double tx = x - fx, ty = y - fy;
    const auto ix = static_cast<std::uint32_t>(static_cast<std::int32_t>(fx));
    const auto iy = static_cast<std::uint32_t>(static_cast<std::int32_t>(fy));
    const std::uint32_t hx0 = ix * 0x8da6b343u, hx1 = hx0 + 0x8da6b343u;
    const std::uint32_t hy0 = (iy * 0xd8163841u) ^ seed, hy1 = ((iy + 1u) * 0xd8163841u) ^ seed;
    const double n00 = cornerDot(hx0 + hy0, tx, ty), n10 = cornerDot(hx1 + hy0, tx - 1.0, ty);
    const double n01 = cornerDot(hx0 + hy1, tx, ty - 1.0), n11 = cornerDot(hx1 + hy1, tx - 1.0, ty - 1.0);
    const double u = fade(tx), v = fade(ty);
    return 1.41 * lerp(lerp(n00, n10, u), lerp(n01, n11, u), v);
}

// Octaves shorter than ~2 samples would alias: fade them out between 4 and 2 sample spacings.
inline double octaveWeight(double wavelengthKm, double detailKm) {
    return clamp01(wavelengthKm / (2.0 * detailKm) - 1.0);
}

// 3-D Perlin noise in about [-1, 1] with the 12 cube-edge gradients, for fields on the sphere.
inline double gradientNoise3(double x, double y, double z, std::uint32_t seed) {
    static constexpr double g[12][3] = {{1, 1, 0}, {-1, 1, 0}, {1, -1, 0}, {-1, -1, 0}, {1, 0, 1}, {-1, 0, 1},
                                        {1, 0, -1}, {-1, 0, -1}, {0, 1, 1}, {0, -1, 1}, {0, 1, -1}, {0, -1, -1}};
    const double fx = std::floor(x), fy = std::floor(y), fz = std::floor(z);
    const double tx = x - fx, ty = y - fy, tz = z - fz;
    const auto ix = static_cast<std::uint32_t>(static_cast<std::int32_t>(fx));
    const auto iy = static_cast<std::uint32_t>(static_cast<std::int32_t>(fy));
    const auto iz = static_cast<std::uint32_t>(static_cast<std::int32_t>(fz));
    double n[8];
    for (std::uint32_t k = 0; k < 8; ++k) {
        const std::uint32_t cx = k & 1u, cy = (k >> 1) & 1u, cz = k >> 2;
        const std::uint32_t h = mix((ix + cx) * 0x8da6b343u + (iy + cy) * 0xd8163841u + (iz + cz) * 0xcb1ab31fu + seed);
        const double* v = g[h % 12u];
        n[k] = v[0] * (tx - cx) + v[1] * (ty - cy) + v[2] * (tz - cz);
    }
    const double u = fade(tx), v = fade(ty), w = fade(tz);
    const double a = lerp(lerp(n[0], n[1], u), lerp(n[2], n[3], u), v);
    const double b = lerp(lerp(n[4], n[5], u), lerp(n[6], n[7], u), v);
    return lerp(a, b, w);
}

// fBm of 3-D noise, normalised like fbm().
inline double fbm3(double x, double y, double z, double wavelengthKm, int octaves, double gain, std::uint32_t seed,
                   double detailKm) {
    double sum = 0.0, norm = 0.0, amp = 1.0, lambda = wavelengthKm, freq = 1.0 / wavelengthKm;
    for (int i = 0; i < octaves; ++i, lambda *= 0.5, freq *= 2.0, amp *= gain) {
        norm += amp;
        const double w = octaveWeight(lambda, detailKm);
        if (w <= 0.0) continue;
        const double o = 31.7 * i;  // different lattice origins per octave
        sum += w * amp * gradientNoise3(x * freq + o, y * freq - o, z * freq + 0.5 * o, seed + std::uint32_t(i) * 0x9e3779b9u);
    }
    return sum / norm;
}

// 1-D gradient noise in about [-1, 1], for curves that depend on longitude only.
inline double noise1(double x, std::uint32_t seed) {
    const double fx = std::floor(x);
    const double t = x - fx;
    const auto ix = static_cast<std::uint32_t>(static_cast<std::int32_t>(fx));
    auto grad = [&](std::uint32_t i) { return double(mix((ix + i) * 0x8da6b343u ^ seed) & 0xffffu) / 32767.5 - 1.0; };
    return 2.0 * lerp(grad(0) * t, grad(1) * (t - 1.0), fade(t));
}

// Each octave turns a further 36.87 degrees (a 3-4-5 rotation, exact in decimals) and shifts,
// so lattice directions and lattice origins do not line up between octaves.
struct OctaveFrame {
    double c = 1.0, s = 0.0;
    void next() {
        const double nc = c * 0.8 - s * 0.6;
        s = s * 0.8 + c * 0.6;
        c = nc;
    }
};

// Fractional Brownian motion in about [-1, 1], normalised by the full amplitude sum so that
// skipping fine octaves for coarse tiles does not shift it.
inline double fbm(double x, double y, double wavelengthKm, int octaves, double gain, std::uint32_t seed,
                  double detailKm) {
    // Frequencies double exactly, so multiplying by them costs no accuracy over dividing.
    double sum = 0.0, norm = 0.0, amp = 1.0, lambda = wavelengthKm, freq = 1.0 / wavelengthKm;
    OctaveFrame r;
    for (int i = 0; i < octaves; ++i, lambda *= 0.5, freq *= 2.0, amp *= gain, r.next()) {
        norm += amp;
        const double w = octaveWeight(lambda, detailKm);
        if (w <= 0.0) continue;
        const double px = (r.c * x - r.s * y) * freq + 17.31 * i, py = (r.s * x + r.c * y) * freq - 9.73 * i;
        sum += w * amp * gradientNoise(px, py, seed + std::uint32_t(i) * 0x9e3779b9u);
    }
    return sum / norm;
}

// Musgrave's ridged multifractal, about [0, 1]: sharp crests where the noise crosses zero, each
// octave weighted by the one before, so detail gathers on ridges while valleys stay smooth. The
// first `stretched` octaves are squeezed along x by `stretch` (ranges that trend east-west).
struct RidgedSpec {
    double wavelengthKm;  // of the first octave; each next one is half as long
    int octaves;
    int stretched;
    double stretch;
    std::array<double, 12> amp;  // per octave: real relief has most of its energy at mid scales
};
struct RidgedState {
    double sum = 0.0, weight = 1.0;
};

// Adds octaves [begin, end) to `st`. Evaluating [0, k) then [k, n) gives exactly the result of
// [0, n): a tile can take the coarse octaves from a lattice and add the fine ones per sample.
inline void ridgedOctaves(const RidgedSpec& r, double x, double y, std::uint32_t seed, double detailKm, int begin,
                          int end, RidgedState& st) {
    double lambda = r.wavelengthKm, freq = 1.0 / r.wavelengthKm;
    OctaveFrame f;
    for (int i = 0; i < end; ++i, lambda *= 0.5, freq *= 2.0) {
        if (i >= r.stretched) f.next();
        if (i < begin) continue;
        const double w = octaveWeight(lambda, detailKm);
        if (w <= 0.0) break;
        double px = x * r.stretch * freq, py = y * freq;
        if (i >= r.stretched) {
            px = (f.c * x - f.s * y) * freq;
            py = (f.s * x + f.c * y) * freq;
        }
        double sig = 1.0 - std::fabs(gradientNoise(px + 5.17 * i, py - 3.91 * i, seed + std::uint32_t(i) * 0x9e3779b9u));
        sig *= sig * st.weight;
        st.weight = clamp01(sig * 2.0);
        st.sum += w * r.amp[std::size_t(i)] * sig;
    }
}

// Sum of all octave amplitudes, so the result stays in [0, 1] whatever octaves were skipped.
inline double ridgedNorm(const RidgedSpec& r) {
    double norm = 0.0;
    for (int i = 0; i < r.octaves; ++i) norm += r.amp[std::size_t(i)];
    return norm;
}

// Number of leading octaves whose wavelength is at least `cutoffKm`.
inline int octavesAbove(const RidgedSpec& r, double cutoffKm) {
    int k = 0;
    for (double lambda = r.wavelengthKm; k < r.octaves && lambda >= cutoffKm; lambda *= 0.5) ++k;
    return k;
}

inline double ridged(const RidgedSpec& r, double x, double y, std::uint32_t seed, double detailKm) {
    RidgedState st;
    ridgedOctaves(r, x, y, seed, detailKm, 0, r.octaves, st);
    return st.sum / ridgedNorm(r);
}

}  // namespace plateau::noise
