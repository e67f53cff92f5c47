#pragma once
namespace plateau::app {
// Parses the command line and runs the command; returns the exit code.
int run(int argc, char** argv);
}  // namespace plateau::app
