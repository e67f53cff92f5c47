// plateau-orebody's output read back with the glTF reader: schematic flag, extras, volumes.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/model_geometry.h"
#include "io/atomic_file.h"
#include "io/gltf_reader.h"
#include "io_test_helpers.h"
#include "orebody/orebody_glb.h"

using namespace plateau;

TEST_CASE("ore body .glb round trip: schematic, volumes, translucent graded materials", "[orebody][gltf]") {
    test::TempDir tmp("orebody");
    for (const double tonnage : {74.6, 219.8, 1517.0}) {
        orebody::OrebodySpec spec;
        spec.name = "Test deposit";
        spec.params = {tonnage, 0.52, 2.7};
        const auto file = tmp.path() / "body.glb";
        REQUIRE(orebody::writeOrebodyGlb(spec, file).ok());
        auto m = loadGltf(file);
        if (!m) FAIL(m.error().message);
        CHECK(m->schematic);
        CHECK(m->description.find("Schematic ore body of Test deposit") == 0);
        REQUIRE(m->primitives.size() == 3);
        REQUIRE(m->materials.size() == 3);
        const double target = tonnage * 1e6 / 2.7;
        const double fractions[] = {1.0, 0.5, 0.2};
        for (std::size_t k = 0; k < 3; ++k) {
            const auto& p = m->primitives[k];
            CHECK(p.transform == glm::mat4(1.0f));
            const double v = enclosedVolume(p.vertices, p.indices);
            CHECK(std::fabs(v - target * fractions[k]) / (target * fractions[k]) < 0.01);
            const auto& mat = m->materials[static_cast<std::size_t>(p.material)];
            CHECK(mat.alphaMode == AlphaMode::Blend);
            CHECK(mat.baseColour[3] < 1.0f);
            CHECK(mat.baseColour[3] == Approx(orebody::shellOpacity(k)));
        }
        // Richer shells are redder: less green in the colour.
        CHECK(m->materials[2].baseColour[1] < m->materials[0].baseColour[1]);
        // The body hangs below its origin.
        CHECK(m->boundsMax.y == Approx(0.0f).margin(1e-3));
        CHECK(m->boundsMin.y < 0.0f);
        // Small enough to commit a handful.
        auto bytes = readFileBytes(file);
        REQUIRE(bytes.ok());
        CHECK(bytes->size() < 64 * 1024);
    }
}

TEST_CASE("ore body .glb is the same bytes every run", "[orebody]") {
    orebody::OrebodySpec spec{"Qulong", "Cu", {1517.0, 0.52, 2.7}};
    auto a = orebody::orebodyGlb(spec);
    auto b = orebody::orebodyGlb(spec);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
    CHECK_FALSE(orebody::orebodyGlb({"", "Cu", {10.0, 1.0, 2.7}}).ok());
    auto bad = orebody::orebodyGlb({"X", "Cu", {-1.0, 1.0, 2.7}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("tonnage") != std::string::npos);
}

TEST_CASE("ore body grade colours run from yellow to red", "[orebody]") {
    const glm::vec3 low = orebody::gradeColour(0.1), mid = orebody::gradeColour(0.5), high = orebody::gradeColour(2.0);
    CHECK(low.g > mid.g);
    CHECK(mid.g > high.g);
    CHECK(orebody::gradeColour(5.0) == high);  // clamped
    CHECK(orebody::gradeColour(0.0) == low);
}
