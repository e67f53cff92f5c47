#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <utility>

#include "core/model_geometry.h"
#include "core/orebody_shell.h"

using namespace plateau;

namespace {

// Radius of the outer shell at height y, from its vertices (linear between rings).
double radiusAt(const OreShell& s, double y) {
    std::map<float, double> ring;  // height -> radius
    for (const auto& v : s.vertices) ring[v.position.y] = std::hypot(v.position.x, v.position.z);
    auto hi = ring.lower_bound(static_cast<float>(y));
    if (hi == ring.end()) return 0.0;
    if (hi == ring.begin()) return hi->second;
    auto lo = std::prev(hi);
    const double t = (y - lo->first) / (hi->first - lo->first);
    return lo->second + t * (hi->second - lo->second);
}

}  // namespace

TEST_CASE("ore shells enclose tonnage / density within 1 %", "[orebody]") {
    for (const double tonnage : {0.5, 74.6, 120.5, 219.8, 1517.0, 20000.0}) {
        for (const double density : {2.5, 2.7}) {
            auto shells = buildOreShells({tonnage, 0.5, density});
            REQUIRE(shells.ok());
            REQUIRE(shells->size() == 3);
            const double target = tonnage * 1e6 / density;
            for (const auto& s : *shells) {
                const double v = enclosedVolume(s.vertices, s.indices);
                INFO("tonnage " << tonnage << " fraction " << s.tonnageFraction);
                CHECK(v > 0.0);  // positive: wound counter-clockwise from outside
                CHECK(std::fabs(v - target * s.tonnageFraction) / (target * s.tonnageFraction) < 0.01);
                CHECK(s.volumeM3 == Approx(target * s.tonnageFraction));
            }
        }
    }
}

TEST_CASE("ore shells are closed: every edge is shared by exactly two triangles in opposite directions", "[orebody]") {
    auto shells = buildOreShells({100.0, 0.6, 2.7});
    REQUIRE(shells.ok());
    for (const auto& s : *shells) {
        std::map<std::pair<std::uint32_t, std::uint32_t>, int> directed;
        for (std::size_t t = 0; t < s.indices.size(); t += 3)
            for (int k = 0; k < 3; ++k) {
                const auto a = s.indices[t + static_cast<std::size_t>(k)];
                const auto b = s.indices[t + static_cast<std::size_t>((k + 1) % 3)];
                REQUIRE(a != b);
                ++directed[{a, b}];
            }
        for (const auto& [edge, n] : directed) {
            CHECK(n == 1);
            CHECK(directed.count({edge.second, edge.first}) == 1);
        }
    }
}

TEST_CASE("ore shell normals point outward and are unit length", "[orebody]") {
    auto shells = buildOreShells({219.8, 0.43, 2.7});
    REQUIRE(shells.ok());
    for (const auto& s : *shells) {
        glm::dvec3 centre(0.0);
        for (const auto& v : s.vertices) centre += glm::dvec3(v.position);
        centre /= static_cast<double>(s.vertices.size());
        for (const auto& v : s.vertices) {
            CHECK(glm::length(v.normal) == Approx(1.0).margin(1e-4));
            CHECK(glm::dot(glm::dvec3(v.normal), glm::dvec3(v.position) - centre) > 0.0);
        }
    }
}

TEST_CASE("inner ore shells lie inside the outer one, with higher grades", "[orebody]") {
    auto shells = buildOreShells({1517.0, 0.52, 2.7});
    REQUIRE(shells.ok());
    const auto& outer = (*shells)[0];
    float top = -1e9f, bottom = 1e9f;
    for (const auto& v : outer.vertices) {
        top = std::max(top, v.position.y);
        bottom = std::min(bottom, v.position.y);
    }
    CHECK(top == Approx(0.0f).margin(1e-3));  // origin at the top of the outer shell
    const double height = top - bottom;
    double widest = 0.0;
    for (const auto& v : outer.vertices) widest = std::max(widest, std::hypot(double(v.position.x), double(v.position.z)));
    CHECK(height / (2.0 * widest) == Approx(1.5).epsilon(0.1));  // vertically elongated
    // Flares upward: wider three quarters of the way up than a quarter of the way up.
    CHECK(radiusAt(outer, bottom + 0.75 * height) > radiusAt(outer, bottom + 0.25 * height));
    for (std::size_t i = 1; i < shells->size(); ++i) {
        const auto& inner = (*shells)[i];
        CHECK(inner.gradePercent > (*shells)[i - 1].gradePercent);
        for (const auto& v : inner.vertices) {
            REQUIRE(v.position.y < top);
            REQUIRE(v.position.y > bottom);
            CHECK(std::hypot(v.position.x, v.position.z) < radiusAt(outer, v.position.y));
        }
    }
    CHECK((*shells)[0].gradePercent == Approx(0.52));
}

TEST_CASE("ore shells refuse impossible parameters with one-line errors", "[orebody]") {
    auto zero = buildOreShells({0.0, 0.5, 2.7});
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.error().message.find("tonnage") != std::string::npos);
    auto density = buildOreShells({10.0, 0.5, -1.0});
    REQUIRE_FALSE(density.ok());
    CHECK(density.error().message.find("density") != std::string::npos);
    auto grade = buildOreShells({10.0, 150.0, 2.7});
    REQUIRE_FALSE(grade.ok());
    CHECK(grade.error().message.find("grade") != std::string::npos);
    CHECK_FALSE(buildOreShells({std::nan(""), 0.5, 2.7}).ok());
    CHECK_FALSE(buildOreShells({10.0, 0.5, INFINITY}).ok());
}
