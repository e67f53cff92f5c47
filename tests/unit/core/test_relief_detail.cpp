// The synthetic detail below a DEM's resolution (core/relief_detail.h) and its scene key.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "core/relief_detail.h"
#include "core/scene.h"

using namespace plateau;

TEST_CASE("relief detail: flat ground gets none, steep ground up to the amplitude", "[relief-detail]") {
    const ReliefDetailParams p{1, 40.0};
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> lon(85.0, 95.0), lat(27.0, 31.0);
    double largest = 0.0;
    for (int k = 0; k < 20000; ++k) {
        const double x = lon(rng), y = lat(rng);
        CHECK(reliefDetail(x, y, 0.0, 10.0, p) == 0.0);    // lakes and valley floors stay flat
        CHECK(reliefDetail(x, y, 0.005, 10.0, p) == 0.0);
        const double d = reliefDetail(x, y, 0.6, 10.0, p);
        REQUIRE(std::fabs(d) <= 40.0);
        largest = std::max(largest, std::fabs(d));
        // Gentler slopes get proportionally less.
        CHECK(std::fabs(reliefDetail(x, y, 0.1, 10.0, p)) <= std::fabs(d) * reliefDetailWeight(0.1) + 1e-9);
    }
    CHECK(largest > 30.0);
    CHECK(reliefDetailWeight(0.0) == 0.0);
    CHECK(reliefDetailWeight(0.3) == 1.0);
}

TEST_CASE("relief detail: the same at every fine enough spacing, nothing at the DEM's", "[relief-detail]") {
    const ReliefDetailParams p{3, 40.0};
    CHECK(reliefDetailFullyResolved(30.0));
    CHECK_FALSE(reliefDetailFullyResolved(40.0));
    for (double lon = 90.0; lon < 90.2; lon += 0.0137) {
        const double fine = reliefDetail(lon, 29.5, 0.5, 5.0, p);
        CHECK(reliefDetail(lon, 29.5, 0.5, 30.0, p) == fine);  // every octave resolved: identical
        // At 1 km spacing (an SRTM30 pixel) every octave would alias: nothing is added.
        CHECK(reliefDetail(lon, 29.5, 0.5, 1000.0, p) == 0.0);
    }
    // Seeds give different detail; the same seed the same.
    CHECK(reliefDetail(90.01, 29.5, 0.5, 5.0, p) == reliefDetail(90.01, 29.5, 0.5, 5.0, ReliefDetailParams{3, 40.0}));
    CHECK(reliefDetail(90.01, 29.5, 0.5, 5.0, p) != reliefDetail(90.01, 29.5, 0.5, 5.0, ReliefDetailParams{4, 40.0}));
}

TEST_CASE("scene key terrain.detail", "[relief-detail][scene]") {
    auto scene = [](const std::string& detail) {
        return parseScene(R"({"terrain": {"type": "gdal", "path": "dem.tif", "detail": )" + detail + "}}",
                          "scene.json");
    };
    auto ok = scene(R"({"seed": 7, "amplitude_m": 25})");
    REQUIRE(ok.ok());
    REQUIRE(ok->terrain.detailSeed);
    CHECK(*ok->terrain.detailSeed == 7u);
    CHECK(ok->terrain.detailAmplitudeM == 25.0);
    auto none = parseScene(R"({"terrain": {"type": "gdal", "path": "dem.tif"}})", "scene.json");
    REQUIRE(none.ok());
    CHECK_FALSE(none->terrain.detailSeed);
    CHECK(scene(R"({"seed": 1.5})").error().message == "scene.json: terrain.detail.seed: expected an integer from 0 to 4294967295");
    CHECK(scene(R"({"amplitude_m": -1})").error().message.find("terrain.detail.amplitude_m") != std::string::npos);
    CHECK(scene(R"({"sead": 1})").error().message.find("sead") != std::string::npos);
}
