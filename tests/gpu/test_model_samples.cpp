// The valid glTF samples of the shared corpus, read by the glTF reader, drawn by the model pass:
// each appears where it is placed (its bounds' centre projects inside what is drawn) and none
// makes a validation message. Sizes differ by orders of magnitude, so each is scaled to 800 m.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/model_placement.h"
#include "gpu/model_store.h"
#include "gpu_test_support.h"
#include "io/gltf_reader.h"

using namespace plateau;
using namespace plateau::test;

namespace {
constexpr int kW = 160, kH = 120;
constexpr double kLon = 91.45, kLat = 29.05;

std::vector<std::uint8_t> shoot(GpuFixture& fx, const CameraPose& pose, std::vector<gpu::ModelInstance> models,
                                Camera& drawn) {
    Shading s;
    s.haze = false;
    const Camera cam = makeCamera(pose, kW, kH);
    fx.view->settle({cam}, app::selectionParams(2.0, s, fx.maxZoom));
    gpu::FrameDesc f = fx.view->frame({cam}, s);
    f.models = std::move(models);
    drawn = f.camera;
    return fx.session->renderAndCapture(f, nullptr);
}
}  // namespace

TEST_CASE("models: every valid glTF sample is drawn where it is placed", "[gpu][models][gltf]") {
    const std::filesystem::path dir = std::filesystem::path(PLATEAU_SHARED_DATA) / "gltf";
    const char* samples[] = {
        "khronos/Box/glTF-Embedded/Box.gltf",
        "khronos/BoxTextured/glTF/BoxTextured.gltf",
        "khronos/BoxTextured/glTF-Binary/BoxTextured.glb",
        "khronos/2CylinderEngine/glTF-Binary/2CylinderEngine.glb",
        "khronos/Fox/glTF-Binary/Fox.glb",
        "khronos/MorphStressTest/glTF-Embedded/MorphStressTest.gltf",
        "khronos/SimpleSparseAccessor/SimpleSparseAccessor.gltf",
        "khronos/AnimatedMorphCube/glTF/AnimatedMorphCube.gltf",
        "khronos/TextureTransformTest/TextureTransformTest.gltf",
        "assimp-tests/BoxTexcoords_two_uv_sets/boxTexcoords.gltf",
        "gltf-sdk-tests/BoxInterleaved.glb",
    };
    GpuFixture fx(kW, kH);
    Camera cam;
    const double ground = [&] {
        shoot(fx, CameraPose{kLon, kLat, 12000, 0, -90}, {}, cam);
        return fx.view->terrainHeight(kLon, kLat).value();
    }();
    // From 6 km south, 20 degrees down, so that flat samples (quads facing glTF's +Z, i.e. south
    // once placed) are seen face on rather than edge on from overhead.
    const CameraPose pose{kLon, kLat - 0.054, ground + 1500.0 + 6000.0 * std::tan(glm::radians(20.0)), 0, -20};
    const std::vector<std::uint8_t> empty = shoot(fx, pose, {}, cam);
    for (const char* name : samples) {
        INFO(name);
        auto model = loadGltf(dir / name);
        REQUIRE(model.ok());
        REQUIRE(model->triangleCount() > 0);
        const glm::vec3 size = model->boundsMax - model->boundsMin;
        const double extent = std::max({size.x, size.y, size.z});
        REQUIRE(extent > 0.0);
        const gpu::ModelHandle h = fx.session->renderer().uploadModel(*model);
        REQUIRE(h != 0);
        // Floating 1,500 m above the ground, 800 m across.
        const ModelPlacement place{kLon, kLat, ground + 1500.0, std::nullopt, 0, 0, 0, 800.0 / extent};
        const glm::dmat4 m = modelToEcef(place, ground, 1.0);
        const std::vector<std::uint8_t> drawn = shoot(fx, pose, {{h, m, 1.0f}}, cam);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/model_sample_" + std::filesystem::path(name).stem().string() + ".png",
                 drawn, kW, kH);
        int x0 = kW, y0 = kH, x1 = -1, y1 = -1, changed = 0;
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x) {
                const std::size_t i = (std::size_t(y) * kW + std::size_t(x)) * 4;
                int d = 0;
                for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(drawn[i + std::size_t(c)]) - int(empty[i + std::size_t(c)])));
                if (d <= 8) continue;
                ++changed;
                x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
        // The centre of its bounds projects inside the drawn box (flat or hollow models may leave
        // the centre pixel itself empty), and the model covers a fair part of its box.
        const glm::vec3 c = 0.5f * (model->boundsMin + model->boundsMax);
        const glm::vec4 clip = modelMvp(m, cam) * glm::vec4(c, 1.0f);
        const double sx = (clip.x / clip.w * 0.5 + 0.5) * kW, sy = (clip.y / clip.w * 0.5 + 0.5) * kH;
        INFO("drawn x " << x0 << ".." << x1 << " y " << y0 << ".." << y1 << ", centre projects to " << sx << ", " << sy);
        CHECK(changed >= 8);  // the fox, seen head on, is the narrowest: 2 by 7 pixels
        CHECK(sx >= x0 - 1.0);
        CHECK(sx <= x1 + 2.0);
        CHECK(sy >= y0 - 1.0);
        CHECK(sy <= y1 + 2.0);
        fx.session->renderer().releaseModel(h);
    }
    CHECK(fx.validationMessages() == 0);
}
