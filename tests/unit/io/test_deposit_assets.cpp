// The default scene's deposit catalogue: exactly what plateau-assets derives from the USGS table
// and the typed facts, readable with the default scene's field mapping, and the facts file's
// rules (a source per row, names that exist).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "skip.h"
#include "assets/deposit_assets.h"
#include "core/scene.h"
#include "io/deposit_reader.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kAssets = fs::path(PLATEAU_SOURCE_DIR) / "assets";

std::string readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path scratch(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / "plateau_deposit_assets" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST_CASE("committed deposits/gangdese.csv is exactly what plateau-assets derives", "[deposits][assets]") {
    const fs::path data = PLATEAU_SHARED_DATA;
    if (!fs::exists(data / "deposits/PorCuEX2008_singer_berger_moring.csv")) {
        PLATEAU_SKIP(data.string() << " is not there");
    }
    const fs::path out = scratch("build");
    auto st = assets::buildDeposits(data, kAssets / "deposits/facts.csv", out);
    INFO((st.ok() ? std::string() : st.error().message));
    REQUIRE(st.ok());
    CHECK(readText(out / assets::kDepositAsset) == readText(kAssets / assets::kDepositAsset));
}

TEST_CASE("the default scene's deposits layer reads its catalogue", "[deposits][assets]") {
    auto scene = loadScene(kAssets / "default.json");
    REQUIRE(scene);
    const LayerDesc* layer = nullptr;
    for (const LayerDesc& l : scene->layers)
        if (l.type == LayerType::Deposits) layer = &l;
    REQUIRE(layer);
    CHECK(layer->visible);
    auto c = readDeposits(layer->source.path, layer->deposits.fields);
    REQUIRE(c);
    CHECK(c->warnings.empty());
    CHECK(c->deposits.size() == 27);
    const Deposit* qulong = nullptr;
    for (const Deposit& d : c->deposits)
        if (d.name == "Qulong") qulong = &d;
    REQUIRE(qulong);
    CHECK(*qulong->tonnageMt == Approx(1517));
    CHECK(*qulong->copperPct == Approx(0.52));
    CHECK(qulong->productionYear == 2021);
    CHECK(depositPhase(*qulong, 2020.0) == DepositPhase::Known);
    CHECK(depositPhase(*qulong, 2021.0) == DepositPhase::Producing);
    CHECK(depositPhase(*qulong, 1999.0) == DepositPhase::Hidden);
    CHECK(qulong->attribute("source").find("Julong") != std::string::npos);
    // Every row names its source.
    for (const Deposit& d : c->deposits) CHECK(!d.attribute("source").empty());
}

TEST_CASE("facts need a source and a USGS deposit to attach to", "[deposits][assets][errors]") {
    const fs::path data = PLATEAU_SHARED_DATA;
    if (!fs::exists(data / "deposits/PorCuEX2008_singer_berger_moring.csv")) PLATEAU_SKIP(data.string() << " is not there");
    const fs::path dir = scratch("facts");
    std::ofstream(dir / "no_source.csv") << "name,discovery_year,production_start,status,source\nQulong,,2021,producing,\n";
    auto a = assets::buildDeposits(data, dir / "no_source.csv", dir);
    REQUIRE(!a);
    CHECK(a.error().message == (dir / "no_source.csv").string() + ": row 1: no source for qulong");
    std::ofstream(dir / "typo.csv") << "name,discovery_year,production_start,status,source\nQulnog,,2021,producing,x\n";
    auto b = assets::buildDeposits(data, dir / "typo.csv", dir);
    REQUIRE(!b);
    CHECK(b.error().message == (dir / "typo.csv").string() + ": \"qulnog\" is not a USGS deposit of High Asia");
}
