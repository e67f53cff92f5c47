#include <catch2/catch.hpp>

#include <cmath>

#include "core/geodesy.h"

using namespace plateau;
using Catch::Matchers::WithinAbs;

namespace {
void requireClose(const glm::dvec3& a, const glm::dvec3& b, double tol) {
    INFO("a = " << a.x << " " << a.y << " " << a.z << ", b = " << b.x << " " << b.y << " " << b.z);
    REQUIRE(glm::length(a - b) < tol);
}
}  // namespace

TEST_CASE("geodeticToEcef at known points", "[geodesy]") {
    requireClose(geodeticToEcef({0, 0, 0}), {wgs84::a, 0, 0}, 1e-6);
    requireClose(geodeticToEcef({90, 0, 0}), {0, wgs84::a, 0}, 1e-6);
    requireClose(geodeticToEcef({180, 0, 100}), {-(wgs84::a + 100), 0, 0}, 1e-6);
    requireClose(geodeticToEcef({0, 90, 0}), {0, 0, wgs84::b}, 1e-6);
    requireClose(geodeticToEcef({0, -90, 1000}), {0, 0, -(wgs84::b + 1000)}, 1e-6);
    // Mount Everest, checked against an independent implementation of the same formulas.
    requireClose(geodeticToEcef({86.9250, 27.9881, 8848}), {302769.8935, 5636025.4671, 2979493.0873}, 1e-3);
}

TEST_CASE("ecefToGeodetic at known points", "[geodesy]") {
    Geodetic g = ecefToGeodetic({wgs84::a, 0, 0});
    CHECK_THAT(g.lon_deg, WithinAbs(0, 1e-12));
    CHECK_THAT(g.lat_deg, WithinAbs(0, 1e-12));
    CHECK_THAT(g.height_m, WithinAbs(0, 1e-6));

    g = ecefToGeodetic({0, 0, wgs84::b + 250});
    CHECK_THAT(g.lat_deg, WithinAbs(90, 1e-12));
    CHECK_THAT(g.height_m, WithinAbs(250, 1e-6));

    g = ecefToGeodetic({0, 0, -(wgs84::b - 300)});
    CHECK_THAT(g.lat_deg, WithinAbs(-90, 1e-12));
    CHECK_THAT(g.height_m, WithinAbs(-300, 1e-6));

    g = ecefToGeodetic({302769.8935, 5636025.4671, 2979493.0873});
    CHECK_THAT(g.lon_deg, WithinAbs(86.9250, 1e-9));
    CHECK_THAT(g.lat_deg, WithinAbs(27.9881, 1e-9));
    CHECK_THAT(g.height_m, WithinAbs(8848, 1e-3));
}

TEST_CASE("geodetic round trip is exact to well below 1 mm from -10 km to 100,000 km", "[geodesy]") {
    const double heights[] = {-10000, -430, 0, 1, 4500, 8848, 1e5, 1e6, 3.6e7, 1e8};
    double worst = 0;
    for (double lat = -90; lat <= 90; lat += 7.5) {
        for (double lon = -180; lon < 180; lon += 22.5) {
            for (double h : heights) {
                const Geodetic in{lon, lat, h};
                const glm::dvec3 p = geodeticToEcef(in);
                const Geodetic out = ecefToGeodetic(p);
                const double err = glm::length(geodeticToEcef(out) - p);
                worst = std::max(worst, err);
                INFO("lon " << lon << " lat " << lat << " h " << h);
                REQUIRE(std::abs(out.height_m - h) < 1e-3);
                // Latitude error as a distance along the surface (and the orbit for high points).
                REQUIRE(std::abs(out.lat_deg - lat) * M_PI / 180 * (wgs84::a + h) < 1e-3);
                if (std::abs(lat) < 90) {
                    double dlon = std::remainder(out.lon_deg - lon, 360.0);
                    REQUIRE(std::abs(dlon) * M_PI / 180 * (wgs84::a + h) * std::cos(lat * M_PI / 180) < 1e-3);
                }
            }
        }
    }
    // Everest specifically.
    const glm::dvec3 ev = geodeticToEcef({86.9250, 27.9881, 8848});
    REQUIRE(glm::length(geodeticToEcef(ecefToGeodetic(ev)) - ev) < 1e-3);
    REQUIRE(worst < 1e-3);
}

