// Tour files on disk and the shipped tours: they open, every layer they name is in their scene,
// and the deposit figures their captions state are the catalogue's.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "core/scene.h"
#include "io/deposit_reader.h"
#include "io/scene_file.h"
#include "io/tour_file.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {
const fs::path kTours = fs::path(PLATEAU_SOURCE_DIR) / "assets/tours";

fs::path tempDir() {
    const fs::path d = fs::temp_directory_path() / ("plateau-tour-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}
}  // namespace

TEST_CASE("tour files: saved and opened again, missing and wrong files refused in one line", "[tour]") {
    const fs::path dir = tempDir();
    Tour t;
    t.title = "t";
    t.scene = "../default.json";
    t.stops.emplace_back();
    t.stops[0].name = "a";
    REQUIRE(saveTourFile(t, dir / "t.json").ok());
    const Result<Tour> back = openTourFile(dir / "t.json");
    REQUIRE(back.ok());
    CHECK(*back == t);
    CHECK(tourScenePath(*back, dir / "t.json") == (dir / "../default.json").lexically_normal());
    CHECK(tourScenePath(Tour{}, dir / "t.json").empty());

    const Result<Tour> missing = openTourFile(dir / "nothing.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find((dir / "nothing.json").string()) == 0);
    std::ofstream(dir / "bad.json") << "{\"version\": 1, \"stops\": [{\"view\": {\"lon\": 500}}]}";
    const Result<Tour> bad = openTourFile(dir / "bad.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == (dir / "bad.json").string() + ": stops[0].view.lon: must be between -180 and 180 (got 500)");
    fs::remove_all(dir);
}

TEST_CASE("the shipped tours open and name only layers of their scenes", "[tour]") {
    int tours = 0;
    for (const char* name : {"gangdese.json", "svalbard.json"}) {
        INFO(name);
        const Result<Tour> t = openTourFile(kTours / name);
        REQUIRE(t.ok());
        CHECK(t->stops.size() >= 5);
        const fs::path scenePath = tourScenePath(*t, kTours / name);
        const Result<Scene> scene = openSceneFile(scenePath);
        REQUIRE(scene.ok());
        std::set<std::string> ids;
        for (const LayerDesc& l : scene->layers) ids.insert(l.id);
        for (const TourStop& s : t->stops) {
            INFO(s.name);
            CHECK_FALSE(s.caption.title.empty());
            CHECK_FALSE(s.caption.source.empty());  // every caption says where its facts come from
            CHECK_FALSE(s.narration.empty());
            for (const LayerState& l : s.layers) CHECK(ids.count(l.id) == 1);
        }
        ++tours;
    }
    CHECK(tours == 2);
}

TEST_CASE("the Gangdese tour's tonnages and grades are the catalogue's", "[tour]") {
    const Result<Tour> t = openTourFile(kTours / "gangdese.json");
    REQUIRE(t.ok());
    DepositFields fields;
    fields.name = "name";
    fields.lon = "lon";
    fields.lat = "lat";
    fields.tonnage = "tonnage_mt";
    fields.copper = "cu_pct";
    const auto cat = readDeposits(fs::path(PLATEAU_SOURCE_DIR) / "assets/deposits/gangdese.csv", fields);
    REQUIRE(cat.ok());
    // "Qulong (Julong): 1,517 Mt at 0.52 % Cu": the name, then the figures.
    const std::regex figures(R"(^([A-Za-z]+)[^:]*: ([0-9,.]+) Mt at ([0-9.]+) % Cu)");
    int checked = 0;
    for (const TourStop& s : t->stops) {
        std::smatch m;
        if (!std::regex_search(s.caption.title, m, figures)) continue;
        INFO(s.caption.title);
        std::string tonnage = m[2];
        tonnage.erase(std::remove(tonnage.begin(), tonnage.end(), ','), tonnage.end());
        const Deposit* d = nullptr;
        for (const Deposit& x : cat->deposits)
            if (x.name == m[1].str()) d = &x;
        REQUIRE(d);
        REQUIRE(d->tonnageMt);
        REQUIRE(d->copperPct);
        CHECK(std::stod(tonnage) == Approx(*d->tonnageMt));
        CHECK(std::stod(m[3]) == Approx(*d->copperPct));
        ++checked;
    }
    CHECK(checked == 3);  // Qulong, Xietongmen, Zhunuo
}
