// JSON nesting: every JSON reader in core refuses a document one level deeper than
// kMaxJsonDepth with the same one-line message, before parsing it; at the limit the nesting alone
// is no reason to refuse. docs/LIMITS.md lists the limits.
#include <catch2/catch.hpp>

#include "error_of.h"

#include <string>

#include "core/camera_path.h"
#include "core/input_limits.h"
#include "core/mine_geojson.h"
#include "core/scene.h"
#include "core/tilejson.h"
#include "core/tour.h"

using namespace plateau;
using plateau::test::errorOf;

namespace {

// An object whose "x" holds arrays nested so that the whole document is `depth` levels deep.
std::string nested(int depth, const std::string& members = "") {
    return "{" + members + "\"x\":" + std::string(std::size_t(depth - 1), '[') + std::string(std::size_t(depth - 1), ']') +
           "}";
}

const std::string kTooDeep = "deep.json: JSON nested deeper than 64 levels";

}  // namespace

TEST_CASE("jsonDepth counts brackets outside strings only", "[limits]") {
    CHECK(jsonDepth("") == 0);
    CHECK(jsonDepth("1") == 0);
    CHECK(jsonDepth("{}") == 1);
    CHECK(jsonDepth(R"({"a":[{"b":[]}],"c":{}})") == 4);
    CHECK(jsonDepth(R"(["[[[[", "\"[[[", "\\", [1]])") == 2);
    CHECK(jsonDepth(nested(kMaxJsonDepth)) == kMaxJsonDepth);
    CHECK_FALSE(jsonTooDeep(nested(kMaxJsonDepth), "deep.json"));
    const auto deep = jsonTooDeep(nested(kMaxJsonDepth + 1), "deep.json");
    REQUIRE(deep);
    CHECK(deep->message == kTooDeep);
}

TEST_CASE("Scene, path, tour, mine GeoJSON and TileJSON readers refuse JSON one level too deep", "[limits]") {
    const std::string over(std::size_t(kMaxJsonDepth + 1), '[');  // unterminated too: depth is checked first
    CHECK(errorOf(parseScene(over, "deep.json")) == kTooDeep);
    CHECK(errorOf(parseCameraPath(over, "deep.json")) == kTooDeep);
    CHECK(errorOf(parseTour(over, "deep.json")) == kTooDeep);
    CHECK(errorOf(parseMineGeoJson(over, "deep.json")) == kTooDeep);
    CHECK(errorOf(parseTileJson(over, "deep.json")) == kTooDeep);
    // A real million-level bomb gets the same answer, at once.
    CHECK(errorOf(parseScene(std::string(1'000'000, '['), "deep.json")) == kTooDeep);
}

TEST_CASE("A TileJSON document nested exactly to the limit loads", "[limits]") {
    const std::string tiles = R"("tiles":["https://example.org/{z}/{x}/{y}.png"],)";
    const auto at = parseTileJson(nested(kMaxJsonDepth, tiles), "deep.json");
    INFO((at.ok() ? std::string() : at.error().message));
    CHECK(at.ok());
    CHECK(errorOf(parseTileJson(nested(kMaxJsonDepth + 1, tiles), "deep.json")) == kTooDeep);
}
