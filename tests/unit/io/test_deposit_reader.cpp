// Deposit catalogues through OGR: the full USGS porphyry copper database, a GeoJSON of points,
// and malformed files that must give one clear line each while good rows still load.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/deposit_reader.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kUsgs = fs::path(PLATEAU_SHARED_DATA) / "deposits" / "PorCuEX2008_singer_berger_moring.csv";

fs::path writeFile(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "plateau_deposit_reader";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

const Deposit* byName(const DepositCatalogue& c, const std::string& name) {
    for (const Deposit& d : c.deposits)
        if (d.name == name) return &d;
    return nullptr;
}

const std::string kHeader = "NameDeposit,Country,LatitudeDecimal,LongitudeDecimal,Tonnage,Copper grade\n";

}  // namespace

TEST_CASE("the full USGS catalogue loads: 690 deposits, quoted multi-line fields included", "[deposits][io]") {
    auto c = readDeposits(kUsgs, DepositFields{});
    REQUIRE(c);
    for (const std::string& w : c->warnings) UNSCOPED_INFO(w);
    CHECK(c->deposits.size() == 690);
    CHECK(c->warnings.empty());
    CHECK(c->skippedRows == 0);
    CHECK(c->columns.size() == 43);

    // Agua Rica (row 1) has a References field over many lines, and the columns after the
    // multi-line fields of every row must still be in place: row 2 must be a deposit of its own.
    const Deposit& agua = c->deposits.front();
    CHECK(agua.name == "Agua Rica");  // "Agua  Rica" in the file: double spaces tidied
    CHECK(agua.row == 1);
    CHECK(agua.country == "Argentina");
    CHECK(agua.lat == Approx(-27.3708333333333));
    CHECK(agua.lon == Approx(-66.28));
    REQUIRE(agua.tonnageMt);
    CHECK(*agua.tonnageMt == Approx(1761));
    CHECK(*agua.copperPct == Approx(0.42));
    CHECK(*agua.molybdenumPct == Approx(0.033));
    CHECK(*agua.goldGt == Approx(0.18));
    CHECK(*agua.silverGt == Approx(3.2));
    CHECK(agua.discoveryYear == 1900);
    CHECK(!agua.productionYear);  // "n.d."
    const std::string& refs = agua.attribute("References");
    CHECK(refs.find('\n') != std::string::npos);
    CHECK(refs.rfind("Bargmann, C.J., 2000", 0) == 0);
    CHECK(refs.find("Sasso, A.M., and Clark, A.H., 1998") != std::string::npos);
    CHECK(c->deposits[1].name == "Alcaparrosa");

    const Deposit* qulong = byName(*c, "Qulong");
    REQUIRE(qulong);
    CHECK(qulong->lat == Approx(29.6));
    CHECK(qulong->lon == Approx(91.5833333));
    CHECK(*qulong->tonnageMt == Approx(1517));
    CHECK(*qulong->copperPct == Approx(0.52));
    CHECK(*qulong->molybdenumPct == Approx(0.032));
    CHECK(!qulong->goldGt);  // 0 = not reported
    CHECK(*qulong->ageMa == Approx(16));
    CHECK(qulong->commodities == std::vector<std::string>{"Cu", "Mo", "Ag"});
    CHECK(*qulong->containedCopperMt() == Approx(1517 * 0.0052));

    const Deposit* jiama = byName(*c, "Jiama");
    REQUIRE(jiama);
    CHECK(!jiama->tonnageMt);  // empty = not reported
    CHECK(!jiama->copperPct);
    CHECK(!jiama->containedCopperMt());

    // "1600s" names the century's start.
    const Deposit* beiya = byName(*c, "Beiya");
    REQUIRE(beiya);
    CHECK(beiya->productionYear == 1600);
}

TEST_CASE("a GeoJSON of points reads positions from the geometry", "[deposits][io]") {
    auto c = readDeposits(fs::path(PLATEAU_SHARED_DATA) / "deposits" / "porcu2008_high_asia_subset.geojson",
                          DepositFields{});
    REQUIRE(c);
    CHECK(c->deposits.size() == 27);
    const Deposit* x = byName(*c, "Xietongmen");
    REQUIRE(x);
    CHECK(x->lat == Approx(29.5166667));
    CHECK(x->lon == Approx(88.5666667));

    // Without lon/lat columns the points are used.
    const fs::path p = writeFile("points.geojson", R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"NameDeposit": "A", "Tonnage": 12},
       "geometry": {"type": "Point", "coordinates": [91.5, 29.25]}}]})");
    DepositFields f{.lon = "", .lat = ""};
    auto g = readDeposits(p, f);
    REQUIRE(g);
    REQUIRE(g->deposits.size() == 1);
    CHECK(g->deposits[0].lon == Approx(91.5));
    CHECK(g->deposits[0].lat == Approx(29.25));
    CHECK(*g->deposits[0].tonnageMt == Approx(12));
}

