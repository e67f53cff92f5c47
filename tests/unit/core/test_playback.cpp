#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "core/playback.h"
#include "core/relief_ramp.h"
#include "core/screenshot_name.h"

using namespace plateau;

TEST_CASE("playback: advances by wall-clock seconds at the chosen speed, whatever the frame rate", "[playback]") {
    Timeline tl{1970.0, 2030.0, 2000.0, true};
    Playback a{true, 2.0, true}, b{true, 2.0, true};
    double ta = tl.current, tb = tl.current;
    for (int i = 0; i < 30; ++i) {  // one second at 30 fps
        Timeline t = tl;
        t.current = ta;
        ta = advancePlayback(t, a, 1.0 / 30.0);
    }
    for (int i = 0; i < 60; ++i) {  // one second at 60 fps
        Timeline t = tl;
        t.current = tb;
        tb = advancePlayback(t, b, 1.0 / 60.0);
    }
    CHECK(ta == Approx(2002.0));
    CHECK(tb == Approx(2002.0));
    Playback paused{false, 2.0, true};
    CHECK(advancePlayback(tl, paused, 1.0) == 2000.0);
}

TEST_CASE("playback: at the end it stops without loop, and wraps to the start with loop", "[playback]") {
    Timeline tl{1970.0, 2030.0, 2029.0, true};
    Playback once{true, 2.0, false};
    CHECK(advancePlayback(tl, once, 1.0) == 2030.0);
    CHECK_FALSE(once.playing);
    Playback loop{true, 2.0, true};
    const double end = advancePlayback(tl, loop, 1.0);
    CHECK(end == 2030.0);  // the last date is shown once
    tl.current = end;
    CHECK(advancePlayback(tl, loop, 0.1) == 1970.0);
    CHECK(loop.playing);
}

TEST_CASE("playback: the slider spans the data's dates and holds the current date", "[playback]") {
    const Timeline scene{1900.0, 2100.0, 2025.0, true};
    const auto dates = dataDates({2007.0, 1936.0, 1990.0, 1990.0 + 0.2 / 365.25, std::nan("")});
    REQUIRE(dates.size() == 3);  // sorted, one per day, no NaN
    CHECK(dates.front() == Approx(1936.0).margin(1e-3));
    const Timeline r = sliderRange(scene, dates);
    CHECK(r.start == Approx(1936.0).margin(1e-3));
    CHECK(r.end == Approx(2025.0));  // widened to the current date
    CHECK(r.current == Approx(2025.0));
    CHECK(sliderRange(scene, {}).start == 1900.0);  // no data dates: the scene's range
    const Timeline one = sliderRange(scene, {2025.0});
    CHECK(one.end - one.start == Approx(2.0));  // a single date still gives a usable slider
}

TEST_CASE("screenshot names: place and date, safe characters only, coordinates without a place", "[playback]") {
    CHECK(screenshotFileName("Qulong", 91.58, 29.6, "2025") == "plateau_Qulong_2025.png");
    CHECK(screenshotFileName("Yamzho Yumco / Lake", 90.7, 28.9, "2025-06-01") == "plateau_Yamzho-Yumco-Lake_2025-06-01.png");
    CHECK(screenshotFileName("", 91.134, 29.652, "") == "plateau_29.65N_91.13E.png");
    CHECK(screenshotFileName("", -70.5, -33.25, "1990") == "plateau_33.25S_70.50W_1990.png");
    CHECK(screenshotFileName("../../etc", 0, 0, "") == "plateau_..-..-etc.png");  // no folder separators
}

TEST_CASE("relief ramp: the legend's stops are the terrain shader's", "[playback]") {
    std::ifstream f(std::string(PLATEAU_SOURCE_DIR) + "/shaders/include/relief_colour.glsl");
    REQUIRE(f);
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string glsl = ss.str();
    std::smatch m;
    REQUIRE(std::regex_search(glsl, m, std::regex(R"(kReliefHeights\[kReliefStops\]\s*=\s*float\[kReliefStops\]\(([^)]*)\))")));
    std::vector<double> heights;
    {
        const std::string list = m[1];
        std::regex num(R"(-?[0-9]+\.?[0-9]*)");
        for (auto it = std::sregex_iterator(list.begin(), list.end(), num); it != std::sregex_iterator(); ++it)
            heights.push_back(std::stod(it->str()));
    }
    REQUIRE(heights.size() == kReliefRamp.size());
    for (std::size_t i = 0; i < heights.size(); ++i) CHECK(kReliefRamp[i].height_m == Approx(heights[i]));
    std::vector<double> rgb;
    const std::regex vec(R"(vec3\(([0-9.]+),\s*([0-9.]+),\s*([0-9.]+)\))");
    const auto start = glsl.find("kReliefColours[kReliefStops]");
    const std::string colours = glsl.substr(start, glsl.find(");", start) - start);
    for (auto it = std::sregex_iterator(colours.begin(), colours.end(), vec); it != std::sregex_iterator(); ++it)
        for (int k = 1; k <= 3; ++k) rgb.push_back(std::stod((*it)[k].str()));
    REQUIRE(rgb.size() == 3 * kReliefRamp.size());
    for (std::size_t i = 0; i < kReliefRamp.size(); ++i)
        for (std::size_t k = 0; k < 3; ++k) CHECK(kReliefRamp[i].rgb[k] == Approx(rgb[3 * i + k]).margin(1e-4));
    CHECK(glsl.find("kSnowLine = " + std::to_string(int(kSnowLineM))) != std::string::npos);
}
