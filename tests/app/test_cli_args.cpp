#include <catch2/catch.hpp>

#include "app/cli_args.h"

using namespace plateau::app;

TEST_CASE("camera argument parses and rejects with one-line reasons", "[cli]") {
    std::string err;
    auto p = parseCameraArg("91.583,29.6,25000,10,-25", err);
    REQUIRE(p);
    CHECK(p->lon_deg == Approx(91.583));
    CHECK(p->lat_deg == Approx(29.6));
    CHECK(p->height_m == Approx(25000));
    CHECK(p->heading_deg == Approx(10));
    CHECK(p->pitch_deg == Approx(-25));
    auto shortForm = parseCameraArg("91,29,5000", err);
    REQUIRE(shortForm);
    CHECK(shortForm->pitch_deg == Approx(-45));
    CHECK(shortForm->fov_deg == Approx(45));
    auto withFov = parseCameraArg("91,29,5000,0,-30,25", err);
    REQUIRE(withFov);
    CHECK(withFov->fov_deg == Approx(25));
    auto sceneFov = parseCameraArg("91,29,5000", err, 60.0);
    REQUIRE(sceneFov);
    CHECK(sceneFov->fov_deg == Approx(60));
    CHECK_FALSE(parseCameraArg("91,29,5000,0,-30,0.5", err));
    CHECK(err.find("FOV") != std::string::npos);
    CHECK_FALSE(parseCameraArg("91,29,5000,0,-30,40,1", err));
    CHECK_FALSE(parseCameraArg("91,29", err));
    CHECK(err.find("LON,LAT,HEIGHT") != std::string::npos);
    CHECK_FALSE(parseCameraArg("91,x,5000", err));
    CHECK(err.find("LAT 'x' is not a number") != std::string::npos);
    CHECK_FALSE(parseCameraArg("91,88,5000", err));
    CHECK(err.find("-85..85") != std::string::npos);
    CHECK_FALSE(parseCameraArg("91,29,5000,0,-100", err));
    CHECK_FALSE(parseCameraArg("191,29,5000", err));
    CHECK_FALSE(parseCameraArg("91,29,nan", err));
}

TEST_CASE("size argument", "[cli]") {
    int w = 0, h = 0;
    std::string err;
    CHECK(parseSizeArg("1280x720", w, h, err));
    CHECK(w == 1280);
    CHECK(h == 720);
    CHECK(parseSizeArg("7X5", w, h, err));
    CHECK((w == 7 && h == 5));
    CHECK_FALSE(parseSizeArg("1280", w, h, err));
    CHECK_FALSE(parseSizeArg("0x10", w, h, err));
    CHECK_FALSE(parseSizeArg("20000x10", w, h, err));
    CHECK_FALSE(parseSizeArg("12x", w, h, err));
    CHECK_FALSE(parseSizeArg("12x5px", w, h, err));
    CHECK(err.find("WIDTHxHEIGHT") != std::string::npos);
}

TEST_CASE("cutaway argument", "[cli]") {
    std::string err;
    const auto c = parseCutawayArg("91.583, 29.6, 180", err);
    REQUIRE(c);
    CHECK(c->lon_deg == Approx(91.583));
    CHECK(c->lat_deg == Approx(29.6));
    CHECK(c->heading_deg == Approx(180));
    CHECK_FALSE(parseCutawayArg("91.583,29.6", err));
    CHECK(err == "--cutaway '91.583,29.6': expected LON,LAT,HEADING");
    CHECK_FALSE(parseCutawayArg("91,29,south", err));
    CHECK(err.find("HEADING 'south' is not a number") != std::string::npos);
    CHECK_FALSE(parseCutawayArg("191,29,0", err));
    CHECK(err.find("LON") != std::string::npos);
    CHECK_FALSE(parseCutawayArg("91,29,0,5", err));
}