TEST_CASE("ENU basis is orthonormal, right-handed and up is the ellipsoid normal", "[geodesy]") {
    for (double lat : {-89.0, -45.0, 0.0, 29.6, 60.0, 89.0}) {
        for (double lon : {-170.0, -30.0, 0.0, 91.583, 179.0}) {
            const glm::dmat3 m = enuBasis(lon, lat);
            const glm::dvec3 e = m[0], n = m[1], u = m[2];
            CHECK_THAT(glm::length(e), WithinAbs(1, 1e-12));
            CHECK_THAT(glm::length(n), WithinAbs(1, 1e-12));
            CHECK_THAT(glm::length(u), WithinAbs(1, 1e-12));
            CHECK_THAT(glm::dot(e, n), WithinAbs(0, 1e-12));
            CHECK_THAT(glm::dot(e, u), WithinAbs(0, 1e-12));
            CHECK_THAT(glm::dot(n, u), WithinAbs(0, 1e-12));
            CHECK(glm::length(glm::cross(e, n) - u) < 1e-12);
            CHECK(glm::length(u - ellipsoidNormal(lon, lat)) < 1e-12);
            // North points towards the north pole: z grows along it.
            CHECK(n.z > 0);
            // The normal is the gradient of x^2/a^2 + y^2/a^2 + z^2/b^2 at the surface point.
            const glm::dvec3 p = geodeticToEcef({lon, lat, 0});
            const glm::dvec3 grad = glm::normalize(glm::dvec3(p.x / (wgs84::a * wgs84::a), p.y / (wgs84::a * wgs84::a),
                                                              p.z / (wgs84::b * wgs84::b)));
            CHECK(glm::length(grad - u) < 1e-12);
            // Moving along up changes only the height.
            const Geodetic g = ecefToGeodetic(p + u * 1234.5);
            CHECK_THAT(g.height_m, WithinAbs(1234.5, 1e-6));
        }
    }
    const glm::dmat3 m = enuBasis(0, 0);
    CHECK(glm::length(m[0] - glm::dvec3(0, 1, 0)) < 1e-15);
    CHECK(glm::length(m[1] - glm::dvec3(0, 0, 1)) < 1e-15);
    CHECK(glm::length(m[2] - glm::dvec3(1, 0, 0)) < 1e-15);
}

TEST_CASE("enuToEcef places the local frame at the point", "[geodesy]") {
    const Geodetic g{91.583, 29.6, 5000};
    const glm::dmat4 m = enuToEcef(g);
    const glm::dvec3 origin = geodeticToEcef(g);
    requireClose(glm::dvec3(m * glm::dvec4(0, 0, 0, 1)), origin, 1e-6);
    requireClose(glm::dvec3(m * glm::dvec4(0, 0, 100, 1)), origin + 100.0 * ellipsoidNormal(g.lon_deg, g.lat_deg), 1e-6);
    // 1 km east keeps the latitude (to first order) and increases the longitude.
    const Geodetic east = ecefToGeodetic(glm::dvec3(m * glm::dvec4(1000, 0, 0, 1)));
    CHECK(east.lon_deg > g.lon_deg);
    CHECK_THAT(east.lat_deg, WithinAbs(g.lat_deg, 1e-4));
    const Geodetic north = ecefToGeodetic(glm::dvec3(m * glm::dvec4(0, 1000, 0, 1)));
    CHECK(north.lat_deg > g.lat_deg);
    CHECK_THAT(north.lon_deg, WithinAbs(g.lon_deg, 1e-9));
}

TEST_CASE("ecefToGeodetic stays finite deep inside the Earth", "[geodesy]") {
    for (const glm::dvec3& p : {glm::dvec3(0, 0, 0), glm::dvec3(1, 0, 0), glm::dvec3(0, 0, 10), glm::dvec3(1e3, 2e3, 3e3),
                                glm::dvec3(4e4, 0, 1e4)}) {
        const Geodetic g = ecefToGeodetic(p);
        CHECK(std::isfinite(g.lat_deg));
        CHECK(std::isfinite(g.lon_deg));
        CHECK(std::isfinite(g.height_m));
        CHECK(g.height_m < -6e6);
    }
}
