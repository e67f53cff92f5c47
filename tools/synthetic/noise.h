#pragma once
// The synthetic DEM's noise lives in core (shared with the terrain detail source).
#include "core/noise.h"

namespace plateau::synth {
using namespace plateau::noise;
}  // namespace plateau::synth