TEST_CASE("bad rows are skipped with one line each; the good rows load", "[deposits][io][errors]") {
    const fs::path p = writeFile("bad_rows.csv", kHeader +
                                                     "Good,China,29.6,91.58,1517,0.52\n"
                                                     "Text,China,abc,91.58,10,0.5\n"
                                                     "Swapped,China,91.58,29.6,10,0.5\n"
                                                     "Far,China,29.6,191.58,10,0.5\n"
                                                     "Negative,China,29.6,91.58,-3,0.5\n"
                                                     "\"Quoted, with comma\",China,29.5,88.5,\"219.8\",0.43\n");
    auto c = readDeposits(p, DepositFields{});
    REQUIRE(c);
    REQUIRE(c->deposits.size() == 2);
    CHECK(c->deposits[0].name == "Good");
    CHECK(c->deposits[1].name == "Quoted, with comma");
    CHECK(c->deposits[1].row == 6);
    CHECK(*c->deposits[1].tonnageMt == Approx(219.8));
    REQUIRE(c->warnings.size() == 4);
    CHECK(c->warnings[0] == "bad_rows.csv: row 2: latitude 'abc' is not a number");
    CHECK(c->warnings[1] == "bad_rows.csv: row 3: latitude 91.58 is outside -90..90 (longitude and latitude swapped?)");
    CHECK(c->warnings[2] == "bad_rows.csv: row 4: longitude 191.58 is outside -180..180");
    CHECK(c->warnings[3] == "bad_rows.csv: row 5: tonnage -3 is negative");
    CHECK(c->skippedRows == 4);
}

TEST_CASE("malformed catalogues give one clear line naming the file", "[deposits][io][errors]") {
    SECTION("missing and empty files") {
        auto a = readDeposits("/nonexistent/deposits.csv", DepositFields{});
        REQUIRE(!a);
        CHECK(a.error().message == "/nonexistent/deposits.csv: no such file");
        const fs::path e = writeFile("empty.csv", "");
        auto b = readDeposits(e, DepositFields{});
        REQUIRE(!b);
        CHECK(b.error().message == e.string() + ": empty file");
        const fs::path h = writeFile("header_only.csv", kHeader);
        auto c = readDeposits(h, DepositFields{});
        REQUIRE(!c);
        CHECK(c.error().message == h.string() + ": no rows (only a header, or no data)");
    }
    SECTION("a byte order mark is skipped") {
        std::string text = "\xEF\xBB\xBF";  // appended, not `"..." + string` (a GCC 12 -Wrestrict false alarm)
        text += kHeader;
        text += "Qulong,China,29.6,91.58,1517,0.52\n";
        const fs::path p = writeFile("bom.csv", text);
        auto c = readDeposits(p, DepositFields{});
        REQUIRE(c);
        REQUIRE(c->deposits.size() == 1);
        CHECK(c->deposits[0].name == "Qulong");
        CHECK(c->columns[0] == "NameDeposit");
    }
    SECTION("a semicolon-separated file is read") {
        const fs::path p = writeFile("semicolons.csv",
                                     "NameDeposit;Country;LatitudeDecimal;LongitudeDecimal;Tonnage;Copper grade\n"
                                     "Qulong;China;29.6;91.58;1517;0.52\n");
        auto c = readDeposits(p, DepositFields{});
        REQUIRE(c);
        REQUIRE(c->deposits.size() == 1);
        CHECK(c->deposits[0].lat == Approx(29.6));
        CHECK(*c->deposits[0].tonnageMt == Approx(1517));
    }
    SECTION("a mapped column that is missing lists the columns found") {
        const fs::path p = writeFile("other_columns.csv", "Name,X,Y\nQulong,91.58,29.6\n");
        auto c = readDeposits(p, DepositFields{});
        REQUIRE(!c);
        CHECK(c.error().message ==
              p.string() + ": no column \"NameDeposit\" for the name (columns: Name, X, Y)");
        // Built, not assigned: assigning short literals trips a GCC 12 -Wrestrict false alarm.
        DepositFields f{.name = "Name", .lon = "X", .lat = "Y"};
        auto d = readDeposits(p, f);
        REQUIRE(d);
        CHECK(d->deposits[0].lon == Approx(91.58));
        f.tonnage = "Tons";  // named explicitly, so it must be there
        auto e = readDeposits(p, f);
        REQUIRE(!e);
        CHECK(e.error().message == p.string() + ": no column \"Tons\" for tonnage (columns: Name, X, Y)");
    }
    SECTION("no good row at all") {
        const fs::path p = writeFile("all_bad.csv", kHeader + "A,China,x,1,1,1\nB,China,y,1,1,1\n");
        auto c = readDeposits(p, DepositFields{});
        REQUIRE(!c);
        CHECK(c.error().message == p.string() + ": no row could be read; first problem: row 1: latitude 'x' is not a number");
    }
    SECTION("not a table") {
        const fs::path p = writeFile("garbage.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
        auto c = readDeposits(p, DepositFields{});
        REQUIRE(!c);
        CHECK(c.error().message.rfind(p.string() + ": ", 0) == 0);
        CHECK(c.error().message.find('\n') == std::string::npos);
    }
}

TEST_CASE("catalogues from memory read like files and name the caller's file", "[deposits][io]") {
    auto c = readDepositsFromMemory(kHeader + "Qulong,China,29.6,91.58,1517,0.52\nBad,China,x,1,1,1\n", "mem.csv",
                                    DepositFields{});
    REQUIRE(c);
    CHECK(c->source == "mem.csv");
    REQUIRE(c->deposits.size() == 1);
    REQUIRE(c->warnings.size() == 1);
    CHECK(c->warnings[0] == "mem.csv: row 2: latitude 'x' is not a number");
    auto e = readDepositsFromMemory("", "empty.csv", DepositFields{});
    REQUIRE(!e);
    CHECK(e.error().message == "empty.csv: empty file");
}
