#include "app/process_memory.h"

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

}  // namespace plateau::app
