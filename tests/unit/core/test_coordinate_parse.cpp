// Typed coordinates: every documented form, the order rules, and refusals with one-line errors.
#include <catch2/catch.hpp>

#include "core/coordinate_parse.h"

using plateau::parseCoordinates;

namespace {

void requireAt(const char* text, double lat, double lon) {
    INFO(text);
    const auto r = parseCoordinates(text);
    REQUIRE(r.ok());
    CHECK(r->lat == Approx(lat).margin(1e-9));
    CHECK(r->lon == Approx(lon).margin(1e-9));
}

std::string errorOf(const char* text) {
    INFO(text);
    const auto r = parseCoordinates(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK(r.error().message.rfind("coordinates '", 0) == 0);
    return r.error().message;
}

}  // namespace

TEST_CASE("coordinates: decimal degrees, latitude first without letters", "[coordinates]") {
    requireAt("29.63 91.13", 29.63, 91.13);
    requireAt("29.63, 91.13", 29.63, 91.13);
    requireAt("  29.63 ;91.13  ", 29.63, 91.13);
    requireAt("-29.63, -91.13", -29.63, -91.13);
    requireAt("+29.63 +91.13", 29.63, 91.13);
    requireAt("29 91", 29.0, 91.0);
}

TEST_CASE("coordinates: a first value beyond 90 is a longitude", "[coordinates]") {
    requireAt("91.13 29.63", 29.63, 91.13);
    requireAt("91.13, -29.63", -29.63, 91.13);
}

TEST_CASE("coordinates: hemisphere letters decide, before or after, any order", "[coordinates]") {
    requireAt("91.13E 29.63N", 29.63, 91.13);
    requireAt("N29.63 E91.13", 29.63, 91.13);
    requireAt("29.63 N 91.13 E", 29.63, 91.13);
    requireAt("29.63s 91.13w", -29.63, -91.13);
    requireAt("E91.13, S29.63", -29.63, 91.13);
    // One letter: the other value is the other axis.
    requireAt("91.13E 29.63", 29.63, 91.13);
    requireAt("29.63 91.13E", 29.63, 91.13);
    requireAt("10.5 20N", 20.0, 10.5);
}

TEST_CASE("coordinates: degrees, minutes and seconds", "[coordinates]") {
    const double lat = 29 + 37 / 60.0 + 48 / 3600.0, lon = 91 + 7 / 60.0 + 12 / 3600.0;
    requireAt("29°37'48\"N 91°07'12\"E", lat, lon);
    requireAt("29°37′48″N, 91°7′12″E", lat, lon);
    requireAt("29º 37' 48'' N 91º 7' 12'' E", lat, lon);
    requireAt("29 37 48 N 91 7 12 E", lat, lon);
    requireAt("N 29 37 48 E 91 7 12", lat, lon);
    requireAt("29 37 48 91 7 12", lat, lon);
    requireAt("29°37.8'N 91°7.2'E", 29.63, 91.12);
    requireAt("29 37.8 S 91 7.2 W", -29.63, -91.12);
    requireAt("29°N 91°E", 29.0, 91.0);
    requireAt("29 37 91 7", 29 + 37 / 60.0, 91 + 7 / 60.0);
    // An odd count: up to three numbers per value.
    requireAt("29 37 48 91 7", lat, 91 + 7 / 60.0);
}

TEST_CASE("coordinates: bad input gives one line naming the text and the problem", "[coordinates]") {
    CHECK(errorOf("29.63").find("need two values") != std::string::npos);
    CHECK(errorOf("29.63 91.13 5").find("need two values") != std::string::npos);
    CHECK(errorOf("").find("got 0") != std::string::npos);
    CHECK(errorOf("Lhasa").find("unexpected 'L'") != std::string::npos);
    CHECK(errorOf("29.63N 91.13S").find("both values are latitudes") != std::string::npos);
    CHECK(errorOf("91E 29W").find("both values are longitudes") != std::string::npos);
    CHECK(errorOf("95.5 120").find("outside -90..90") != std::string::npos);
    CHECK(errorOf("29N 190E").find("outside -180..180") != std::string::npos);
    CHECK(errorOf("29 61 N 91 7 E").find("minutes must be below 60") != std::string::npos);
    CHECK(errorOf("29 37 61 N 91 7 12 E").find("seconds must be below 60") != std::string::npos);
    CHECK(errorOf("29.5 37 91 7").find("only the last part") != std::string::npos);
    CHECK(errorOf("-29.63N 91.13E").find("minus sign and the letter N") != std::string::npos);
    CHECK(errorOf("N S 29 91").find("two letters") != std::string::npos);
    CHECK(errorOf("29.63 91.13 N E").find("has no value") != std::string::npos);
    CHECK(errorOf("37' 29 91").find("minutes without") != std::string::npos);
    CHECK(errorOf("° 29 91").find("without a number") != std::string::npos);
    CHECK(errorOf("29 - 91").find("minus sign") != std::string::npos);
    // A newline in the text does not break the message's single line.
    CHECK(errorOf("29.63\n").find("need two values") != std::string::npos);
}
