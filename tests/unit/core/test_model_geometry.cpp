#include <catch2/catch.hpp>

#include <cmath>

#include "core/model_geometry.h"

using namespace plateau;

namespace {

// A unit cube from -0.5 to 0.5: 8 shared corners, 12 triangles wound counter-clockwise outside.
void cube(std::vector<ModelVertex>& v, std::vector<std::uint32_t>& idx) {
    v.clear();
    for (int i = 0; i < 8; ++i) {
        ModelVertex x;
        x.position = {(i & 1) ? 0.5f : -0.5f, (i & 2) ? 0.5f : -0.5f, (i & 4) ? 0.5f : -0.5f};
        v.push_back(x);
    }
    idx = {0, 2, 3, 0, 3, 1,   // -z
           4, 5, 7, 4, 7, 6,   // +z
           0, 1, 5, 0, 5, 4,   // -y
           2, 6, 7, 2, 7, 3,   // +y
           0, 4, 6, 0, 6, 2,   // -x
           1, 3, 7, 1, 7, 5};  // +x
}

}  // namespace

TEST_CASE("enclosed volume of a cube, signed by winding", "[model-geometry]") {
    std::vector<ModelVertex> v;
    std::vector<std::uint32_t> idx;
    cube(v, idx);
    CHECK(enclosedVolume(v, idx) == Approx(1.0));
    for (auto& p : v) p.position = p.position * 3.0f + glm::vec3(100.0f, -50.0f, 7.0f);  // any origin
    CHECK(enclosedVolume(v, idx) == Approx(27.0));
    for (std::size_t t = 0; t < idx.size(); t += 3) std::swap(idx[t + 1], idx[t + 2]);
    CHECK(enclosedVolume(v, idx) == Approx(-27.0));
}

TEST_CASE("flat normals unweld vertices and face outward", "[model-geometry]") {
    std::vector<ModelVertex> v;
    std::vector<std::uint32_t> idx;
    cube(v, idx);
    generateFlatNormals(v, idx);
    REQUIRE(v.size() == 36);
    REQUIRE(idx.size() == 36);
    for (std::size_t t = 0; t < idx.size(); t += 3) {
        const glm::vec3 centre = (v[idx[t]].position + v[idx[t + 1]].position + v[idx[t + 2]].position) / 3.0f;
        const glm::vec3 n = v[idx[t]].normal;
        CHECK(glm::length(n) == Approx(1.0f));
        CHECK(glm::dot(n, centre) == Approx(0.5f));  // every point of a face is 0.5 along its normal
        CHECK(glm::dot(n, centre) > 0.0f);
        CHECK(v[idx[t + 1]].normal == n);
    }
}

TEST_CASE("smooth normals average the faces around a corner", "[model-geometry]") {
    std::vector<ModelVertex> v;
    std::vector<std::uint32_t> idx;
    cube(v, idx);
    generateSmoothNormals(v, idx);
    for (const auto& x : v) {
        CHECK(glm::length(x.normal) == Approx(1.0f));
        // Each corner's normal points away from the centre, into its own octant.
        CHECK(x.normal.x * x.position.x > 0.0f);
        CHECK(x.normal.y * x.position.y > 0.0f);
        CHECK(x.normal.z * x.position.z > 0.0f);
    }
}

TEST_CASE("tangents follow the U direction and carry handedness", "[model-geometry]") {
    // A quad in the XZ plane facing +Y with u along +X and v along -Z (right-handed UV frame).
    std::vector<ModelVertex> v(4);
    v[0].position = {0, 0, 0};  v[0].uv = {0, 0};
    v[1].position = {1, 0, 0};  v[1].uv = {1, 0};
    v[2].position = {1, 0, -1}; v[2].uv = {1, 1};
    v[3].position = {0, 0, -1}; v[3].uv = {0, 1};
    for (auto& x : v) x.normal = {0, 1, 0};
    std::vector<std::uint32_t> idx{0, 1, 2, 0, 2, 3};
    generateTangents(v, idx);
    for (const auto& x : v) {
        CHECK(x.tangent.x == Approx(1.0f));
        CHECK(x.tangent.y == Approx(0.0f).margin(1e-6));
        CHECK(x.tangent.z == Approx(0.0f).margin(1e-6));
        CHECK(x.tangent.w == 1.0f);  // bitangent = cross(n, t) * w = (0,0,-1) = dP/dv
    }
    // Mirror the texture: the handedness flips.
    for (auto& x : v) x.uv.y = 1.0f - x.uv.y;
    generateTangents(v, idx);
    for (const auto& x : v) CHECK(x.tangent.w == -1.0f);
    // Degenerate UVs: still a unit tangent perpendicular to the normal.
    for (auto& x : v) x.uv = {0.5f, 0.5f};
    generateTangents(v, idx);
    for (const auto& x : v) {
        CHECK(glm::length(glm::vec3(x.tangent)) == Approx(1.0f));
        CHECK(glm::dot(glm::vec3(x.tangent), x.normal) == Approx(0.0f).margin(1e-6));
    }
}
