// The default scene's schematic bodies: the deposit CSV reader and the committed assets/bodies/.
#include <catch2/catch.hpp>

#include <filesystem>

#include "io/atomic_file.h"
#include "io/gltf_reader.h"
#include "io_test_helpers.h"
#include "orebody/body_set.h"
#include "orebody/deposit_table.h"

using namespace plateau;
namespace fs = std::filesystem;

TEST_CASE("deposit CSV: quoted fields, doubled quotes, line breaks inside quotes", "[orebody]") {
    auto rows = orebody::parseCsv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3", "t.csv");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK((*rows)[2] == std::vector<std::string>{"1", "", "3"});
    auto bad = orebody::parseCsv("a,b\n\"open,1\n", "t.csv");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "t.csv: unterminated quoted field");
    CHECK(orebody::fileStem("Lakang\xe2\x80\x99" "e ") == "lakang_e");
    CHECK(orebody::fileStem("Qulong") == "qulong");
    CHECK(orebody::fileStem("../x") == "x");
}

TEST_CASE("deposit CSV: the Gangdese deposits with a tonnage", "[orebody]") {
    const fs::path csv = fs::path(PLATEAU_SHARED_DATA) / "deposits/porcu2008_high_asia_subset.csv";
    auto d = orebody::readDeposits(csv, {85.0, 28.5, 93.0, 30.5});
    REQUIRE(d.ok());
    std::vector<std::string> names;
    for (const auto& x : *d) names.push_back(x.name);
    CHECK(names == std::vector<std::string>{"Chonjiang", "Dongga", "Qulong", "Xietongmen", "Zhunuo"});
    for (const auto& x : *d)
        if (x.name == "Qulong") {
            CHECK(x.tonnageMt == 1517.0);
            CHECK(x.copperPercent == 0.52);
            CHECK(x.lat == Approx(29.6));
            CHECK(x.lon == Approx(91.5833).epsilon(1e-5));
        }
    // The whole subset: the quoted row (Zhanaga, "Zhalaga, Zanaga") parses to its real position.
    auto all = orebody::readDeposits(csv, {-180.0, -90.0, 180.0, 90.0});
    REQUIRE(all.ok());
    bool zhanaga = false;
    for (const auto& x : *all)
        if (x.name == "Zhanaga") {
            zhanaga = true;
            CHECK(x.lon == Approx(97.7333).epsilon(1e-5));
            CHECK(x.tonnageMt == 83.3);
        }
    CHECK(zhanaga);
    auto missing = orebody::readDeposits("/nonexistent/d.csv", {0, 0, 1, 1});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/nonexistent/d.csv") == 0);
}

TEST_CASE("committed ore bodies are exactly what plateau-orebody derives", "[orebody]") {
    test::TempDir tmp("bodies");
    const fs::path csv = fs::path(PLATEAU_SHARED_DATA) / "deposits/porcu2008_high_asia_subset.csv";
    auto written = orebody::writeBodySet(csv, {85.0, 28.5, 93.0, 30.5}, tmp.path());
    REQUIRE(written.ok());
    REQUIRE(written->size() == 6);
    const fs::path committed = fs::path(PLATEAU_SOURCE_DIR) / "assets/bodies";
    for (const auto& f : *written) {
        INFO(f);
        auto a = readFileBytes(tmp.path() / f);
        auto b = readFileBytes(committed / f);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(*a == *b);
        if (f.ends_with(".glb")) {
            auto m = loadGltf(committed / f);
            REQUIRE(m.ok());
            CHECK(m->schematic);
        }
    }
}
