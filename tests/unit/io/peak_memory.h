#pragma once
// The process's peak resident memory, for tests that a limit is enforced before the memory is
// spent (a 1 GiB file, a gzip bomb), and the allowance those tests need under AddressSanitizer.
#include <sys/resource.h>

#include <fstream>
#include <string>

namespace plateau::test {

// Peak resident set size in KiB (getrusage's ru_maxrss). It only rises, so a test compares the
// figure after a call with the one before.
inline long peakRssKiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// Peak virtual memory in KiB (VmPeak of /proc/self/status), 0 if unreadable. A large malloc is
// served by mmap and raises it at once, even if the memory is never touched, which the resident
// figure would not show.
inline long peakVirtualKiB() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmPeak:", 0) == 0) return std::stol(line.substr(7));
    return 0;
}

#if defined(__SANITIZE_ADDRESS__)
#define PLATEAU_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PLATEAU_TEST_ASAN 1
#endif
#endif

// AddressSanitizer does not reuse a freed block at once (its quarantine holds up to 256 MiB) and
// adds a shadow byte per 8: a buffer that grows by doubling to N leaves about 2N resident there,
// where a plain build reuses the memory. Bounds on the peak are multiplied by this factor, which
// still tells a bounded reader from one that inflates a bomb to its full size.
#ifdef PLATEAU_TEST_ASAN
inline constexpr long kPeakMemoryFactor = 2;
#else
inline constexpr long kPeakMemoryFactor = 1;
#endif

}  // namespace plateau::test
