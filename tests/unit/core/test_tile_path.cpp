// {z}/{x}/{y} templates and folder paths; whole-string number parsing.
#include <catch2/catch.hpp>

#include "core/parse_number.h"
#include "core/tile_path.h"

using namespace plateau;
namespace fs = std::filesystem;

TEST_CASE("tile templates: every placeholder replaced, other text kept", "[tile_path]") {
    CHECK(expandTileTemplate("https://h/{z}/{x}/{y}.png?k={z}", TileId{3, 4, 5}) == "https://h/3/4/5.png?k=3");
    CHECK(expandTileTemplate("{z}/{x}/{y}.terrain", 12, 3071, 2047) == "12/3071/2047.terrain");
    CHECK(expandTileTemplate("https://h/{y}/{x}/{z}", TileId{1, 0, 1}) == "https://h/1/0/1");
    // {-y}: the row counted from the south (TMS).
    CHECK(expandTileTemplate("{z}/{x}/{-y}.png", TileId{3, 4, 1}) == "3/4/6.png");
    CHECK(expandTileTemplate("{-y}", TileId{0, 0, 0}) == "0");
    CHECK(expandTileTemplate("{-y}", 31, 0, 5) == "5");
    // Not placeholders: other braces, partial ones and an empty template.
    CHECK(expandTileTemplate("a{s}/{zz}/{x/{y", TileId{2, 1, 3}) == "a{s}/{zz}/{x/{y");
    CHECK(expandTileTemplate("{z", TileId{2, 1, 3}) == "{z");
    CHECK(expandTileTemplate("", TileId{2, 1, 3}).empty());
}

TEST_CASE("templates must hold {z}, {x} and {y} (or {-y})", "[tile_path]") {
    CHECK(missingTilePlaceholder("https://h/{z}/{x}/{y}.png") == nullptr);
    CHECK(missingTilePlaceholder("https://h/{z}/{x}/{-y}.png") == nullptr);
    CHECK(std::string(missingTilePlaceholder("https://h/{x}/{y}.png")) == "{z}");
    CHECK(std::string(missingTilePlaceholder("https://h/{z}/{y}")) == "{x}");
    CHECK(std::string(missingTilePlaceholder("https://h/{z}/{x}/{Y}")) == "{y}");
}

TEST_CASE("tile file paths follow the z/x/y folder layout", "[tile_path]") {
    CHECK(tileFilePath("/cache/srv", TileId{12, 3071, 1709}, ".png") == fs::path("/cache/srv/12/3071/1709.png"));
    CHECK(tileFilePath("tiles", TileId{0, 0, 0}, ".missing") == fs::path("tiles/0/0/0.missing"));
    CHECK(tileFilePath("", TileId{1, 1, 0}, "") == fs::path("1/1/0"));
}

TEST_CASE("integers: the whole string or nothing", "[parse_number]") {
    CHECK(parseInt("0") == 0);
    CHECK(parseInt("12") == 12);
    CHECK(parseInt("-7") == -7);
    CHECK(parseInt("2147483647") == 2147483647);
    CHECK_FALSE(parseInt(""));
    CHECK_FALSE(parseInt("-"));
    CHECK_FALSE(parseInt("+5"));
    CHECK_FALSE(parseInt(" 5"));
    CHECK_FALSE(parseInt("5 "));
    CHECK_FALSE(parseInt("12a"));
    CHECK_FALSE(parseInt("1.5"));
    CHECK_FALSE(parseInt("2147483648"));  // overflow is an error, not a clamp
    CHECK_FALSE(parseInt("99999999999999999999"));
    // Views into longer text stop at their end.
    const std::string_view text = "123456";
    CHECK(parseInt(text.substr(0, 3)) == 123);
}

TEST_CASE("doubles: finite, the whole string or nothing", "[parse_number]") {
    CHECK(parseDouble("1.5") == 1.5);
    CHECK(parseDouble("-90") == -90.0);
    CHECK(parseDouble("2.5e3") == 2500.0);
    CHECK_FALSE(parseDouble(""));
    CHECK_FALSE(parseDouble("1.5x"));
    CHECK_FALSE(parseDouble(" 1"));
    CHECK_FALSE(parseDouble("inf"));
    CHECK_FALSE(parseDouble("nan"));
    CHECK_FALSE(parseDouble("1e999"));
}
