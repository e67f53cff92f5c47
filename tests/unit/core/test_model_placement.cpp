// Model placement (glTF space to ECEF with heading/pitch/roll, depth and exaggeration), the code
// shapes, and picking a body by a ray.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/geodesy.h"
#include "core/model_picking.h"
#include "core/model_placement.h"
#include "core/model_shapes.h"
#include "core/underground.h"
#include "core/camera_control.h"

using namespace plateau;

namespace {
glm::dvec3 apply(const glm::dmat4& m, glm::dvec3 p) { return glm::dvec3(m * glm::dvec4(p, 1.0)); }
// Local east, north, up of an ECEF point relative to the ENU frame at (lon, lat, 0).
glm::dvec3 toEnu(double lon, double lat, const glm::dvec3& p) {
    const glm::dmat3 enu = enuBasis(lon, lat);
    return glm::transpose(enu) * (p - geodeticToEcef({lon, lat, 0.0}));
}
}  // namespace

TEST_CASE("placement: glTF axes map to east, up and south", "[model][placement]") {
    ModelPlacement p{91.5, 29.6, 1000.0, std::nullopt, 0, 0, 0, 1.0};
    const glm::dmat4 m = modelToEcef(p, 0.0, 1.0);
    const glm::dvec3 o = toEnu(91.5, 29.6, apply(m, {0, 0, 0}));
    CHECK(o.x == Approx(0.0).margin(1e-6));
    CHECK(o.y == Approx(0.0).margin(1e-6));
    CHECK(o.z == Approx(1000.0).margin(1e-6));
    const glm::dvec3 x = toEnu(91.5, 29.6, apply(m, {10, 0, 0})) - o;
    const glm::dvec3 y = toEnu(91.5, 29.6, apply(m, {0, 10, 0})) - o;
    const glm::dvec3 z = toEnu(91.5, 29.6, apply(m, {0, 0, 10})) - o;
    CHECK(x.x == Approx(10.0).margin(1e-6));   // +X east
    CHECK(y.z == Approx(10.0).margin(1e-6));   // +Y up
    CHECK(z.y == Approx(-10.0).margin(1e-6));  // +Z south
    // The model origin is at the stated elevation above the ellipsoid.
    CHECK(ecefToGeodetic(apply(m, {0, 0, 0})).height_m == Approx(1000.0).margin(1e-6));
}

TEST_CASE("placement: heading clockwise from north, pitch raises the front, roll lowers the right",
          "[model][placement]") {
    const double lon = 88.0, lat = 30.0;
    auto local = [&](double h, double pt, double r, glm::dvec3 q) {
        ModelPlacement p{lon, lat, 0.0, std::nullopt, h, pt, r, 1.0};
        const glm::dmat4 m = modelToEcef(p, 0.0, 1.0);
        return toEnu(lon, lat, apply(m, q)) - toEnu(lon, lat, apply(m, {0, 0, 0}));
    };
    const glm::dvec3 front{0, 0, -100};  // glTF -Z: north at heading 0
    glm::dvec3 f = local(90, 0, 0, front);
    CHECK(f.x == Approx(100.0).margin(1e-6));  // heading 90: faces east
    CHECK(f.y == Approx(0.0).margin(1e-6));
    f = local(0, 30, 0, front);
    CHECK(f.z == Approx(50.0).margin(1e-6));  // pitch 30: front end 50 m higher
    CHECK(f.y == Approx(100.0 * std::cos(30.0 * 3.14159265358979 / 180.0)).margin(1e-6));
    const glm::dvec3 right = local(0, 0, 30, {100, 0, 0});
    CHECK(right.z == Approx(-50.0).margin(1e-6));  // roll 30: right side 50 m lower
}

