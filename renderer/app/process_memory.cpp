#include "app/process_memory.h"

#include <malloc.h>

#include <cstring>
#include <fstream>
#include <string>

namespace plateau::app {

long procStatusKiB(const char* field) {
    std::ifstream f("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(field);
    while (std::getline(f, line))
        if (line.size() > n && line.compare(0, n, field) == 0 && line[n] == ':') return std::stol(line.substr(n + 1));
    return -1;
}

HeapStats heapStats() {
    HeapStats h;
#ifdef __GLIBC__
    const struct mallinfo2 m = mallinfo2();  // glibc >= 2.33; sizes in bytes, all arenas
    h.inUseMiB = double(m.uordblks + m.hblkhd) / 1048576.0;
    h.heldMiB = double(m.arena + m.hblkhd) / 1048576.0;
#endif
    return h;
}

void releaseFreedMemory() {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void returnLargeBlocksWhenFreed() {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
#endif
}

}  // namespace plateau::app
