// Every valid sample model in ../shared/data/gltf loads; every deliberately broken one is refused
// with one line naming the file. Expected counts were taken from the files' JSON (index accessor
// counts / 3, summed over the nodes that use each mesh) and their published descriptions.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <set>
#include <tuple>

#include "io/gltf_reader.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kGltf = fs::path(PLATEAU_SHARED_DATA) / "gltf";

struct Sample {
    const char* path;
    std::size_t triangles;  // 0: not checked
};

}  // namespace

TEST_CASE("every valid glTF sample loads", "[gltf]") {
    const Sample samples[] = {
        {"khronos/Box/glTF-Embedded/Box.gltf", 12},
        {"khronos/BoxTextured/glTF/BoxTextured.gltf", 12},
        {"khronos/BoxTextured/glTF-Embedded/BoxTextured.gltf", 12},
        {"khronos/BoxTextured/glTF-Binary/BoxTextured.glb", 12},
        {"khronos/2CylinderEngine/glTF-Binary/2CylinderEngine.glb", 121496},
        {"khronos/Fox/glTF-Binary/Fox.glb", 576},
        {"khronos/MorphStressTest/glTF-Embedded/MorphStressTest.gltf", 2412},
        {"khronos/SimpleSkin/SimpleSkin.gltf", 0},
        {"khronos/SimpleSparseAccessor/SimpleSparseAccessor.gltf", 12},
        {"khronos/AnimatedMorphCube/glTF/AnimatedMorphCube.gltf", 12},
        {"khronos/MorphPrimitivesTest/glTF/MorphPrimitivesTest.gltf", 0},
        {"khronos/SimpleMorph/glTF/SimpleMorph.gltf", 0},
        {"khronos/TextureTransformTest/TextureTransformTest.gltf", 24},
        {"khronos/Cameras/Cameras.gltf", 2},
        {"assimp-tests/BoxTexcoords_two_uv_sets/boxTexcoords.gltf", 12},
        {"assimp-tests/simple_skin/simple_skin.gltf", 0},
        {"assimp-tests/simple_skin/quad_skin.glb", 0},
        {"gltf-sdk-tests/BoxInterleaved.glb", 12},
        // Filed under invalid_glb, but valid: a GLB may leave out its BIN chunk and take its
        // buffers from data URIs (glTF 2.0, 4.4.3.3), and glTF-SDK's own test of this file is
        // GLTFTests "GLB_Deserialize_Valid_NoBuffer" (GLTFSDK.Test/Source/GLTFTests.cpp).
        {"gltf-sdk-tests/invalid_glb/CubeNoBuffer.glb", 12},
    };
    for (const auto& s : samples) {
        INFO(s.path);
        auto m = loadGltf(kGltf / s.path);
        if (!m) FAIL(m.error().message);
        if (s.triangles) CHECK(m->triangleCount() == s.triangles);
        CHECK_FALSE(m->schematic);
        for (const auto& p : m->primitives) {
            REQUIRE(p.indices.size() % 3 == 0);
            for (auto i : p.indices) REQUIRE(i < p.vertices.size());
            for (const auto& v : p.vertices) REQUIRE(glm::length(v.normal) == Approx(1.0f).margin(1e-3));
            REQUIRE(p.material < static_cast<int>(m->materials.size()));
        }
        for (const auto& t : m->textures) REQUIRE(t.rgba.size() == std::size_t{t.width} * t.height * 4);
    }
}

TEST_CASE("every deliberately invalid glTF file is refused with one line", "[gltf]") {
    std::size_t count = 0;
    for (const auto& dir : {kGltf / "assimp-tests/invalid", kGltf / "gltf-sdk-tests/invalid_glb"}) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            const auto ext = e.path().extension();
            if (ext != ".gltf" && ext != ".glb") continue;
            if (e.path().filename() == "CubeNoBuffer.glb") continue;  // valid, see above
            ++count;
            INFO(e.path());
            auto m = loadGltf(e.path());
            REQUIRE_FALSE(m.ok());
            const auto& msg = m.error().message;
            CHECK(msg.find('\n') == std::string::npos);
            CHECK(msg.rfind(e.path().string() + ": ", 0) == 0);
        }
    }
    CHECK(count >= 15);
    // Messages say what is wrong.
    const auto missing = loadGltf(kGltf / "assimp-tests/invalid/MissingBin/BoxTextured.gltf");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.ends_with(": file 'BoxTextured0.bin' not found in the model's folder"));
    const auto cycle = loadGltf(kGltf / "assimp-tests/invalid/RecursiveNodes/RecursiveNodes.gltf");
    REQUIRE_FALSE(cycle.ok());
    CHECK(cycle.error().message.find("node 0") != std::string::npos);
    const auto index = loadGltf(kGltf / "assimp-tests/invalid/IndexOutOfRange/IndexOutOfRange.gltf");
    REQUIRE_FALSE(index.ok());
    CHECK(index.error().message.find("not below the vertex count 24") != std::string::npos);
}

