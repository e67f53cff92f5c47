#pragma once
// The process's memory as Linux reports it in /proc/self/status, for the benchmark and soak
// figures.

namespace plateau::app {

// A "Vm..." field in KiB: "VmRSS" (resident now), "VmHWM" (resident at its peak); -1 when
// /proc is not there or has no such field.
long procStatusKiB(const char* field);

}  // namespace plateau::app
