// Frame time of the model pass over the default scene's terrain (the committed DEM around Qulong)
// on the Vulkan device at hand (lavapipe in CI): the terrain alone, with 20 bodies (10 opaque
// textured boxes and 5 pairs of nested translucent shells), and the same in the underground view
// (terrain at 50 % opacity: a depth pre-pass and a blended pass, plus a cutaway). Each iteration
// draws one 640x360 frame and waits for it.
// Run: build/bench/plateau_body_frame_bench
#include <benchmark/benchmark.h>

#include <memory>

#include "app/commands.h"
#include "app/globe_view.h"
#include "app/offscreen_session.h"
#include "app/scene_setup.h"
#include "core/model_placement.h"
#include "core/model_shapes.h"

namespace {
using namespace plateau;

constexpr int kW = 640, kH = 360;

struct World {
    std::unique_ptr<app::OffscreenSession> session;
    std::unique_ptr<app::GlobeView> view;
    std::shared_ptr<TileSource> source;
    Scene scene;
    Camera camera;
    std::vector<gpu::ModelInstance> bodies;
    std::uint64_t bodyTriangles = 0;
};

ModelData textured() {
    ModelData d;
    ModelTexture t{64, 64, {}};
    for (std::uint32_t i = 0; i < 64 * 64; ++i)
        for (std::uint8_t v : {std::uint8_t(((i % 64) / 8 + (i / 512)) % 2 ? 200 : 60), std::uint8_t(120),
                               std::uint8_t(80), std::uint8_t(255)})
            t.rgba.push_back(v);
    d.textures.push_back(t);
    d.materials.push_back(plainMaterial("ore", {0.9f, 0.6f, 0.3f, 1.0f}, 0.3f, 0.5f));
    d.materials[0].baseColourTexture = 0;
    ModelPrimitive box = makeBox({300, 200, 300}, 0, "box");
    ModelPrimitive cap = makeSphere(120.0f, 24, 0, "cap", glm::vec3(0, 100, 0));
    d.primitives = {box, cap};
    updateBounds(d);
    return d;
}

ModelData shells() {
    ModelData d;
    d.materials.push_back(plainMaterial("low grade", {0.2f, 0.4f, 0.9f, 0.35f}));
    d.materials.push_back(plainMaterial("high grade", {0.9f, 0.2f, 0.1f, 0.6f}));
    for (auto& m : d.materials) m.doubleSided = true;
    d.primitives = {makeSphere(350.0f, 32, 0, "outer"), makeSphere(150.0f, 32, 1, "inner")};
    updateBounds(d);
    return d;
}

World& world() {
    static std::unique_ptr<World> w;
    if (w) return *w;
    w = std::make_unique<World>();
    auto opened = app::openScene(app::defaultScenePath(), [](const std::string&) {});
    if (!opened) throw std::runtime_error(opened.error().message);
    w->scene = opened->scene;
    w->source = opened->source;
    app::OffscreenOptions o = app::offscreenOptions(app::CommonOptions{}, w->scene, kW, kH);
    w->session = std::make_unique<app::OffscreenSession>(o);
    w->view = std::make_unique<app::GlobeView>(w->source, w->session->renderer(), [](const std::string&) {},
                                               app::memoryBudget(w->scene));
    // Looking north over Qulong from the south, 6 km up.
    w->camera = makeCamera({91.583, 29.45, 9000.0, 0, -30}, kW, kH);
    w->view->settle({w->camera}, app::selectionParams(w->scene.maxScreenSpaceError, w->scene.shading,
                                                      w->source->maxZoom()));
    const ModelData a = textured(), b = shells();
    const gpu::ModelHandle ha = w->session->renderer().uploadModel(a);
    const gpu::ModelHandle hb = w->session->renderer().uploadModel(b);
    const double e = w->scene.shading.exaggeration;
    for (int i = 0; i < 20; ++i) {
        const double lon = 91.55 + 0.015 * (i % 5), lat = 29.52 + 0.015 * (i / 5);
        const double surface = w->view->terrainHeight(lon, lat).value_or(4500.0);
        const ModelPlacement p{lon, lat, 0.0, 400.0, 15.0 * i, 0, 0, 1.0};
        const bool shell = i % 2 == 1;
        w->bodies.push_back({shell ? hb : ha, modelToEcef(p, surface, e), 1.0f});
        w->bodyTriangles += (shell ? b : a).triangleCount();
    }
    return *w;
}

void drawFrames(benchmark::State& state, bool bodies, bool underground) {
    World& w = world();
    gpu::FrameDesc f = w.view->frame({w.camera}, w.scene.shading);
    if (bodies) f.models = w.bodies;
    if (underground) {
        f.style.underground.enabled = true;
        f.style.underground.terrainOpacity = 0.5;
        f.style.underground.cutawayOn = true;
        f.style.underground.cutaway = {91.583, 29.5, 180.0};
    }
    gpu::FrameResult r;
    for (auto _ : state) r = w.session->render(f, true);
    state.counters["terrain_tiles"] = double(r.stats.tiles);
    state.counters["terrain_triangles"] = double(r.stats.triangles);
    state.counters["bodies"] = double(r.stats.models);
    state.counters["body_triangles"] = double(r.stats.modelTriangles);
}

void BM_FrameTerrainOnly(benchmark::State& state) { drawFrames(state, false, false); }
void BM_FrameTerrain20Bodies(benchmark::State& state) { drawFrames(state, true, false); }
void BM_FrameUnderground20Bodies(benchmark::State& state) { drawFrames(state, true, true); }
BENCHMARK(BM_FrameTerrainOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_FrameTerrain20Bodies)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_FrameUnderground20Bodies)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
