// The default scene's own colours (assets/default.json) pass the colour-blind checks of
// core/palette.h: its deposit commodity colours stay distinct, its numeric ramps (river
// widths and colours by rank) rise or fall in lightness without turning back.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/palette.h"
#include "core/scene.h"

using namespace plateau;

namespace {

const std::filesystem::path kDefaultScene = std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets" / "default.json";
constexpr ColourVision kVisions[] = {ColourVision::Normal, ColourVision::Deuteranopia, ColourVision::Protanopia};

Rgb rgb(const Colour& c) { return {c[0], c[1], c[2]}; }

}  // namespace

TEST_CASE("The default scene's deposit colours stay distinct under deuteranopia and protanopia", "[palette][scene]") {
    auto scene = loadScene(kDefaultScene);
    REQUIRE(scene.ok());
    int deposits = 0;
    for (const LayerDesc& l : scene->layers) {
        if (l.type != LayerType::Deposits) continue;
        ++deposits;
        std::vector<Rgb> colours;
        for (const auto& [symbol, colour] : l.deposits.style.commodityColours) colours.push_back(rgb(colour));
        colours.push_back(rgb(l.deposits.style.missingColour));
        REQUIRE(colours.size() >= 3);
        for (const ColourVision v : kVisions) {
            const PairDifference d = closestPair(colours, v);
            INFO(l.id << ": colours " << d.first << " and " << d.second << " differ by " << d.deltaE);
            CHECK(d.deltaE > 10.0);
        }
    }
    CHECK(deposits >= 1);
}

TEST_CASE("The default scene's colour ramps are monotonic in lightness", "[palette][scene]") {
    auto scene = loadScene(kDefaultScene);
    REQUIRE(scene.ok());
    int ramps = 0;
    for (const LayerDesc& l : scene->layers) {
        if (!l.style.colourRange) continue;
        ++ramps;
        const auto [from, to] = *l.style.colourRange;
        for (const ColourVision v : kVisions) {
            // Sampled as the rasteriser blends it (linearly in the stored values).
            std::vector<double> L;
            for (int i = 0; i <= 20; ++i) {
                const double t = i / 20.0;
                Rgb c{};
                for (std::size_t k = 0; k < 3; ++k) c[k] = from[k] + t * (to[k] - from[k]);
                L.push_back(toLab(simulateColourVision(c, v)).L);
            }
            const double sign = L.back() > L.front() ? 1.0 : -1.0;
            for (std::size_t i = 1; i < L.size(); ++i) {
                INFO(l.id << " step " << i << ": L* " << L[i - 1] << " -> " << L[i]);
                CHECK(sign * (L[i] - L[i - 1]) > 0.0);
            }
            CHECK(std::abs(L.back() - L.front()) > 15.0);  // the ends are far apart in lightness
        }
    }
    CHECK(ramps >= 1);  // the rivers by rank
}
