#pragma once
// One-line messages to stderr, prefixed with the program name.
#include <string>

namespace plateau::app {
void logLine(const std::string& line);
void setQuiet(bool quiet);  // only errors
void logError(const std::string& line);
}  // namespace plateau::app
