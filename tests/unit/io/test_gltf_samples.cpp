// Every valid sample model in ../shared/data/gltf loads; every deliberately broken one is refused
// with one line naming the file. Expected counts were taken from the files' JSON (index accessor
// counts / 3, summed over the nodes that use each mesh) and their published descriptions.
#include <catch2/catch.hpp>

#include <filesystem>

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
        {"khronos/2CylinderEngine/glTF-Binary/2CylinderEngine.glb", 0},
        {"khronos/Fox/glTF-Binary/Fox.glb", 0},
        {"khronos/MorphStressTest/glTF-Embedded/MorphStressTest.gltf", 0},
        {"khronos/SimpleSkin/SimpleSkin.gltf", 0},
        {"khronos/SimpleSparseAccessor/SimpleSparseAccessor.gltf", 0},
        {"khronos/AnimatedMorphCube/glTF/AnimatedMorphCube.gltf", 0},
        {"khronos/MorphPrimitivesTest/glTF/MorphPrimitivesTest.gltf", 0},
        {"khronos/SimpleMorph/glTF/SimpleMorph.gltf", 0},
        {"khronos/TextureTransformTest/TextureTransformTest.gltf", 0},
        {"khronos/Cameras/Cameras.gltf", 0},
        {"assimp-tests/BoxTexcoords_two_uv_sets/boxTexcoords.gltf", 0},
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
        std::printf("%-60s tris %zu prims %zu mats %zu tex %zu bounds %g %g %g .. %g %g %g\n", s.path, m->triangleCount(),
                    m->primitives.size(), m->materials.size(), m->textures.size(), m->boundsMin.x, m->boundsMin.y,
                    m->boundsMin.z, m->boundsMax.x, m->boundsMax.y, m->boundsMax.z);
        if (s.triangles) CHECK(m->triangleCount() == s.triangles);
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
            std::printf("%s\n", msg.c_str());
            CHECK(msg.find('\n') == std::string::npos);
            CHECK(msg.rfind(e.path().string() + ": ", 0) == 0);
        }
    }
    CHECK(count >= 15);
}
