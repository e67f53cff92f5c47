#pragma once
// A deterministic synthetic Tibetan-plateau DEM for the default scene (no download needed). It is
// made-up relief, not real elevation: E-W ranges, a meandering Yarlung-Tsangpo-like valley near
// 29.3 N with tributaries, the Himalaya front to the south, lowlands and oceans elsewhere.
//
// Only integer hashing and IEEE + - * / sqrt floor are used (no libm transcendental functions, no
// std::rand, no fused multiply-add), so the same (lon, lat, seed) gives bit-identical heights on
// any IEEE-754 machine.
#include <cstdint>

namespace plateau {

// Bump when syntheticHeight's output changes, so cached tile pyramids get rebuilt.
constexpr int kSyntheticDemVersion = 1;

// Height in metres at (lon, lat) in degrees. `detailMetres` is the sample spacing the caller
// needs: noise octaves with wavelengths below about twice that are faded out and skipped, so
// coarse tiles are cheap and free of aliasing. Inside 88-93 E, 28.5-30.5 N the result always lies
// in 4,000-6,500 m.
double syntheticHeight(double lonDeg, double latDeg, std::uint32_t seed, double detailMetres);

// Heights at every (lons[i], lats[j]), row-major into out[j * columns + i], for a tile whose sample
// spacing is about detailMetres. Much faster than syntheticHeight per sample: longitude-only terms
// are shared down each column, and the smooth fields (wavelengths above ~100 samples) come from a
// lattice every 4 samples. Results match syntheticHeight to about a metre on average (a few tens
// of metres where a coarse ridge crest gets rounded), obey the same bounds, and are deterministic
// for the same inputs.
void syntheticHeightGrid(const double* lons, int columns, const double* lats, int rows, std::uint32_t seed,
                         double detailMetres, double* out);

}  // namespace plateau