TEST_CASE("placement: scale, depth below the surface, exaggeration keeps the body under its ground",
          "[model][placement]") {
    const double lon = 91.583, lat = 29.6, surface = 4500.0;
    ModelPlacement p{lon, lat, 0.0, 300.0, 20, 10, 5, 2.0};
    CHECK(anchorElevation(p, surface) == Approx(4200.0));
    for (double e : {1.0, 3.0}) {
        const glm::dmat4 m = modelToEcef(p, surface, e);
        // The origin is drawn at (surface - depth) * e, where the terrain draws elevation 4200.
        CHECK(ecefToGeodetic(apply(m, {0, 0, 0})).height_m == Approx(4200.0 * e).margin(1e-3));
        // A point 100 m above the origin in model space (scale 2: 200 m up before tilting): its
        // vertical offset grows with e, its horizontal one does not.
        const glm::dvec3 d1 = toEnu(lon, lat, apply(modelToEcef(p, surface, 1.0), {0, 100, 0})) -
                              toEnu(lon, lat, apply(modelToEcef(p, surface, 1.0), {0, 0, 0}));
        const glm::dvec3 de = toEnu(lon, lat, apply(m, {0, 100, 0})) - toEnu(lon, lat, apply(m, {0, 0, 0}));
        CHECK(de.x == Approx(d1.x).margin(1e-6));
        CHECK(de.y == Approx(d1.y).margin(1e-6));
        CHECK(de.z == Approx(d1.z * e).margin(1e-6));
        CHECK(glm::length(d1) == Approx(200.0).margin(1e-6));
    }
    // A body whose top is 100 m below the surface at 1x stays below the drawn surface at 3x:
    // top at elevation 4400 is drawn at 13200, the ground at 13500.
    ModelPlacement q{lon, lat, 0.0, 300.0, 0, 0, 0, 1.0};
    const double top = ecefToGeodetic(apply(modelToEcef(q, surface, 3.0), {0, 200, 0})).height_m;
    CHECK(top == Approx(4400.0 * 3.0).margin(1e-3));
    CHECK(top < surface * 3.0);
}

TEST_CASE("placement: camera-relative float matrices do not lose the metre far from the origin",
          "[model][placement]") {
    ModelPlacement p{91.5, 29.6, 4000.0, std::nullopt, 0, 0, 0, 1.0};
    const glm::dmat4 m = modelToEcef(p, 0.0, 1.0);
    const Camera cam = makeCamera({91.5, 29.6, 4010.0, 0, -90}, 100, 100);
    const glm::mat4 rel = modelRelative(m, cam);
    // A vertex 0.01 m east of the origin keeps its centimetre relative to the camera.
    const glm::vec3 a = glm::vec3(rel * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f));
    const glm::vec3 b = glm::vec3(rel * glm::vec4(0.01f, 0.0f, 0.0f, 1.0f));
    CHECK(glm::length(b - a) == Approx(0.01).margin(1e-5));
    CHECK(glm::length(a) == Approx(10.0).margin(1e-3));
    // The clip position of the origin: straight below the camera, in the image centre.
    const glm::vec4 c = modelMvp(m, cam) * glm::vec4(0, 0, 0, 1);
    CHECK(c.x / c.w == Approx(0.0).margin(1e-4));
    CHECK(c.y / c.w == Approx(0.0).margin(1e-4));
}

TEST_CASE("shapes: closed, outward, counter-clockwise from outside", "[model][shapes]") {
    for (const ModelPrimitive& prim : {makeBox({2, 4, 6}, 0, "box"), makeSphere(5.0f, 8, 0, "sphere")}) {
        double volume = 0;
        for (std::size_t k = 0; k < prim.indices.size(); k += 3) {
            const glm::dvec3 a(prim.vertices[prim.indices[k]].position), b(prim.vertices[prim.indices[k + 1]].position),
                c(prim.vertices[prim.indices[k + 2]].position);
            volume += glm::dot(a, glm::cross(b, c)) / 6.0;  // positive for outward winding
            const glm::dvec3 n = glm::cross(b - a, c - a);
            const glm::dvec3 vn(prim.vertices[prim.indices[k]].normal);
            CHECK(glm::dot(n, vn) > 0.0);  // geometric and shading normals agree
        }
        if (prim.node == "box") CHECK(volume == Approx(48.0));
        else CHECK(volume == Approx(4.0 / 3.0 * 3.14159265 * 125.0).epsilon(0.1));
    }
}

