// Handing freed heap memory back to the system, as the viewer does after evicting tiles: blocks
// allocated on a worker thread and freed on this one, with live blocks between them, as the tile
// cache's churn leaves them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "app/process_memory.h"

using namespace plateau::app;

// Under AddressSanitizer the heap is ASan's own allocator, which neither glibc's figures nor
// malloc_trim see: the test is about glibc's heap, so it exists only where that is the heap.
#if defined(__SANITIZE_ADDRESS__)
#define PLATEAU_ASAN_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PLATEAU_ASAN_HEAP 1
#endif
#endif

#if defined(__GLIBC__) && !defined(PLATEAU_ASAN_HEAP)

TEST_CASE("freed blocks between live ones go back to the system, and the heap figures follow", "[memory]") {
    // 3,200 blocks of 32 KiB (below the mmap threshold, even after returnLargeBlocksWhenFreed(),
    // so they come from an arena) with a small live block after each, so that no freed block is
    // at the top of its heap.
    constexpr std::size_t kBlocks = 3200, kBlockBytes = 32 * 1024;
    std::vector<void*> big(kBlocks), small(kBlocks);
    std::thread worker([&] {
        for (std::size_t i = 0; i < kBlocks; ++i) {
            big[i] = std::malloc(kBlockBytes);
            std::memset(big[i], int(i), kBlockBytes);  // resident, as a decoded tile is
            small[i] = std::malloc(64);
        }
    });
    worker.join();
    const double mib = double(kBlocks * kBlockBytes) / 1048576.0;  // 100 MiB
    const HeapStats allocated = heapStats();
    CHECK(allocated.inUseMiB >= mib);
    for (void* p : big) std::free(p);
    const HeapStats freed = heapStats();
    CHECK(allocated.inUseMiB - freed.inUseMiB >= 0.95 * mib);
    CHECK(freed.heldMiB >= freed.inUseMiB);
    const double before = double(procStatusKiB("VmRSS")) / 1024.0;
    releaseFreedMemory();
    const double after = double(procStatusKiB("VmRSS")) / 1024.0;
    INFO("resident " << before << " MiB before, " << after << " MiB after; " << mib << " MiB freed");
    CHECK(before - after >= 0.8 * mib);
    for (void* p : small) std::free(p);
}

TEST_CASE("tile-sized blocks leave resident memory when freed, without a trim", "[memory]") {
    returnLargeBlocksWhenFreed();
    // Without the fixed threshold, freeing one mapped block raises glibc's threshold above its
    // size, and every later block of that size comes from an arena: this one makes the test fail
    // then. 8 MiB: more than an arena has free, so that it is mapped, and under glibc's 32 MiB cap
    // on the rise. (volatile: a malloc and a free with nothing between may be left out.)
    constexpr std::size_t kFirstBytes = 8 * 1024 * 1024;
    void* volatile first = std::malloc(kFirstBytes);
    std::memset(first, 1, kFirstBytes);
    std::free(first);
    // 2,560 blocks of 80 KiB: above the 64 KiB threshold, below glibc's starting 128 KiB, so that
    // a threshold set too high fails too (a decoded tile is larger). Every other one is freed, as
    // the tile cache evicts, so that each freed block has live ones on both sides, wherever the
    // allocator put them.
    constexpr std::size_t kBlocks = 2560, kBlockBytes = 80 * 1024;
    std::vector<void*> blocks(kBlocks);
    for (std::size_t i = 0; i < kBlocks; ++i) {
        blocks[i] = std::malloc(kBlockBytes);
        std::memset(blocks[i], int(i), kBlockBytes);  // resident, as a decoded tile is
    }
    const double mib = double(kBlocks / 2 * kBlockBytes) / 1048576.0;  // 100 MiB
    const double before = double(procStatusKiB("VmRSS")) / 1024.0;
    for (std::size_t i = 0; i < kBlocks; i += 2) std::free(blocks[i]);
    const double after = double(procStatusKiB("VmRSS")) / 1024.0;
    INFO("resident " << before << " MiB before the frees, " << after << " MiB after; " << mib << " MiB freed");
    CHECK(before - after >= 0.9 * mib);
    for (std::size_t i = 1; i < kBlocks; i += 2) std::free(blocks[i]);
}

#endif
