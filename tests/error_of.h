#pragma once
// The error message of a Result that must have failed: the test stops if it succeeded.
#include <string>

#include <catch2/catch.hpp>

namespace plateau::test {

template <class R>
std::string errorOf(const R& r) {
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

}  // namespace plateau::test
