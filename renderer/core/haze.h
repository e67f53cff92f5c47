#pragma once
// Aerial perspective: distant terrain fades toward the horizon colour. The terrain shader draws
// it and tile selection uses it, so both read the same two functions.

namespace plateau {

// Distance (m) at which 1 - 1/e of a surface's colour is replaced by the horizon colour: 150 km
// at sea level, growing to 300 km at 10 km (thinner air), and from high up with the camera's
// height, so the globe stays visible from space.
double hazeDistance(double cameraHeightM);

// Fraction of a surface's colour replaced by the horizon colour at `distance` (m); never more
// than 0.9, so far mountains keep a trace of their shading.
double hazeAmount(double distance, double hazeDistanceM);

}  // namespace plateau
