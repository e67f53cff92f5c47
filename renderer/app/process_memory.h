#pragma once
// The process's memory as Linux reports it in /proc/self/status, for the benchmark and soak
// figures.

namespace plateau::app {

// A "Vm..." field in KiB: "VmRSS" (resident now), "VmHWM" (resident at its peak); -1 when
// /proc is not there or has no such field.
long procStatusKiB(const char* field);

// The C heap as glibc's allocator sees it, summed over its arenas: `inUse` is what the program
// holds now, `held` what the allocator has taken from the system (in use, plus freed blocks kept
// for reuse). Resident memory follows `held` until releaseFreedMemory() hands the freed part back.
// Zeros where the C library is not glibc.
struct HeapStats {
    double inUseMiB = 0.0;
    double heldMiB = 0.0;
};
HeapStats heapStats();

// Hands the heap's freed pages back to the system (glibc's malloc_trim; nothing elsewhere).
// Tiles are allocated by worker threads and freed by the main thread in an order no allocator
// can predict, so the freed space is scattered between live blocks: without this, resident
// memory keeps every high-water mark the tile cache's churn ever reached and creeps upwards for
// many minutes after the cache has filled. Costs a walk over the heap's free blocks: call it
// now and then (Viewer does, twice a second), not every frame.
void releaseFreedMemory();

// Makes every block of 64 KiB or more (a decoded tile, an overlay image, a mesh, a PNG file's
// bytes) a mapping of its own, unmapped the moment it is freed (glibc's M_MMAP_THRESHOLD; nothing
// elsewhere). glibc's default threshold starts at 128 KiB but rises to the size of each such
// block freed, so after the first evicted tile every later tile came from an arena and, freed,
// waited for the next releaseFreedMemory() to leave resident memory: 10-50 MiB at any moment of a
// soak. A fixed threshold ends that for large blocks. The cost: each such block is mapped,
// page-faulted in and unmapped, the driver's per-frame blocks too (on lavapipe a 60-frame bench
// takes 0.8 M minor faults and 2.6 s of system time instead of 0.25 M and 0.8 s; measured in
// docs/PERFORMANCE.md), so buffers used for every tile are better kept than reallocated.
// Call it once, at startup, before the first worker thread.
void returnLargeBlocksWhenFreed();

}  // namespace plateau::app