TEST_CASE("picking: the nearest body and node under a ray, through placement", "[model][picking]") {
    ModelData d;
    d.materials.push_back(plainMaterial("rock", {0.5f, 0.5f, 0.5f, 1.0f}));
    d.primitives.push_back(makeSphere(100.0f, 12, 0, "outer"));
    d.primitives.push_back(makeBox({50, 50, 50}, 0, "core"));
    updateBounds(d);
    CHECK(d.boundsMax.x == Approx(100.0f));
    const ModelPlacement a{91.5, 29.6, 3000.0, std::nullopt, 0, 0, 0, 1.0};
    const ModelPlacement b{91.52, 29.6, 3000.0, std::nullopt, 0, 0, 0, 1.0};
    std::vector<PickableModel> models{{&d, modelToEcef(a, 0, 2.0), 7}, {&d, modelToEcef(b, 0, 2.0), 8}};
    const Camera cam = makeCamera({91.5, 29.6, 9000.0, 0, -90}, 101, 101);
    const auto hit = pickModelAt(cam, 50, 50, models);
    REQUIRE(hit);
    CHECK(hit->id == 7);
    CHECK(hit->node == "outer");
    // The top of the sphere at 2x: 3000 * 2 + 100 * 2 = 6200 m.
    CHECK(ecefToGeodetic(hit->ecef).height_m == Approx(6200.0).margin(1.0));
    CHECK(hit->distance_m == Approx(2800.0).margin(1.0));
    // From inside the outer shell the core is the nearest surface below.
    const glm::dvec3 inside = geodeticToEcef({91.5, 29.6, 6000.0 + 80.0});
    const auto h2 = pickModel(inside, -ellipsoidNormal(91.5, 29.6), models);
    REQUIRE(h2);
    CHECK(h2->node == "core");
    CHECK(h2->distance_m == Approx(80.0 - 50.0).margin(0.01));
    // Off to the side: nothing.
    CHECK_FALSE(pickModelAt(cam, 0, 0, models));
}

TEST_CASE("underground: the cut plane and the navigation floor", "[model][underground]") {
    UndergroundView u;
    const Camera cam = makeCamera({91.5, 29.5, 6000.0, 0, -30}, 100, 100);
    CHECK(cutawayPlane(u, cam) == glm::vec4(0.0f));  // off: nothing is cut
    u.enabled = true;
    u.cutawayOn = true;
    u.cutaway = {91.5, 29.6, 180.0};  // faces south: removes the ground south of 29.6 N
    const glm::vec4 plane = cutawayPlane(u, cam);
    const auto removed = [&](double lon, double lat, double h) {
        const glm::dvec3 rel = geodeticToEcef({lon, lat, h}) - cam.position;
        return glm::dot(glm::dvec3(plane), rel) + double(plane.w) > 0.0;
    };
    CHECK(removed(91.5, 29.59, 4000.0));
    CHECK(removed(91.7, 29.5, 0.0));
    CHECK_FALSE(removed(91.5, 29.61, 4000.0));
    CHECK_FALSE(removed(91.3, 29.61, 12000.0));  // the plane is vertical: any height
    // The plane's signed distance is in metres: 0.01 degrees of latitude is about 1.1 km.
    const glm::dvec3 rel = geodeticToEcef({91.5, 29.59, 4000.0}) - cam.position;
    CHECK(glm::dot(glm::dvec3(plane), rel) + double(plane.w) == Approx(1108.0).margin(5.0));

    // Navigation: the camera may go below the surface only in underground mode.
    const Camera below = makeCamera({91.5, 29.5, 3000.0, 0, -30}, 100, 100);
    const double surface = 4500.0;
    CHECK(cameraPose(clampHeight(below, UndergroundView{}.navigationGround(surface))).height_m == Approx(4550.0));
    CHECK(cameraPose(clampHeight(below, u.navigationGround(surface))).height_m == Approx(3000.0));
    u.maxDepthBelowSurface = 1000.0;
    CHECK(cameraPose(clampHeight(below, u.navigationGround(surface))).height_m == Approx(3550.0));
}