TEST_CASE("glTF samples: geometry, materials and textures come through", "[gltf]") {
    SECTION("Box: 12 triangles, +-0.5, the node's Y-up turn applied") {
        auto m = loadGltf(kGltf / "khronos/Box/glTF-Embedded/Box.gltf");
        REQUIRE(m.ok());
        CHECK(m->triangleCount() == 12);
        CHECK(m->boundsMin.x == Approx(-0.5f));
        CHECK(m->boundsMax.y == Approx(0.5f));
        CHECK(m->boundsMax.z == Approx(0.5f));
        REQUIRE(m->primitives.size() == 1);
        // Box's root node turns its Z-up mesh into glTF's Y-up: +Z goes to +Y, +Y to -Z.
        const glm::vec4 z = m->primitives[0].transform * glm::vec4(0, 0, 1, 0);
        const glm::vec4 y = m->primitives[0].transform * glm::vec4(0, 1, 0, 0);
        CHECK(z.y == Approx(1.0f));
        CHECK(y.z == Approx(-1.0f));
        REQUIRE(m->materials.size() == 1);
        CHECK(m->materials[0].baseColour[0] == Approx(0.8f));
        CHECK(m->materials[0].baseColour[1] == Approx(0.0f));
        CHECK(m->materials[0].metallic == Approx(1.0f));  // glTF's default: the file gives none
    }
    SECTION("BoxTextured: the same texture from .gltf + files, data URIs and GLB") {
        const char* variants[] = {"glTF/BoxTextured.gltf", "glTF-Embedded/BoxTextured.gltf", "glTF-Binary/BoxTextured.glb"};
        std::vector<std::uint8_t> first;
        for (const char* v : variants) {
            INFO(v);
            auto m = loadGltf(kGltf / "khronos/BoxTextured" / v);
            REQUIRE(m.ok());
            REQUIRE(m->textures.size() == 1);
            CHECK(m->textures[0].width == 211);  // CesiumLogoFlat.png, a palette PNG
            CHECK(m->textures[0].height == 211);
            REQUIRE(m->materials.size() == 1);
            CHECK(m->materials[0].baseColourTexture == 0);
            if (first.empty()) first = m->textures[0].rgba;
            else CHECK(m->textures[0].rgba == first);
        }
    }
    SECTION("interleaved buffer view: positions and normals from one strided view") {
        auto m = loadGltf(kGltf / "gltf-sdk-tests/BoxInterleaved.glb");
        REQUIRE(m.ok());
        for (const auto& v : m->primitives[0].vertices) {
            // Every corner of the cube is at +-0.5, every normal an axis.
            CHECK(std::fabs(v.position.x) == Approx(0.5f));
            CHECK(std::fabs(v.normal.x) + std::fabs(v.normal.y) + std::fabs(v.normal.z) == Approx(1.0f));
        }
    }
    SECTION("sparse accessor: the substituted positions reach y = 4 (dense data stops lower)") {
        auto m = loadGltf(kGltf / "khronos/SimpleSparseAccessor/SimpleSparseAccessor.gltf");
        REQUIRE(m.ok());
        CHECK(m->boundsMax.x == Approx(6.0f));
        CHECK(m->boundsMax.y == Approx(4.0f));
        // Dense rows lie at y = 0 and 1; the three sparse values replace vertices 8, 10 and 12.
        // (No normals in the file: flat normals unweld the vertices, so compare distinct points.)
        std::set<std::tuple<float, float, float>> raised;
        for (const auto& v : m->primitives[0].vertices)
            if (v.position.y > 1.5f) raised.insert({v.position.x, v.position.y, v.position.z});
        CHECK(raised == std::set<std::tuple<float, float, float>>{{1.f, 2.f, 0.f}, {3.f, 3.f, 0.f}, {5.f, 4.f, 0.f}});
    }
    SECTION("2CylinderEngine: 82 nodes flattened to 115 primitives, each with its world transform") {
        auto m = loadGltf(kGltf / "khronos/2CylinderEngine/glTF-Binary/2CylinderEngine.glb");
        REQUIRE(m.ok());
        CHECK(m->primitives.size() == 115);
        CHECK(m->materials.size() == 34);
    }
    SECTION("Fox: skinned, loaded in its bind pose with its texture") {
        auto m = loadGltf(kGltf / "khronos/Fox/glTF-Binary/Fox.glb");
        REQUIRE(m.ok());
        CHECK(m->triangleCount() == 576);
        CHECK(m->boundsMin.z == Approx(-88.095f).epsilon(1e-3));
        CHECK(m->textures.size() == 1);
    }
}
