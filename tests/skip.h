#pragma once
// A test that cannot run here (a processor without SSE4.1, no shared data folder) says so and
// counts as skipped (ctest matches "SKIPPED:"), never as passed. Where everything it needs must
// exist, in CI (the CI variable set, not "false"), a skip is a failure instead.
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

namespace plateau::test {

inline bool skipsAreFailures() {
    const char* ci = std::getenv("CI");
    return ci && *ci && std::string(ci) != "false";
}

}  // namespace plateau::test

#define PLATEAU_SKIP(reason)                                                               \
    do {                                                                                   \
        if (::plateau::test::skipsAreFailures()) FAIL("cannot run in CI: " << reason);     \
        WARN("SKIPPED: " << reason);                                                       \
        return;                                                                            \
    } while (false)
