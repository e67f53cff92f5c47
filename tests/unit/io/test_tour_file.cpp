// Tour files on disk and the shipped tours: they open, every layer they name is in their scene,
// and the deposit figures their captions state are the catalogue's.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

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
    std::ofstream(dir / "bad.json")
        << R"({"version": 1, "stops": [{"view": {"lon": 500, "lat": 29, "height": 5000, "heading": 0, "pitch": -30}}]})";
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

namespace {
// Area of a lon/lat ring in km² on a local WGS84 plane at (lat0, lon0): east by N cos(lat0),
// north by M (the radii of curvature); enough for a few kilometres.
double ringAreaKm2(const nlohmann::json& ring, double lat0, double lon0) {
    const double a = 6378137.0, f = 1.0 / 298.257223563, e2 = f * (2.0 - f);
    const double p = lat0 * M_PI / 180.0, s2 = std::sin(p) * std::sin(p);
    const double n = a / std::sqrt(1.0 - e2 * s2), m = a * (1.0 - e2) / std::pow(1.0 - e2 * s2, 1.5);
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const double x0 = n * std::cos(p) * (ring[i][0].get<double>() - lon0) * M_PI / 180.0;
        const double y0 = m * (ring[i][1].get<double>() - lat0) * M_PI / 180.0;
        const double x1 = n * std::cos(p) * (ring[i + 1][0].get<double>() - lon0) * M_PI / 180.0;
        const double y1 = m * (ring[i + 1][1].get<double>() - lat0) * M_PI / 180.0;
        sum += x0 * y1 - x1 * y0;
    }
    return std::fabs(sum) / 2.0 / 1e6;
}
}  // namespace

TEST_CASE("the Svalbard tour's areas are the outlines'", "[tour]") {
    std::ifstream in(fs::path(PLATEAU_SOURCE_DIR) / "assets/vectors/svalbard_glaciers.geojson");
    const nlohmann::json g = nlohmann::json::parse(in);
    std::map<int, double> total;
    std::map<std::string, std::map<int, double>> byGlacier;
    for (const auto& f : g["features"]) {
        const auto& geom = f["geometry"];
        std::vector<nlohmann::json> polys;
        if (geom["type"] == "Polygon") polys.push_back(geom["coordinates"]);
        else for (const auto& p : geom["coordinates"]) polys.push_back(p);
        double area = 0.0;
        for (const auto& poly : polys)
            for (std::size_t r = 0; r < poly.size(); ++r) area += (r == 0 ? 1.0 : -1.0) * ringAreaKm2(poly[r], 78.88, 12.0);
        const int year = int(f["properties"]["year"].get<double>());
        total[year] += area;
        byGlacier[f["properties"]["name"].get<std::string>()][year] = area;
    }
    const auto tenth = [](double km2) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", km2);
        return std::string(buf);
    };
    const Result<Tour> t = openTourFile(kTours / "svalbard.json");
    REQUIRE(t.ok());
    std::string captions;
    for (const TourStop& s : t->stops) captions += s.caption.title + "\n";
    INFO(captions);
    CHECK(captions.find(tenth(total[1936]) + " km²") != std::string::npos);
    CHECK(captions.find(tenth(total[1936]) + " → " + tenth(total[1990]) + " km²") != std::string::npos);
    CHECK(captions.find(tenth(total[1990]) + " → " + tenth(total[2007]) + " km²") != std::string::npos);
    CHECK(captions.find("Austre Brøggerbreen: " + tenth(byGlacier["Austre Brøggerbreen"][1936]) + " → " +
                        tenth(byGlacier["Austre Brøggerbreen"][2007])) != std::string::npos);
    CHECK(captions.find("Austre Lovénbreen " + tenth(byGlacier["Austre Lovenbreen"][1936]) + " → " +
                        tenth(byGlacier["Austre Lovenbreen"][2007])) != std::string::npos);
    CHECK(captions.find("Midtre Lovénbreen " + tenth(byGlacier["Midtre Lovenbreen"][1936]) + " → " +
                        tenth(byGlacier["Midtre Lovenbreen"][2007])) != std::string::npos);
}
