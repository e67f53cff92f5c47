#include "app/log.h"

#include <cstdio>
#include <mutex>

namespace plateau::app {
namespace {
std::mutex g_mutex;
bool g_quiet = false;
}  // namespace

void setQuiet(bool quiet) { g_quiet = quiet; }

void logLine(const std::string& line) {
    if (g_quiet) return;
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fprintf(stderr, "plateau: %s\n", line.c_str());
}

void logError(const std::string& line) {
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fprintf(stderr, "plateau: error: %s\n", line.c_str());
}
}  // namespace plateau::app
